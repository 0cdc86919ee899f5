package dev.kubelab.controller.daemonset;

import dev.kubelab.controller.framework.Batch;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.Expectations;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.OwnerRefs;
import dev.kubelab.controller.framework.PodControl;
import dev.kubelab.controller.framework.PodTemplateHash;
import dev.kubelab.controller.framework.Pods;
import dev.kubelab.controller.framework.QueueController;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * kube-controller-manager's daemonset controller: one pod per eligible node (node selector, required affinity,
 * taints vs tolerations), each pinned to its node with required node affinity {@code matchFields metadata.name}
 * and given the standard daemon tolerations; pods on ineligible nodes, duplicates and failed pods are deleted;
 * RollingUpdate replaces pods whose {@code controller-revision-hash} is stale, at most {@code maxUnavailable} at a
 * time. Status: desired/current/misscheduled/ready/available/unavailable/updated numbers and observedGeneration.
 */
public final class DaemonSetsController extends QueueController {
    static final String REVISION_HASH = "controller-revision-hash";
    private final EventRecorder recorder;
    private final PodControl podControl;
    private final Expectations expectations;

    public DaemonSetsController(ControllerContext ctx) {
        super("daemonset", ctx, ctx.intFlag("concurrent-daemonset-syncs", 2));
        this.recorder = ctx.recorder("daemonset-controller");
        this.podControl = new PodControl(ctx.client(), recorder);
        this.expectations = new Expectations(ctx.clock());
    }

