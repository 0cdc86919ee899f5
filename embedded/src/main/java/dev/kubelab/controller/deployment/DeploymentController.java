package dev.kubelab.controller.deployment;

import static dev.kubelab.controller.deployment.RollingUpdateMath.maxSurge;
import static dev.kubelab.controller.deployment.RollingUpdateMath.maxUnavailable;
import static dev.kubelab.controller.deployment.RollingUpdateMath.replicas;

import dev.kubelab.controller.framework.ApiErrors;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.OwnerRefs;
import dev.kubelab.controller.framework.PodTemplateHash;
import dev.kubelab.controller.framework.QueueController;
import dev.kubelab.controller.framework.Selectors;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentCondition;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatusBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * kube-controller-manager's deployment controller: owns ReplicaSets named {@code <deployment>-<pod-template-hash>},
 * rolls out template changes (RollingUpdate honouring maxSurge/maxUnavailable, or Recreate), scales
 * proportionally, keeps {@code deployment.kubernetes.io/revision} annotations (so {@code kubectl rollout
 * history/undo} work — undo is client-side in kubectl), handles pause/resume, trims old ReplicaSets to
 * {@code revisionHistoryLimit}, and maintains the Available/Progressing conditions with the real reasons.
 */
public final class DeploymentController extends QueueController {
    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String REVISION_HISTORY = "deployment.kubernetes.io/revision-history";
    static final String DESIRED_REPLICAS = "deployment.kubernetes.io/desired-replicas";
    static final String MAX_REPLICAS = "deployment.kubernetes.io/max-replicas";
    /** Annotations a Deployment does not pass on to its ReplicaSets (deploymentutil.annotationsToSkip). */
    private static final Set<String> SKIP = Set.of("kubectl.kubernetes.io/last-applied-configuration", REVISION,
            REVISION_HISTORY, DESIRED_REPLICAS, MAX_REPLICAS, "deprecated.deployment.rollback.to");

    private final EventRecorder recorder;

    public DeploymentController(ControllerContext ctx) {
        super("deployment", ctx, ctx.intFlag("concurrent-deployment-syncs", 5));
        this.recorder = ctx.recorder("deployment-controller");
    }

    @Override
    protected void registerHandlers() {
        watchAll(Deployment.class, this::enqueue);
        watch(ReplicaSet.class, new ResourceEventHandler<>() {
            @Override
            public void onAdd(ReplicaSet rs) {
                onRs(rs);
            }

            @Override
            public void onUpdate(ReplicaSet o, ReplicaSet n) {
                if (!Objects.equals(o.getMetadata().getResourceVersion(), n.getMetadata().getResourceVersion())) {
                    onRs(o);
                    onRs(n);
                }
            }

            @Override
            public void onDelete(ReplicaSet rs, boolean unknown) {
                onRs(rs);
            }
        });
    }

