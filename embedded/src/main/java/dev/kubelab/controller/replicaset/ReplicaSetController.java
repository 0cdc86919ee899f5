package dev.kubelab.controller.replicaset;

import dev.kubelab.controller.framework.ActivePodsWithRanks;
import dev.kubelab.controller.framework.ApiErrors;
import dev.kubelab.controller.framework.Batch;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.Expectations;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.OwnerRefs;
import dev.kubelab.controller.framework.PodControl;
import dev.kubelab.controller.framework.Pods;
import dev.kubelab.controller.framework.QueueController;
import dev.kubelab.controller.framework.Selectors;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetCondition;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatus;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetStatusBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * kube-controller-manager's replicaset controller: keeps {@code spec.replicas} active pods matching the selector,
 * creating them in slow-start batches (1, 2, 4, … at most 500 per sync) and deleting the cheapest ones first;
 * maintains replicas/fullyLabeledReplicas/readyReplicas/availableReplicas/observedGeneration.
 */
public final class ReplicaSetController extends QueueController {
    /** The real controller's BurstReplicas: at most this many creates/deletes per sync. */
    static final int BURST_REPLICAS = 500;

    private final Expectations expectations;
    private final EventRecorder recorder;
    private final PodControl podControl;

    public ReplicaSetController(ControllerContext ctx) {
        super("replicaset", ctx, ctx.intFlag("concurrent-replicaset-syncs", 5));
        this.expectations = new Expectations(ctx.clock());
        this.recorder = ctx.recorder("replicaset-controller");
        this.podControl = new PodControl(ctx.client(), recorder);
    }