    @Override
    protected void registerHandlers() {
        watchAll(DaemonSet.class, this::enqueue);
        watchAll(Node.class, n -> ctx.informers().listAll(DaemonSet.class).forEach(this::enqueue));
        watch(Pod.class, new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                String k = owner(pod);
                if (k != null) {
                    expectations.creationObserved(k);
                    enqueue(k);
                }
            }

            @Override
            public void onUpdate(Pod o, Pod n) {
                String k = owner(n);
                if (k != null) {
                    if (n.getMetadata().getDeletionTimestamp() != null && o.getMetadata().getDeletionTimestamp() == null) {
                        expectations.deletionObserved(k, Keys.of(n));
                    }
                    enqueue(k);
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
                String k = owner(pod);
                if (k != null) {
                    expectations.deletionObserved(k, Keys.of(pod));
                    enqueue(k);
                }
            }
        });
    }

    private static String owner(Pod pod) {
        return OwnerRefs.controllerOf(pod).filter(r -> "DaemonSet".equals(r.getKind()))
                .map(r -> Keys.of(pod.getMetadata().getNamespace(), r.getName())).orElse(null);
    }

    private static String nodeOf(Pod p) {
        var a = p.getSpec().getAffinity();
        if (p.getSpec().getNodeName() != null && !p.getSpec().getNodeName().isEmpty()) {
            return p.getSpec().getNodeName();
        }
        try {
            return a.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0)
                    .getMatchFields().get(0).getValues().get(0);
        } catch (RuntimeException e) {
            return null;
        }
    }

    @Override
    protected void sync(String key) {
        DaemonSet cached = ctx.informers().get(DaemonSet.class, key);
        if (cached == null) {
            expectations.delete(key);
            return;
        }
        DaemonSet ds = new DaemonSetBuilder(cached).build();
        String hash = PodTemplateHash.compute(ds.getSpec().getTemplate(), ds.getStatus() == null ? null : ds.getStatus().getCollisionCount());
        List<Node> nodes = ctx.informers().listAll(Node.class);
        List<Pod> pods = ctx.informers().list(Pod.class, ds.getMetadata().getNamespace()).stream()
                .filter(p -> OwnerRefs.isControlledBy(p, ds.getMetadata().getUid())).toList();
        Map<String, List<Pod>> byNode = new HashMap<>();
        for (Pod p : pods) {
            String n = nodeOf(p);
            if (n != null) {
                byNode.computeIfAbsent(n, x -> new ArrayList<>()).add(p);
            }
        }
        Set<String> nodeNames = new HashSet<>();
        nodes.forEach(n -> nodeNames.add(n.getMetadata().getName()));
        List<String> create = new ArrayList<>();
        List<Pod> delete = new ArrayList<>();
        int desired = 0;
        int current = 0;
        int misscheduled = 0;
        int ready = 0;
        int available = 0;
        int updated = 0;
        int minReady = ds.getSpec().getMinReadySeconds() == null ? 0 : ds.getSpec().getMinReadySeconds();
        Instant now = ctx.clock().instant();
        List<Pod> oldPods = new ArrayList<>();
        int unavailable = 0;
        for (Node node : nodes) {
            String name = node.getMetadata().getName();
            boolean should = DaemonPods.shouldRun(ds.getSpec().getTemplate().getSpec(), node);
            List<Pod> here = byNode.getOrDefault(name, List.of()).stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
            if (should) {
                desired++;
                List<Pod> running = new ArrayList<>();
                for (Pod p : here) {
                    if ("Failed".equals(Pods.phase(p))) {
                        delete.add(p); // replaced on a later sync
                    } else {
                        running.add(p);
                    }
                }
                if (running.isEmpty()) {
                    if (here.isEmpty()) {
                        create.add(name);
                    }
                    unavailable++;
                    continue;
                }
                current++;
                running.sort(Comparator.comparing(p -> String.valueOf(p.getMetadata().getCreationTimestamp())));
                delete.addAll(running.subList(1, running.size()));
                Pod p = running.get(0);
                boolean isUpdated = hash.equals(p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(REVISION_HASH));
                if (isUpdated) {
                    updated++;
                } else {
                    oldPods.add(p);
                }
                if (Pods.isReady(p)) {
                    ready++;
                }
                if (Pods.isAvailable(p, minReady, now)) {
                    available++;
                } else {
                    unavailable++;
                }
            } else if (!here.isEmpty()) {
                misscheduled++;
                delete.addAll(here);
            }
        }
        // Pods bound to nodes that no longer exist.
        byNode.forEach((n, ps) -> {
            if (!nodeNames.contains(n)) {
                ps.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null).forEach(delete::add);
            }
        });
        if (expectations.satisfied(key) && ds.getMetadata().getDeletionTimestamp() == null) {
            // RollingUpdate: replace stale pods while staying within maxUnavailable.
            boolean rolling = ds.getSpec().getUpdateStrategy() == null || ds.getSpec().getUpdateStrategy().getType() == null
                    || "RollingUpdate".equals(ds.getSpec().getUpdateStrategy().getType());
            if (rolling && !oldPods.isEmpty()) {
                IntOrString mu = ds.getSpec().getUpdateStrategy() == null || ds.getSpec().getUpdateStrategy().getRollingUpdate() == null
                        ? null : ds.getSpec().getUpdateStrategy().getRollingUpdate().getMaxUnavailable();
                int maxUnavailable = scaled(mu, desired);
                int budget = maxUnavailable - unavailable;
                // Stale pods that are unavailable anyway go first, they cost nothing.
                for (Pod p : oldPods) {
                    if (!Pods.isAvailable(p, minReady, now)) {
                        delete.add(p);
                    }
                }
                for (Pod p : oldPods) {
                    if (budget <= 0) {
                        break;
                    }
                    if (Pods.isAvailable(p, minReady, now)) {
                        delete.add(p);
                        budget--;
                    }
                }
            }
            manage(key, ds, hash, create, delete);
        }
        DaemonSetStatus status = new DaemonSetStatusBuilder(ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus())
                .withDesiredNumberScheduled(desired)
                .withCurrentNumberScheduled(current)
                .withNumberMisscheduled(misscheduled)
                .withNumberReady(ready)
                .withNumberAvailable(available)
                .withNumberUnavailable(Math.max(0, desired - available))
                .withUpdatedNumberScheduled(updated)
                .withObservedGeneration(ds.getMetadata().getGeneration())
                .build();
        if (!Objects.equals(status, ds.getStatus())) {
            ds.setStatus(status);
            ctx.client().apps().daemonSets().inNamespace(ds.getMetadata().getNamespace()).resource(ds).updateStatus();
        }
    }

    private void manage(String key, DaemonSet ds, String hash, List<String> create, List<Pod> delete) {
        if (!create.isEmpty()) {
            expectations.expectCreations(key, create.size());
            Batch.Result r = Batch.slowStart(create.size(), 1, i -> () -> {
                Pod pod = PodControl.podFromTemplate(ds.getSpec().getTemplate(), ds);
                pod.getMetadata().getLabels().put(REVISION_HASH, hash);
                pod.setSpec(DaemonPods.specFor(ds.getSpec().getTemplate().getSpec(), create.get(i)));
                podControl.create(pod, ds);
            });
            expectations.lowerCreations(key, create.size() - r.successes());
        }
        if (!delete.isEmpty()) {
            List<Pod> unique = delete.stream().distinct().toList();
            Set<String> keys = new HashSet<>();
            unique.forEach(p -> keys.add(Keys.of(p)));
            expectations.expectDeletions(key, keys);
            Batch.parallel(unique.size(), i -> () -> {
                try {
                    podControl.delete(unique.get(i).getMetadata().getNamespace(), unique.get(i).getMetadata().getName(), ds);
                } catch (RuntimeException e) {
                    expectations.deletionObserved(key, Keys.of(unique.get(i)));
                    throw e;
                }
            });
        }
    }

    /** maxUnavailable resolved against the desired count (default 1; percentages round down, at least 1). */
    static int scaled(IntOrString v, int total) {
        if (v == null) {
            return 1;
        }
        if (v.getIntVal() != null) {
            return v.getIntVal();
        }
        String s = v.getStrVal();
        if (!s.endsWith("%")) {
            return Integer.parseInt(s);
        }
        int x = (int) Math.floor(Integer.parseInt(s.substring(0, s.length() - 1)) * total / 100.0);
        return Math.max(1, x);
    }
}