    private void onRs(ReplicaSet rs) {
        var ref = OwnerRefs.controllerOf(rs);
        if (ref.isPresent()) {
            if ("Deployment".equals(ref.get().getKind())) {
                enqueue(Keys.of(rs.getMetadata().getNamespace(), ref.get().getName()));
            }
            return;
        }
        // Orphan: a Deployment whose selector matches may adopt it.
        for (Deployment d : ctx.informers().list(Deployment.class, rs.getMetadata().getNamespace())) {
            if (Selectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels())) {
                enqueue(d);
            }
        }
    }

    @Override
    protected void sync(String key) {
        Deployment d = ctx.informers().get(Deployment.class, key);
        if (d == null) {
            return;
        }
        d = new DeploymentBuilder(d).build(); // never mutate the informer's cached object
        if (Selectors.isEmpty(d.getSpec().getSelector())) {
            recorder.event(d, EventRecorder.WARNING, "SelectingAll",
                    "This deployment is selecting all pods. A non-empty selector is required.");
            if (d.getStatus() == null || !Objects.equals(d.getStatus().getObservedGeneration(), d.getMetadata().getGeneration())) {
                DeploymentStatus s = new DeploymentStatusBuilder(d.getStatus() == null ? new DeploymentStatus() : d.getStatus())
                        .withObservedGeneration(d.getMetadata().getGeneration()).build();
                writeStatus(d, s);
            }
            return;
        }
        List<ReplicaSet> rsList = claimReplicaSets(d);
        if (d.getMetadata().getDeletionTimestamp() != null) {
            State st = state(d, rsList, false);
            syncDeploymentStatus(st.all(), st.newRS(), d);
            return;
        }
        d = checkPausedConditions(d);
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            scaleOnly(d, rsList);
            return;
        }
        if (isScalingEvent(d, rsList)) {
            scaleOnly(d, rsList);
            return;
        }
        if (RollingUpdateMath.isRollingUpdate(d)) {
            rolloutRolling(d, rsList);
        } else {
            rolloutRecreate(d, rsList);
        }
    }

    // ---- ReplicaSet ownership ----

    private List<ReplicaSet> claimReplicaSets(Deployment d) {
        List<ReplicaSet> out = new ArrayList<>();
        for (ReplicaSet rs : ctx.informers().list(ReplicaSet.class, d.getMetadata().getNamespace())) {
            boolean matches = Selectors.matches(d.getSpec().getSelector(), rs.getMetadata().getLabels());
            var ref = OwnerRefs.controllerOf(rs);
            if (ref.isPresent()) {
                if (ref.get().getUid().equals(d.getMetadata().getUid()) && matches) {
                    out.add(new ReplicaSetBuilder(rs).build());
                }
            } else if (matches && d.getMetadata().getDeletionTimestamp() == null && rs.getMetadata().getDeletionTimestamp() == null) {
                try {
                    Deployment owner = d;
                    out.add(ctx.client().apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
                            .withName(rs.getMetadata().getName()).edit(r -> {
                                List<OwnerReference> refs = r.getMetadata().getOwnerReferences() == null
                                        ? new ArrayList<>() : new ArrayList<>(r.getMetadata().getOwnerReferences());
                                refs.add(OwnerRefs.controllerRef(owner));
                                r.getMetadata().setOwnerReferences(refs);
                                return r;
                            }));
                } catch (RuntimeException e) {
                    log.debug("cannot adopt {}: {}", rs.getMetadata().getName(), ApiErrors.message(e));
                }
            }
        }
        return out;
    }

    private record State(ReplicaSet newRS, List<ReplicaSet> old) {
        List<ReplicaSet> all() {
            List<ReplicaSet> all = new ArrayList<>(old);
            if (newRS != null) {
                all.add(newRS);
            }
            return all;
        }
    }

    /** FindNewReplicaSet: the oldest ReplicaSet whose template equals the Deployment's (ignoring the hash label). */
    static ReplicaSet findNewReplicaSet(Deployment d, List<ReplicaSet> rsList) {
        return rsList.stream().sorted(byCreation())
                .filter(rs -> PodTemplateHash.equalIgnoreHash(rs.getSpec().getTemplate(), d.getSpec().getTemplate()))
                .findFirst().orElse(null);
    }

    private static Comparator<ReplicaSet> byCreation() {
        return Comparator.comparing((ReplicaSet rs) -> String.valueOf(rs.getMetadata().getCreationTimestamp()))
                .thenComparing(rs -> rs.getMetadata().getName());
    }

    static long revision(ReplicaSet rs) {
        var a = rs.getMetadata().getAnnotations();
        try {
            return a == null || a.get(REVISION) == null ? 0 : Long.parseLong(a.get(REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private State state(Deployment d, List<ReplicaSet> rsList, boolean create) {
        ReplicaSet existing = findNewReplicaSet(d, rsList);
        List<ReplicaSet> old = rsList.stream().filter(rs -> existing == null
                || !rs.getMetadata().getUid().equals(existing.getMetadata().getUid())).toList();
        if (!create) {
            return new State(existing, old);
        }
        return new State(getNewReplicaSet(d, rsList, old, existing), old);
    }

    /** getNewReplicaSet: bump the revision of an existing new RS, or create the new RS for the current template. */
    private ReplicaSet getNewReplicaSet(Deployment d, List<ReplicaSet> rsList, List<ReplicaSet> old, ReplicaSet existing) {
        long maxOld = old.stream().mapToLong(DeploymentController::revision).max().orElse(0);
        long newRevision = maxOld + 1;
        if (existing != null) {
            ReplicaSet copy = new ReplicaSetBuilder(existing).build();
            boolean changed = setNewReplicaSetAnnotations(d, copy, newRevision, true);
            boolean minReadyChanged = !Objects.equals(copy.getSpec().getMinReadySeconds(), d.getSpec().getMinReadySeconds());
            if (changed || minReadyChanged) {
                copy.getSpec().setMinReadySeconds(d.getSpec().getMinReadySeconds());
                copy = ctx.client().apps().replicaSets().inNamespace(copy.getMetadata().getNamespace()).resource(copy).update();
            }
            syncDeploymentRevision(d, copy);
            if (progressing(d) == null) {
                DeploymentStatus s = copyStatus(d);
                setCondition(s, condition("Progressing", "True", "FoundNewReplicaSet",
                        "Found new replica set \"" + copy.getMetadata().getName() + "\""));
                writeStatus(d, s);
            }
            return copy;
        }
        Integer collisionCount = d.getStatus() == null ? null : d.getStatus().getCollisionCount();
        String hash = PodTemplateHash.compute(d.getSpec().getTemplate(), collisionCount);
        PodTemplateSpec template = new PodTemplateSpecBuilder(d.getSpec().getTemplate()).editOrNewMetadata()
                .addToLabels(PodTemplateHash.LABEL, hash).endMetadata().build();
        Map<String, String> labels = new HashMap<>(template.getMetadata().getLabels());
        var selector = new LabelSelectorBuilder(d.getSpec().getSelector()).addToMatchLabels(PodTemplateHash.LABEL, hash).build();
        ReplicaSet rs = new ReplicaSetBuilder()
                .withNewMetadata()
                .withName(d.getMetadata().getName() + "-" + hash)
                .withNamespace(d.getMetadata().getNamespace())
                .withLabels(labels)
                .withOwnerReferences(OwnerRefs.controllerRef(d))
                .endMetadata()
                .withNewSpec()
                .withReplicas(0)
                .withMinReadySeconds(d.getSpec().getMinReadySeconds())
                .withSelector(selector)
                .withTemplate(template)
                .endSpec()
                .build();
        List<ReplicaSet> all = new ArrayList<>(rsList);
        int newReplicas = newRSNewReplicas(d, all, rs);
        rs.getSpec().setReplicas(newReplicas);
        setNewReplicaSetAnnotations(d, rs, newRevision, false);
        ReplicaSet created;
        try {
            created = ctx.client().apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(rs).create();
        } catch (RuntimeException e) {
            if (ApiErrors.isAlreadyExists(e)) {
                ReplicaSet clash = ctx.client().apps().replicaSets().inNamespace(rs.getMetadata().getNamespace())
                        .withName(rs.getMetadata().getName()).get();
                if (clash != null && OwnerRefs.isControlledBy(clash, d)
                        && PodTemplateHash.equalIgnoreHash(clash.getSpec().getTemplate(), d.getSpec().getTemplate())) {
                    return clash; // our own, the cache had not seen it yet
                }
                // A hash collision: bump collisionCount so the next hash differs.
                DeploymentStatus s = copyStatus(d);
                s.setCollisionCount(collisionCount == null ? 1 : collisionCount + 1);
                writeStatus(d, s);
                throw e;
            }
            DeploymentStatus s = copyStatus(d);
            setCondition(s, condition("ReplicaFailure", "True", "FailedCreate", ApiErrors.message(e)));
            writeStatus(d, s);
            throw e;
        }
        if (newReplicas > 0) {
            recorder.event(d, EventRecorder.NORMAL, "ScalingReplicaSet",
                    String.format("Scaled up replica set %s from 0 to %d", created.getMetadata().getName(), newReplicas));
        }
        syncDeploymentRevision(d, created);
        DeploymentStatus s = copyStatus(d);
        setCondition(s, condition("Progressing", "True", "NewReplicaSetCreated",
                "Created new replica set \"" + created.getMetadata().getName() + "\""));
        writeStatus(d, s);
        return created;
    }

    /** SetNewReplicaSetAnnotations: copy the Deployment's annotations, set revision (+history) and replica annotations. */
    boolean setNewReplicaSetAnnotations(Deployment d, ReplicaSet rs, long newRevision, boolean exists) {
        Map<String, String> ann = rs.getMetadata().getAnnotations() == null ? new HashMap<>() : new HashMap<>(rs.getMetadata().getAnnotations());
        Map<String, String> before = new HashMap<>(ann);
        if (d.getMetadata().getAnnotations() != null) {
            d.getMetadata().getAnnotations().forEach((k, v) -> {
                if (!SKIP.contains(k)) {
                    ann.put(k, v);
                }
            });
        }
        String oldRevision = ann.get(REVISION);
        long old = 0;
        try {
            old = oldRevision == null ? 0 : Long.parseLong(oldRevision);
        } catch (NumberFormatException ignored) {
            // an unparsable revision is overwritten
        }
        if (old < newRevision) {
            ann.put(REVISION, Long.toString(newRevision));
            if (oldRevision != null && exists) {
                String history = ann.get(REVISION_HISTORY);
                ann.put(REVISION_HISTORY, history == null || history.isEmpty() ? oldRevision : history + "," + oldRevision);
            }
        }
        ann.put(DESIRED_REPLICAS, Integer.toString(replicas(d)));
        ann.put(MAX_REPLICAS, Integer.toString(replicas(d) + maxSurge(d)));
        rs.getMetadata().setAnnotations(ann);
        return !ann.equals(before);
    }

    private void syncDeploymentRevision(Deployment d, ReplicaSet newRS) {
        String rev = newRS.getMetadata().getAnnotations() == null ? null : newRS.getMetadata().getAnnotations().get(REVISION);
        String cur = d.getMetadata().getAnnotations() == null ? null : d.getMetadata().getAnnotations().get(REVISION);
        if (rev != null && !rev.equals(cur)) {
            Deployment edited = ctx.client().apps().deployments().inNamespace(d.getMetadata().getNamespace()).withName(d.getMetadata().getName())
                    .edit(x -> {
                        if (x.getMetadata().getAnnotations() == null) {
                            x.getMetadata().setAnnotations(new HashMap<>());
                        }
                        x.getMetadata().getAnnotations().put(REVISION, rev);
                        return x;
                    });
            d.getMetadata().setResourceVersion(edited.getMetadata().getResourceVersion());
            d.getMetadata().setAnnotations(edited.getMetadata().getAnnotations());
        }
    }

    private int newRSNewReplicas(Deployment d, List<ReplicaSet> all, ReplicaSet newRS) {
        int current = newRS.getSpec().getReplicas() == null ? 0 : newRS.getSpec().getReplicas();
        if (!RollingUpdateMath.isRollingUpdate(d)) {
            return replicas(d);
        }
        int currentPodCount = all.stream().mapToInt(DeploymentController::specReplicas).sum();
        return RollingUpdateMath.newRSNewReplicas(replicas(d), maxSurge(d), currentPodCount, current);
    }

    static int specReplicas(ReplicaSet rs) {
        return rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas();
    }

    static int available(ReplicaSet rs) {
        return rs.getStatus() == null || rs.getStatus().getAvailableReplicas() == null ? 0 : rs.getStatus().getAvailableReplicas();
    }

    // ---- rollouts ----

    private void rolloutRolling(Deployment d, List<ReplicaSet> rsList) {
        State st = state(d, rsList, true);
        ReplicaSet newRS = st.newRS();
        List<ReplicaSet> all = st.all();
        // reconcileNewReplicaSet
        int newReplicas = specReplicas(newRS);
        if (newReplicas != replicas(d)) {
            int target = newReplicas > replicas(d) ? replicas(d) : newRSNewReplicas(d, all, newRS);
            if (scaleReplicaSet(newRS, target, d)) {
                syncRolloutStatus(state(d, claimedNow(d, rsList, newRS), false).all(), newRS, d);
                return;
            }
        }
        // reconcileOldReplicaSets
        List<ReplicaSet> oldActive = st.old().stream().filter(rs -> specReplicas(rs) > 0).sorted(byCreation()).toList();
        int oldPods = st.old().stream().mapToInt(DeploymentController::specReplicas).sum();
        if (oldPods > 0) {
            int allPods = all.stream().mapToInt(DeploymentController::specReplicas).sum();
            int newUnavailable = specReplicas(newRS) - available(newRS);
            int maxScaledDown = RollingUpdateMath.maxScaledDown(allPods, replicas(d), maxUnavailable(d), newUnavailable);
            if (maxScaledDown > 0) {
                boolean scaled = false;
                // cleanupUnhealthyReplicas: scale down unavailable old pods first, they cost no availability.
                int cleaned = 0;
                Map<String, Integer> newSizes = new HashMap<>();
                for (ReplicaSet rs : oldActive) {
                    if (cleaned >= maxScaledDown) {
                        break;
                    }
                    int r = specReplicas(rs);
                    if (r == available(rs)) {
                        continue;
                    }
                    int down = Math.min(maxScaledDown - cleaned, r - available(rs));
                    if (down < 0) {
                        // status.availableReplicas above spec.replicas: the ReplicaSet controller has not yet acted
                        // on a scale-down (its status predates it). "Cleaning up" would scale the ReplicaSet up past
                        // maxSurge; like the real controller, fail this sync and retry once the status is current.
                        throw new IllegalStateException(String.format(
                                "when cleaning up unhealthy replicas, got invalid request to scale down %s/%s %d -> %d",
                                rs.getMetadata().getNamespace(), rs.getMetadata().getName(), r, r - down));
                    }
                    scaled |= scaleReplicaSet(rs, r - down, d);
                    newSizes.put(rs.getMetadata().getUid(), r - down);
                    cleaned += down;
                }
                // scaleDownOldReplicaSetsForRollingUpdate
                int minAvailable = replicas(d) - maxUnavailable(d);
                int availablePods = all.stream().mapToInt(DeploymentController::available).sum();
                if (availablePods > minAvailable) {
                    int total = availablePods - minAvailable;
                    int done = 0;
                    for (ReplicaSet rs : oldActive) {
                        if (done >= total) {
                            break;
                        }
                        int r = newSizes.getOrDefault(rs.getMetadata().getUid(), specReplicas(rs));
                        if (r == 0) {
                            continue;
                        }
                        int down = Math.min(r, total - done);
                        scaled |= scaleReplicaSet(rs, r - down, d);
                        done += down;
                    }
                }
                if (scaled) {
                    syncRolloutStatus(all, newRS, d);
                    return;
                }
            }
        }
        DeploymentStatus cur = d.getStatus();
        if (cur != null && isComplete(d, cur)) {
            cleanupDeployment(st.old(), d);
        }
        syncRolloutStatus(all, newRS, d);
    }

    private List<ReplicaSet> claimedNow(Deployment d, List<ReplicaSet> rsList, ReplicaSet newRS) {
        List<ReplicaSet> out = new ArrayList<>(rsList.stream()
                .filter(rs -> !rs.getMetadata().getName().equals(newRS.getMetadata().getName())).toList());
        out.add(newRS);
        return out;
    }

    /** Recreate: scale all old ReplicaSets to zero, wait for their pods to go, then scale up the new one. */
    private void rolloutRecreate(Deployment d, List<ReplicaSet> rsList) {
        State existing = state(d, rsList, false);
        boolean scaledDown = false;
        for (ReplicaSet rs : existing.old()) {
            scaledDown |= scaleReplicaSet(rs, 0, d);
        }
        if (scaledDown) {
            syncRolloutStatus(existing.all(), existing.newRS(), d);
            return;
        }
        boolean oldPodsRunning = existing.old().stream()
                .anyMatch(rs -> rs.getStatus() != null && rs.getStatus().getReplicas() != null && rs.getStatus().getReplicas() > 0);
        if (oldPodsRunning) {
            syncRolloutStatus(existing.all(), existing.newRS(), d);
            return;
        }
        State st = state(d, rsList, true);
        if (specReplicas(st.newRS()) != replicas(d)) {
            scaleReplicaSet(st.newRS(), replicas(d), d);
        }
        if (d.getStatus() != null && isComplete(d, d.getStatus())) {
            cleanupDeployment(st.old(), d);
        }
        syncRolloutStatus(st.all(), st.newRS(), d);
    }

    /** scaleReplicaSetAndRecordEvent. */
    private boolean scaleReplicaSet(ReplicaSet rs, int newScale, Deployment d) {
        int old = specReplicas(rs);
        ReplicaSet copy = new ReplicaSetBuilder(rs).build();
        boolean annotationsChanged = setReplicasAnnotations(copy, replicas(d), replicas(d) + maxSurge(d));
        if (old == newScale && !annotationsChanged) {
            return false;
        }
        copy.getSpec().setReplicas(newScale);
        ReplicaSet updated = ctx.client().apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).resource(copy).update();
        rs.getSpec().setReplicas(newScale);
        rs.getMetadata().setResourceVersion(updated.getMetadata().getResourceVersion());
        rs.getMetadata().setAnnotations(updated.getMetadata().getAnnotations());
        if (old != newScale) {
            recorder.event(d, EventRecorder.NORMAL, "ScalingReplicaSet", String.format("Scaled %s replica set %s from %d to %d",
                    old < newScale ? "up" : "down", rs.getMetadata().getName(), old, newScale));
        }
        return old != newScale;
    }

    private static boolean setReplicasAnnotations(ReplicaSet rs, int desired, int max) {
        Map<String, String> ann = rs.getMetadata().getAnnotations() == null ? new HashMap<>() : new HashMap<>(rs.getMetadata().getAnnotations());
        String d = Integer.toString(desired);
        String m = Integer.toString(max);
        boolean changed = !d.equals(ann.get(DESIRED_REPLICAS)) || !m.equals(ann.get(MAX_REPLICAS));
        ann.put(DESIRED_REPLICAS, d);
        ann.put(MAX_REPLICAS, m);
        rs.getMetadata().setAnnotations(ann);
        return changed;
    }

    // ---- scaling (paused or replicas changed) ----

    private boolean isScalingEvent(Deployment d, List<ReplicaSet> rsList) {
        State st = state(d, rsList, false);
        for (ReplicaSet rs : st.all()) {
            if (specReplicas(rs) == 0) {
                continue;
            }
            var ann = rs.getMetadata().getAnnotations();
            String desired = ann == null ? null : ann.get(DESIRED_REPLICAS);
            if (desired != null && !desired.equals(Integer.toString(replicas(d)))) {
                return true;
            }
        }
        return false;
    }

    private void scaleOnly(Deployment d, List<ReplicaSet> rsList) {
        State st = state(d, rsList, false);
        scale(d, st.newRS(), st.old());
        if (Boolean.TRUE.equals(d.getSpec().getPaused())) {
            cleanupDeployment(st.old(), d);
        }
        syncDeploymentStatus(st.all(), st.newRS(), d);
    }

    /** The deployment controller's scale(): one active RS takes the new size; otherwise proportional scaling. */
    private void scale(Deployment d, ReplicaSet newRS, List<ReplicaSet> old) {
        List<ReplicaSet> all = new ArrayList<>(old);
        if (newRS != null) {
            all.add(newRS);
        }
        List<ReplicaSet> active = all.stream().filter(rs -> specReplicas(rs) > 0).toList();
        ReplicaSet target = active.size() == 1 ? active.get(0)
                : active.isEmpty() ? (newRS != null ? newRS : all.stream().max(byCreation()).orElse(null)) : null;
        if (target != null) {
            scaleReplicaSet(target, replicas(d), d);
            return;
        }
        if (newRS != null && specReplicas(newRS) == replicas(d) && available(newRS) == replicas(d)) {
            for (ReplicaSet rs : old) {
                scaleReplicaSet(rs, 0, d);
            }
            return;
        }
        if (!RollingUpdateMath.isRollingUpdate(d)) {
            return;
        }
        int allReplicas = active.stream().mapToInt(DeploymentController::specReplicas).sum();
        int allowed = replicas(d) + (replicas(d) > 0 ? maxSurge(d) : 0);
        int toAdd = allowed - allReplicas;
        if (toAdd == 0) {
            return;
        }
        Comparator<ReplicaSet> bySize = Comparator.comparingInt(DeploymentController::specReplicas).reversed();
        List<ReplicaSet> sorted = new ArrayList<>(active);
        sorted.sort(toAdd > 0 ? bySize.thenComparing(byCreation().reversed()) : bySize.thenComparing(byCreation()));
        Map<ReplicaSet, Integer> sizes = new HashMap<>();
        int added = 0;
        for (ReplicaSet rs : sorted) {
            int proportion = 0;
            if (toAdd != added) {
                int fraction = replicaSetFraction(rs, d);
                int left = toAdd - added;
                proportion = toAdd > 0 ? Math.min(fraction, left) : Math.max(fraction, left);
            }
            sizes.put(rs, specReplicas(rs) + proportion);
            added += proportion;
        }
        if (!sorted.isEmpty() && toAdd != added) {
            ReplicaSet first = sorted.get(0);
            sizes.put(first, Math.max(0, sizes.get(first) + toAdd - added));
        }
        for (ReplicaSet rs : sorted) {
            scaleReplicaSet(rs, Math.max(0, sizes.get(rs)), d);
        }
    }

    /** getReplicaSetFraction: this RS's share of the size change, by its max-replicas annotation. */
    private int replicaSetFraction(ReplicaSet rs, Deployment d) {
        if (replicas(d) == 0) {
            return -specReplicas(rs);
        }
        int deploymentMax = replicas(d) + maxSurge(d);
        int annotated;
        try {
            annotated = Integer.parseInt(rs.getMetadata().getAnnotations().get(MAX_REPLICAS));
        } catch (RuntimeException e) {
            annotated = d.getStatus() == null || d.getStatus().getReplicas() == null ? 0 : d.getStatus().getReplicas();
        }
        if (annotated == 0) {
            return 0;
        }
        double newSize = (double) specReplicas(rs) * deploymentMax / annotated;
        return (int) Math.round(newSize) - specReplicas(rs);
    }

    /** cleanupDeployment: delete old, fully scaled-down ReplicaSets beyond revisionHistoryLimit (default 10). */
    private void cleanupDeployment(List<ReplicaSet> old, Deployment d) {
        int limit = d.getSpec().getRevisionHistoryLimit() == null ? 10 : d.getSpec().getRevisionHistoryLimit();
        List<ReplicaSet> cleanable = old.stream().filter(rs -> rs.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparingLong(DeploymentController::revision).thenComparing(byCreation())).toList();
        int diff = cleanable.size() - limit;
        for (int i = 0; i < diff; i++) {
            ReplicaSet rs = cleanable.get(i);
            int statusReplicas = rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas();
            long observed = rs.getStatus() == null || rs.getStatus().getObservedGeneration() == null ? 0 : rs.getStatus().getObservedGeneration();
            long gen = rs.getMetadata().getGeneration() == null ? 0 : rs.getMetadata().getGeneration();
            if (statusReplicas != 0 || specReplicas(rs) != 0 || gen > observed) {
                continue;
            }
            ctx.client().apps().replicaSets().inNamespace(rs.getMetadata().getNamespace()).withName(rs.getMetadata().getName()).delete();
        }
    }

    // ---- status and conditions ----

    private Deployment checkPausedConditions(Deployment d) {
        DeploymentCondition cond = progressing(d);
        if (cond != null && "ProgressDeadlineExceeded".equals(cond.getReason())) {
            return d;
        }
        boolean paused = Boolean.TRUE.equals(d.getSpec().getPaused());
        boolean pausedCond = cond != null && "DeploymentPaused".equals(cond.getReason());
        DeploymentStatus s = copyStatus(d);
        if (paused && !pausedCond) {
            setCondition(s, condition("Progressing", "Unknown", "DeploymentPaused", "Deployment is paused"));
        } else if (!paused && pausedCond) {
            setCondition(s, condition("Progressing", "Unknown", "DeploymentResumed", "Deployment is resumed"));
        } else {
            return d;
        }
        return writeStatus(d, s);
    }

    private DeploymentStatus calculateStatus(List<ReplicaSet> all, ReplicaSet newRS, Deployment d) {
        int available = all.stream().mapToInt(DeploymentController::available).sum();
        int total = all.stream().mapToInt(DeploymentController::specReplicas).sum();
        int actual = all.stream().mapToInt(rs -> rs.getStatus() == null || rs.getStatus().getReplicas() == null ? 0 : rs.getStatus().getReplicas()).sum();
        int ready = all.stream().mapToInt(rs -> rs.getStatus() == null || rs.getStatus().getReadyReplicas() == null ? 0 : rs.getStatus().getReadyReplicas()).sum();
        int updated = newRS == null || newRS.getStatus() == null || newRS.getStatus().getReplicas() == null ? 0 : newRS.getStatus().getReplicas();
        DeploymentStatus s = copyStatus(d);
        s.setObservedGeneration(d.getMetadata().getGeneration());
        s.setReplicas(actual);
        s.setUpdatedReplicas(updated);
        s.setReadyReplicas(ready);
        s.setAvailableReplicas(available);
        s.setUnavailableReplicas(Math.max(0, total - available));
        if (available >= replicas(d) - maxUnavailable(d)) {
            setCondition(s, condition("Available", "True", "MinimumReplicasAvailable", "Deployment has minimum availability."));
        } else {
            setCondition(s, condition("Available", "False", "MinimumReplicasUnavailable", "Deployment does not have minimum availability."));
        }
        return s;
    }

    private void syncDeploymentStatus(List<ReplicaSet> all, ReplicaSet newRS, Deployment d) {
        DeploymentStatus s = calculateStatus(all, newRS, d);
        if (!sameStatus(d.getStatus(), s)) {
            writeStatus(d, s);
        }
    }

    private void syncRolloutStatus(List<ReplicaSet> all, ReplicaSet newRS, Deployment d) {
        DeploymentStatus s = calculateStatus(all, newRS, d);
        Integer deadline = d.getSpec().getProgressDeadlineSeconds();
        boolean hasDeadline = deadline == null || deadline != Integer.MAX_VALUE;
        int deadlineSeconds = deadline == null ? 600 : deadline;
        DeploymentCondition current = progressing(d);
        if (!hasDeadline) {
            s.getConditions().removeIf(c -> "Progressing".equals(c.getType()));
        }
        boolean complete = Objects.equals(s.getReplicas(), s.getUpdatedReplicas()) && current != null
                && "NewReplicaSetAvailable".equals(current.getReason());
        String what = newRS != null ? "ReplicaSet \"" + newRS.getMetadata().getName() + "\""
                : "Deployment \"" + d.getMetadata().getName() + "\"";
        if (hasDeadline && !complete) {
            if (isComplete(d, s)) {
                setCondition(s, condition("Progressing", "True", "NewReplicaSetAvailable", what + " has successfully progressed."));
            } else if (isProgressing(d, s)) {
                DeploymentCondition c = condition("Progressing", "True", "ReplicaSetUpdated", what + " is progressing.");
                if (current != null && "True".equals(current.getStatus())) {
                    c.setLastTransitionTime(current.getLastTransitionTime());
                }
                s.getConditions().removeIf(x -> "Progressing".equals(x.getType()));
                s.getConditions().add(c);
            } else if (timedOut(current, deadlineSeconds)) {
                setCondition(s, condition("Progressing", "False", "ProgressDeadlineExceeded", what + " has timed out progressing."));
            }
        }
        if (sameStatus(d.getStatus(), s)) {
            // requeueStuckDeployment: check the progress deadline again when it would expire.
            if (hasDeadline && current != null && "ReplicaSetUpdated".equals(current.getReason()) && !isComplete(d, s)) {
                Instant from = Instant.parse(current.getLastUpdateTime());
                Duration left = Duration.between(ctx.clock().instant(), from.plusSeconds(deadlineSeconds));
                enqueueAfter(Keys.of(d), left.isNegative() ? Duration.ofSeconds(1) : left.plusSeconds(1));
            }
            return;
        }
        writeStatus(d, s);
    }

    private boolean timedOut(DeploymentCondition current, int deadlineSeconds) {
        if (current == null || "NewReplicaSetAvailable".equals(current.getReason())) {
            return false;
        }
        if ("ProgressDeadlineExceeded".equals(current.getReason())) {
            return true;
        }
        if (current.getLastUpdateTime() == null) {
            return false;
        }
        return ctx.clock().instant().isAfter(Instant.parse(current.getLastUpdateTime()).plusSeconds(deadlineSeconds));
    }

    static boolean isComplete(Deployment d, DeploymentStatus s) {
        int r = replicas(d);
        return n(s.getUpdatedReplicas()) == r && n(s.getReplicas()) == r && n(s.getAvailableReplicas()) == r
                && nl(s.getObservedGeneration()) >= nl(d.getMetadata().getGeneration());
    }

    private static boolean isProgressing(Deployment d, DeploymentStatus s) {
        DeploymentStatus old = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
        int oldOld = n(old.getReplicas()) - n(old.getUpdatedReplicas());
        int newOld = n(s.getReplicas()) - n(s.getUpdatedReplicas());
        return n(s.getUpdatedReplicas()) > n(old.getUpdatedReplicas()) || newOld < oldOld
                || n(s.getReadyReplicas()) > n(old.getReadyReplicas()) || n(s.getAvailableReplicas()) > n(old.getAvailableReplicas());
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }

    private static long nl(Long l) {
        return l == null ? 0 : l;
    }

    private static DeploymentCondition progressing(Deployment d) {
        if (d.getStatus() == null || d.getStatus().getConditions() == null) {
            return null;
        }
        return d.getStatus().getConditions().stream().filter(c -> "Progressing".equals(c.getType())).findFirst().orElse(null);
    }

    private DeploymentCondition condition(String type, String status, String reason, String message) {
        String now = ctx.clock().instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
        return new DeploymentCondition(now, now, message, reason, status, type);
    }

    /** SetDeploymentCondition: no-op when status and reason are unchanged; keeps lastTransitionTime if status unchanged. */
    static void setCondition(DeploymentStatus s, DeploymentCondition c) {
        if (s.getConditions() == null) {
            s.setConditions(new ArrayList<>());
        }
        DeploymentCondition cur = s.getConditions().stream().filter(x -> c.getType().equals(x.getType())).findFirst().orElse(null);
        if (cur != null && Objects.equals(cur.getStatus(), c.getStatus()) && Objects.equals(cur.getReason(), c.getReason())) {
            return;
        }
        if (cur != null && Objects.equals(cur.getStatus(), c.getStatus())) {
            c.setLastTransitionTime(cur.getLastTransitionTime());
        }
        s.getConditions().removeIf(x -> c.getType().equals(x.getType()));
        s.getConditions().add(c);
    }

    private static DeploymentStatus copyStatus(Deployment d) {
        DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : new DeploymentStatusBuilder(d.getStatus()).build();
        s.setConditions(s.getConditions() == null ? new ArrayList<>() : new ArrayList<>(s.getConditions()));
        return s;
    }

    private static boolean sameStatus(DeploymentStatus a, DeploymentStatus b) {
        if (a == null) {
            return false;
        }
        DeploymentStatus x = new DeploymentStatusBuilder(a).build();
        if (x.getConditions() == null) {
            x.setConditions(new ArrayList<>());
        }
        return x.equals(b);
    }

    private Deployment writeStatus(Deployment d, DeploymentStatus s) {
        Deployment copy = new DeploymentBuilder(d).withStatus(s).build();
        Deployment written = ctx.client().apps().deployments().inNamespace(d.getMetadata().getNamespace()).resource(copy).updateStatus();
        d.getMetadata().setResourceVersion(written.getMetadata().getResourceVersion());
        d.setStatus(written.getStatus());
        return d;
    }
}