    @Override
    protected void registerHandlers() {
        watch(ReplicaSet.class, new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicaSet rs) {
                enqueue(rs);
            }

            @Override
            public void onUpdate(ReplicaSet o, ReplicaSet n) {
                enqueue(n);
            }

            @Override
            public void onDelete(ReplicaSet rs, boolean unknown) {
                expectations.delete(Keys.of(rs));
                enqueue(rs);
            }
        });
        watch(Pod.class, new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                if (pod.getMetadata().getDeletionTimestamp() != null) {
                    onDelete(pod, false);
                    return;
                }
                String owner = ownerKey(pod);
                if (owner != null) {
                    expectations.creationObserved(owner);
                    enqueue(owner);
                } else {
                    matchingReplicaSets(pod).forEach(rs -> enqueue(rs));
                }
            }

            @Override
            public void onUpdate(Pod old, Pod pod) {
                if (Objects.equals(old.getMetadata().getResourceVersion(), pod.getMetadata().getResourceVersion())) {
                    return;
                }
                if (pod.getMetadata().getDeletionTimestamp() != null && old.getMetadata().getDeletionTimestamp() == null) {
                    // Graceful deletion started: count it now, the pod will not come back.
                    onDelete(pod, false);
                    return;
                }
                String owner = ownerKey(pod);
                String oldOwner = ownerKey(old);
                if (oldOwner != null && !oldOwner.equals(owner)) {
                    enqueue(oldOwner);
                }
                if (owner != null) {
                    enqueue(owner);
                    ReplicaSet rs = ctx.informers().get(ReplicaSet.class, owner);
                    int minReady = rs == null || rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
                    if (minReady > 0 && !Pods.isReady(old) && Pods.isReady(pod)) {
                        // Re-check availability once minReadySeconds have passed.
                        enqueueAfter(owner, Duration.ofSeconds(minReady).plusSeconds(1));
                    }
                } else if (!Objects.equals(old.getMetadata().getLabels(), pod.getMetadata().getLabels())
                        || oldOwner != null) {
                    matchingReplicaSets(pod).forEach(rs -> enqueue(rs));
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
                String owner = ownerKey(pod);
                if (owner != null) {
                    expectations.deletionObserved(owner, Keys.of(pod));
                    enqueue(owner);
                }
            }
        });
    }

    /** The key of the ReplicaSet controlling this pod, if it is a ReplicaSet. */
    private static String ownerKey(Pod pod) {
        return OwnerRefs.controllerOf(pod).filter(r -> "ReplicaSet".equals(r.getKind()))
                .map(r -> Keys.of(pod.getMetadata().getNamespace(), r.getName())).orElse(null);
    }

    private List<ReplicaSet> matchingReplicaSets(Pod pod) {
        return ctx.informers().list(ReplicaSet.class, pod.getMetadata().getNamespace()).stream()
                .filter(rs -> Selectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels()))
                .toList();
    }

    @Override
    protected void sync(String key) {
        ReplicaSet rs = ctx.informers().get(ReplicaSet.class, key);
        if (rs == null) {
            expectations.delete(key);
            return;
        }
        boolean needsSync = expectations.satisfied(key) && rs.getMetadata().getDeletionTimestamp() == null;
        List<Pod> all = ctx.informers().list(Pod.class, rs.getMetadata().getNamespace());
        List<Pod> owned = claimPods(rs, all);
        List<Pod> active = owned.stream().filter(Pods::isActive).toList();
        Exception manageError = null;
        if (needsSync) {
            try {
                manageReplicas(key, rs, active, all);
            } catch (RuntimeException e) {
                manageError = e;
            }
        }
        ReplicaSetStatus status = calculateStatus(rs, active, manageError);
        ReplicaSet updated = updateStatus(rs, status);
        int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        if (manageError == null && minReady > 0 && updated != null
                && Objects.equals(updated.getStatus().getReadyReplicas(), replicas(rs))
                && !Objects.equals(updated.getStatus().getAvailableReplicas(), replicas(rs))) {
            enqueueAfter(key, Duration.ofSeconds(minReady));
        }
        if (manageError != null) {
            throw (RuntimeException) manageError;
        }
    }

    private static int replicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas();
    }

    /** ControllerRefManager.ClaimPods: keep owned matching pods, adopt matching orphans, release non-matching ones. */
    private List<Pod> claimPods(ReplicaSet rs, List<Pod> pods) {
        String uid = rs.getMetadata().getUid();
        List<Pod> claimed = new ArrayList<>();
        for (Pod pod : pods) {
            boolean matches = Selectors.matches(rs.getSpec().getSelector(), pod.getMetadata().getLabels());
            var ref = OwnerRefs.controllerOf(pod);
            if (ref.isPresent()) {
                if (!ref.get().getUid().equals(uid)) {
                    continue;
                }
                if (matches) {
                    claimed.add(pod);
                } else if (rs.getMetadata().getDeletionTimestamp() == null && pod.getMetadata().getDeletionTimestamp() == null) {
                    release(pod, uid);
                }
            } else if (matches && rs.getMetadata().getDeletionTimestamp() == null
                    && pod.getMetadata().getDeletionTimestamp() == null) {
                Pod adopted = adopt(rs, pod);
                if (adopted != null) {
                    claimed.add(adopted);
                }
            }
        }
        return claimed;
    }

    private Pod adopt(ReplicaSet rs, Pod pod) {
        try {
            return ctx.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .edit(p -> {
                        List<OwnerReference> refs = p.getMetadata().getOwnerReferences() == null
                                ? new ArrayList<>() : new ArrayList<>(p.getMetadata().getOwnerReferences());
                        if (refs.stream().noneMatch(r -> Boolean.TRUE.equals(r.getController()))) {
                            refs.add(OwnerRefs.controllerRef(rs));
                        }
                        p.getMetadata().setOwnerReferences(refs);
                        return p;
                    });
        } catch (RuntimeException e) {
            log.debug("could not adopt pod {}: {}", pod.getMetadata().getName(), ApiErrors.message(e));
            return null;
        }
    }

    private void release(Pod pod, String uid) {
        try {
            ctx.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .edit(p -> {
                        if (p.getMetadata().getOwnerReferences() != null) {
                            p.getMetadata().setOwnerReferences(new ArrayList<>(p.getMetadata().getOwnerReferences().stream()
                                    .filter(r -> !uid.equals(r.getUid())).toList()));
                        }
                        return p;
                    });
        } catch (RuntimeException e) {
            if (!ApiErrors.isNotFound(e)) {
                throw e;
            }
        }
    }

    private void manageReplicas(String key, ReplicaSet rs, List<Pod> active, List<Pod> related) {
        int diff = active.size() - replicas(rs);
        if (diff < 0) {
            int toCreate = Math.min(-diff, BURST_REPLICAS);
            expectations.expectCreations(key, toCreate);
            Batch.Result r = Batch.slowStart(toCreate, 1,
                    i -> () -> podControl.create(PodControl.podFromTemplate(rs.getSpec().getTemplate(), rs), rs));
            if (r.successes() < toCreate) {
                // Creates that were skipped or failed will never be observed.
                expectations.lowerCreations(key, toCreate - r.successes());
            }
            if (r.firstError() != null) {
                throw r.firstError() instanceof RuntimeException re ? re : new IllegalStateException(r.firstError());
            }
        } else if (diff > 0) {
            int toDelete = Math.min(diff, BURST_REPLICAS);
            List<Pod> victims = ActivePodsWithRanks.sortForDeletion(active, related).subList(0, toDelete);
            Set<String> keys = new HashSet<>();
            victims.forEach(p -> keys.add(Keys.of(p)));
            expectations.expectDeletions(key, keys);
            Batch.Result r = Batch.parallel(victims.size(), i -> () -> {
                Pod p = victims.get(i);
                try {
                    podControl.delete(p.getMetadata().getNamespace(), p.getMetadata().getName(), rs);
                } catch (RuntimeException e) {
                    expectations.deletionObserved(key, Keys.of(p));
                    throw e;
                }
            });
            if (r.firstError() != null) {
                throw r.firstError() instanceof RuntimeException re ? re : new IllegalStateException(r.firstError());
            }
        }
    }

    ReplicaSetStatus calculateStatus(ReplicaSet rs, List<Pod> active, Exception manageError) {
        Map<String, String> templateLabels = rs.getSpec().getTemplate().getMetadata() == null
                ? Map.of() : rs.getSpec().getTemplate().getMetadata().getLabels();
        int minReady = rs.getSpec().getMinReadySeconds() == null ? 0 : rs.getSpec().getMinReadySeconds();
        Instant now = ctx.clock().instant();
        int fullyLabeled = 0;
        int ready = 0;
        int available = 0;
        for (Pod p : active) {
            Map<String, String> labels = p.getMetadata().getLabels() == null ? Map.of() : p.getMetadata().getLabels();
            if (templateLabels == null || labels.entrySet().containsAll(templateLabels.entrySet())) {
                fullyLabeled++;
            }
            if (Pods.isReady(p)) {
                ready++;
                if (Pods.isAvailable(p, minReady, now)) {
                    available++;
                }
            }
        }
        List<ReplicaSetCondition> conditions = new ArrayList<>();
        if (rs.getStatus() != null && rs.getStatus().getConditions() != null) {
            conditions.addAll(rs.getStatus().getConditions());
        }
        conditions.removeIf(c -> "ReplicaFailure".equals(c.getType()));
        if (manageError != null) {
            int diff = active.size() - replicas(rs);
            String reason = diff < 0 ? "FailedCreate" : "FailedDelete";
            conditions.add(new ReplicaSetCondition(now.toString(), ApiErrors.message(manageError), reason, "True", "ReplicaFailure"));
        }
        return new ReplicaSetStatusBuilder()
                .withReplicas(active.size())
                .withFullyLabeledReplicas(fullyLabeled)
                .withReadyReplicas(ready)
                .withAvailableReplicas(available)
                .withObservedGeneration(rs.getMetadata().getGeneration())
                .withConditions(conditions.isEmpty() ? null : conditions)
                .build();
    }

    private ReplicaSet updateStatus(ReplicaSet rs, ReplicaSetStatus status) {
        ReplicaSetStatus cur = rs.getStatus();
        if (cur != null && Objects.equals(n(cur.getReplicas()), status.getReplicas())
                && Objects.equals(n(cur.getFullyLabeledReplicas()), status.getFullyLabeledReplicas())
                && Objects.equals(n(cur.getReadyReplicas()), status.getReadyReplicas())
                && Objects.equals(n(cur.getAvailableReplicas()), status.getAvailableReplicas())
                && Objects.equals(cur.getObservedGeneration(), status.getObservedGeneration())
                && sameConditions(cur.getConditions(), status.getConditions())) {
            return rs;
        }
        ReplicaSet copy = new io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder(rs).withStatus(status).build();
        return ctx.client().apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(copy).updateStatus();
    }

    private static boolean sameConditions(List<ReplicaSetCondition> a, List<ReplicaSetCondition> b) {
        int sa = a == null ? 0 : a.size();
        int sb = b == null ? 0 : b.size();
        if (sa != sb) {
            return false;
        }
        for (int i = 0; i < sa; i++) {
            if (!Objects.equals(a.get(i).getType(), b.get(i).getType()) || !Objects.equals(a.get(i).getReason(), b.get(i).getReason())) {
                return false;
            }
        }
        return true;
    }

    private static Integer n(Integer i) {
        return i == null ? 0 : i;
    }

    @Override
    public void stop() {
        super.stop();
    }
}
