package dev.kubelab.controller.disruption;

import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.OwnerRefs;
import dev.kubelab.controller.framework.Pods;
import dev.kubelab.controller.framework.QueueController;
import dev.kubelab.controller.framework.Selectors;
import io.fabric8.kubernetes.api.model.Condition;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatus;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * kube-controller-manager's disruption controller: keeps each PodDisruptionBudget's status — currentHealthy
 * (ready pods), desiredHealthy, expectedPods, disruptionsAllowed and the DisruptionAllowed condition
 * (SufficientPods / InsufficientPods) — which the eviction API then enforces. For maxUnavailable and percentage
 * minAvailable the expected count is the scale of the pods' controllers (Deployment via ReplicaSet,
 * ReplicaSet, StatefulSet), as in the real controller.
 */
public final class DisruptionController extends QueueController {
    private final EventRecorder recorder;

    public DisruptionController(ControllerContext ctx) {
        super("disruption", ctx, 1);
        this.recorder = ctx.recorder("controllermanager");
    }

    @Override
    protected void registerHandlers() {
        watchAll(PodDisruptionBudget.class, this::enqueue);
        watchAll(Pod.class, pod -> {
            for (PodDisruptionBudget pdb : ctx.informers().list(PodDisruptionBudget.class, pod.getMetadata().getNamespace())) {
                if (Selectors.matches(pdb.getSpec().getSelector(), pod.getMetadata().getLabels())) {
                    enqueue(pdb);
                }
            }
        });
        informer(ReplicaSet.class);
        informer(Deployment.class);
        informer(StatefulSet.class);
    }

    @Override
    protected void sync(String key) {
        PodDisruptionBudget cached = ctx.informers().get(PodDisruptionBudget.class, key);
        if (cached == null) {
            return;
        }
        PodDisruptionBudget pdb = new PodDisruptionBudgetBuilder(cached).build();
        String ns = Keys.namespace(key);
        List<Pod> pods = ctx.informers().list(Pod.class, ns).stream()
                .filter(p -> Selectors.matches(pdb.getSpec().getSelector(), p.getMetadata().getLabels())).toList();
        int currentHealthy = (int) pods.stream().filter(p -> p.getMetadata().getDeletionTimestamp() == null && Pods.isReady(p)).count();
        int expected;
        int desired;
        IntOrString minAvailable = pdb.getSpec().getMinAvailable();
        IntOrString maxUnavailable = pdb.getSpec().getMaxUnavailable();
        String failure = null;
        if (maxUnavailable != null) {
            Integer scale = controllerScale(pods);
            if (scale == null) {
                failure = "found no controllers for pod";
                expected = 0;
                desired = 0;
            } else {
                expected = scale;
                desired = Math.max(0, expected - scaled(maxUnavailable, expected, true));
            }
        } else if (minAvailable != null && minAvailable.getIntVal() != null) {
            expected = pods.size();
            desired = minAvailable.getIntVal();
        } else if (minAvailable != null) {
            Integer scale = controllerScale(pods);
            if (scale == null) {
                failure = "found no controllers for pod";
                expected = 0;
                desired = 0;
            } else {
                expected = scale;
                desired = scaled(minAvailable, expected, true);
            }
        } else {
            expected = pods.size();
            desired = 0;
        }
        int allowed = failure != null ? 0 : Math.max(0, currentHealthy - desired);
        if (failure != null) {
            recorder.event(pdb, EventRecorder.WARNING, "NoControllers", failure);
        }
        PodDisruptionBudgetStatus status = pdb.getStatus() == null ? new PodDisruptionBudgetStatus()
                : new io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetStatusBuilder(pdb.getStatus()).build();
        PodDisruptionBudgetStatus before = pdb.getStatus();
        status.setCurrentHealthy(currentHealthy);
        status.setDesiredHealthy(desired);
        status.setExpectedPods(expected);
        status.setDisruptionsAllowed(allowed);
        status.setObservedGeneration(pdb.getMetadata().getGeneration());
        if (status.getDisruptedPods() == null) {
            status.setDisruptedPods(new HashMap<>());
        }
        String reason = failure != null ? "SyncFailed" : allowed > 0 ? "SufficientPods" : "InsufficientPods";
        String condStatus = allowed > 0 ? "True" : "False";
        List<Condition> conds = new ArrayList<>(status.getConditions() == null ? List.of() : status.getConditions());
        Condition cur = conds.stream().filter(c -> "DisruptionAllowed".equals(c.getType())).findFirst().orElse(null);
        if (cur == null || !condStatus.equals(cur.getStatus()) || !reason.equals(cur.getReason())) {
            conds.remove(cur);
            Condition c = new Condition(ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString(),
                    failure == null ? "" : failure, pdb.getMetadata().getGeneration(), reason, condStatus, "DisruptionAllowed");
            conds.add(c);
        }
        status.setConditions(conds);
        if (!Objects.equals(before, status)) {
            pdb.setStatus(status);
            ctx.client().policy().v1().podDisruptionBudget().inNamespace(ns).resource(pdb).updateStatus();
        }
    }

    /** Sum of the scales of the pods' controllers; null when a pod has no known controller. */
    private Integer controllerScale(List<Pod> pods) {
        Map<String, Integer> scales = new HashMap<>();
        for (Pod p : pods) {
            var ref = OwnerRefs.controllerOf(p).orElse(null);
            if (ref == null) {
                return null;
            }
            String ns = p.getMetadata().getNamespace();
            switch (ref.getKind()) {
                case "ReplicaSet" -> {
                    ReplicaSet rs = ctx.informers().get(ReplicaSet.class, Keys.of(ns, ref.getName()));
                    if (rs == null) {
                        return null;
                    }
                    var dref = OwnerRefs.controllerOf(rs).filter(r -> "Deployment".equals(r.getKind())).orElse(null);
                    if (dref != null) {
                        Deployment d = ctx.informers().get(Deployment.class, Keys.of(ns, dref.getName()));
                        if (d != null) {
                            scales.put(d.getMetadata().getUid(), d.getSpec().getReplicas() == null ? 1 : d.getSpec().getReplicas());
                            continue;
                        }
                    }
                    scales.put(rs.getMetadata().getUid(), rs.getSpec().getReplicas() == null ? 1 : rs.getSpec().getReplicas());
                }
                case "StatefulSet" -> {
                    StatefulSet s = ctx.informers().get(StatefulSet.class, Keys.of(ns, ref.getName()));
                    if (s == null) {
                        return null;
                    }
                    scales.put(s.getMetadata().getUid(), s.getSpec().getReplicas() == null ? 1 : s.getSpec().getReplicas());
                }
                default -> {
                    return null;
                }
            }
        }
        return scales.values().stream().mapToInt(Integer::intValue).sum();
    }

    static int scaled(IntOrString v, int total, boolean roundUp) {
        if (v.getIntVal() != null) {
            return v.getIntVal();
        }
        String s = v.getStrVal();
        if (!s.endsWith("%")) {
            return Integer.parseInt(s);
        }
        double x = Integer.parseInt(s.substring(0, s.length() - 1)) * total / 100.0;
        return (int) (roundUp ? Math.ceil(x) : Math.floor(x));
    }
}
