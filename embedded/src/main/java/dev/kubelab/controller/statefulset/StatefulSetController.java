package dev.kubelab.controller.statefulset;

import dev.kubelab.controller.framework.ApiErrors;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.OwnerRefs;
import dev.kubelab.controller.framework.PodControl;
import dev.kubelab.controller.framework.PodTemplateHash;
import dev.kubelab.controller.framework.Pods;
import dev.kubelab.controller.framework.QueueController;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatusBuilder;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * kube-controller-manager's statefulset controller: pods {@code <set>-0 … <set>-(n-1)} with stable names and
 * hostnames ({@code subdomain = serviceName}); OrderedReady creates one ordinal at a time once all lower ones are
 * Running and Ready, scales down from the highest ordinal one at a time; Parallel does both at once.
 * RollingUpdate replaces pods whose {@code controller-revision-hash} is stale from the highest ordinal down to
 * {@code partition}, one at a time, waiting for each to become Ready. Status: replicas, ready/available/current/
 * updated replicas, currentRevision/updateRevision, observedGeneration.
 *
 * <p>Differences: volumeClaimTemplates are not turned into PersistentVolumeClaims (no storage here), and revisions
 * are not stored as ControllerRevision objects (the hash label alone identifies them; {@code kubectl rollout
 * history statefulset} therefore lists nothing).
 */
public final class StatefulSetController extends QueueController {
    static final String REVISION_HASH = "controller-revision-hash";
    static final String POD_NAME = "statefulset.kubernetes.io/pod-name";
    static final String POD_INDEX = "apps.kubernetes.io/pod-index";
    private final EventRecorder recorder;

    public StatefulSetController(ControllerContext ctx) {
        super("statefulset", ctx, ctx.intFlag("concurrent-statefulset-syncs", 5));
        this.recorder = ctx.recorder("statefulset-controller");
    }

    @Override
    protected void registerHandlers() {
        watchAll(StatefulSet.class, this::enqueue);
        watchAll(Pod.class, pod -> OwnerRefs.controllerOf(pod).filter(r -> "StatefulSet".equals(r.getKind()))
                .ifPresent(r -> enqueue(Keys.of(pod.getMetadata().getNamespace(), r.getName()))));
    }

    static int ordinal(String setName, String podName) {
        if (!podName.startsWith(setName + "-")) {
            return -1;
        }
        try {
            return Integer.parseInt(podName.substring(setName.length() + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    @Override
    protected void sync(String key) {
        StatefulSet cached = ctx.informers().get(StatefulSet.class, key);
        if (cached == null) {
            return;
        }
        StatefulSet set = new StatefulSetBuilder(cached).build();
        String name = set.getMetadata().getName();
        String ns = set.getMetadata().getNamespace();
        Integer collision = set.getStatus() == null ? null : set.getStatus().getCollisionCount();
        String updateRevision = name + "-" + PodTemplateHash.compute(set.getSpec().getTemplate(), collision);
        int replicas = set.getSpec().getReplicas() == null ? 1 : set.getSpec().getReplicas();
        boolean parallel = "Parallel".equals(set.getSpec().getPodManagementPolicy());
        int minReady = set.getSpec().getMinReadySeconds() == null ? 0 : set.getSpec().getMinReadySeconds();
        Instant now = ctx.clock().instant();
        TreeMap<Integer, Pod> byOrdinal = new TreeMap<>();
        List<Pod> condemned = new ArrayList<>();
        for (Pod p : ctx.informers().list(Pod.class, ns)) {
            if (!OwnerRefs.isControlledBy(p, set.getMetadata().getUid())) {
                continue;
            }
            int ord = ordinal(name, p.getMetadata().getName());
            if (ord < 0) {
                continue;
            }
            if (ord < replicas) {
                byOrdinal.put(ord, p);
            } else {
                condemned.add(p);
            }
        }
        String currentRevision = set.getStatus() == null || set.getStatus().getCurrentRevision() == null
                ? updateRevision : set.getStatus().getCurrentRevision();
        boolean changed = false;
        if (set.getMetadata().getDeletionTimestamp() == null) {
            changed = reconcile(set, byOrdinal, condemned, replicas, parallel, updateRevision, minReady, now);
        }
        // Status
        int ready = 0;
        int available = 0;
        int current = 0;
        int updated = 0;
        int count = 0;
        for (Pod p : byOrdinal.values()) {
            if (p.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            count++;
            if (Pods.isReady(p)) {
                ready++;
            }
            if (Pods.isAvailable(p, minReady, now)) {
                available++;
            }
            String rev = p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(REVISION_HASH);
            if (currentRevision.equals(rev)) {
                current++;
            }
            if (updateRevision.equals(rev)) {
                updated++;
            }
        }
        if (updated == replicas && count == replicas) {
            // Rollout finished: the update revision becomes current.
            currentRevision = updateRevision;
            current = updated;
        }
        StatefulSetStatus status = new StatefulSetStatusBuilder(set.getStatus() == null ? new StatefulSetStatus() : set.getStatus())
                .withReplicas(count).withReadyReplicas(ready).withAvailableReplicas(available)
                .withCurrentReplicas(current).withUpdatedReplicas(updated)
                .withCurrentRevision(currentRevision).withUpdateRevision(updateRevision)
                .withObservedGeneration(set.getMetadata().getGeneration())
                .withCollisionCount(collision == null ? 0 : collision)
                .build();
        if (!Objects.equals(status, set.getStatus())) {
            set.setStatus(status);
            ctx.client().apps().statefulSets().inNamespace(ns).resource(set).updateStatus();
        }
        if (changed) {
            enqueue(key);
        }
    }

    private static boolean runningAndReady(Pod p) {
        return "Running".equals(Pods.phase(p)) && Pods.isReady(p) && p.getMetadata().getDeletionTimestamp() == null;
    }

    /** One pass of the stateful set control loop; returns whether it acted. */
    private boolean reconcile(StatefulSet set, TreeMap<Integer, Pod> byOrdinal, List<Pod> condemned, int replicas,
                              boolean parallel, String updateRevision, int minReady, Instant now) {
        boolean acted = false;
        // Replace failed pods; create missing ordinals in order.
        for (int ord = 0; ord < replicas; ord++) {
            Pod p = byOrdinal.get(ord);
            if (p != null && "Failed".equals(Pods.phase(p)) && p.getMetadata().getDeletionTimestamp() == null) {
                deletePod(set, p);
                return true;
            }
            if (p == null) {
                createPod(set, ord, updateRevision);
                acted = true;
                if (!parallel) {
                    return true;
                }
                continue;
            }
            if (!parallel && !runningAndReady(p)) {
                return acted; // OrderedReady: wait for this ordinal before the next one
            }
        }
        // Scale down, highest ordinal first; OrderedReady only when all remaining pods are healthy.
        if (!condemned.isEmpty()) {
            condemned.sort((a, b) -> Integer.compare(ordinal(set.getMetadata().getName(), b.getMetadata().getName()),
                    ordinal(set.getMetadata().getName(), a.getMetadata().getName())));
            for (Pod p : condemned) {
                if (p.getMetadata().getDeletionTimestamp() != null) {
                    if (!parallel) {
                        return acted; // one at a time
                    }
                    continue;
                }
                if (!parallel && byOrdinal.values().stream().anyMatch(x -> !runningAndReady(x))) {
                    return acted;
                }
                deletePod(set, p);
                acted = true;
                if (!parallel) {
                    return true;
                }
            }
            return acted;
        }
        // RollingUpdate from the highest ordinal down to the partition.
        String strategy = set.getSpec().getUpdateStrategy() == null || set.getSpec().getUpdateStrategy().getType() == null
                ? "RollingUpdate" : set.getSpec().getUpdateStrategy().getType();
        if (!"RollingUpdate".equals(strategy)) {
            return acted;
        }
        int partition = set.getSpec().getUpdateStrategy() == null || set.getSpec().getUpdateStrategy().getRollingUpdate() == null
                || set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition() == null
                ? 0 : set.getSpec().getUpdateStrategy().getRollingUpdate().getPartition();
        for (int ord = replicas - 1; ord >= partition; ord--) {
            Pod p = byOrdinal.get(ord);
            if (p == null) {
                return acted;
            }
            String rev = p.getMetadata().getLabels() == null ? null : p.getMetadata().getLabels().get(REVISION_HASH);
            if (!updateRevision.equals(rev)) {
                if (p.getMetadata().getDeletionTimestamp() == null && byOrdinal.values().stream().allMatch(StatefulSetController::runningAndReady)) {
                    deletePod(set, p);
                    return true;
                }
                return acted;
            }
            if (!Pods.isAvailable(p, minReady, now) || p.getMetadata().getDeletionTimestamp() != null) {
                return acted; // wait for the updated pod before touching the next one
            }
        }
        return acted;
    }

    private void createPod(StatefulSet set, int ordinal, String revision) {
        String name = set.getMetadata().getName() + "-" + ordinal;
        Pod pod = PodControl.podFromTemplate(set.getSpec().getTemplate(), set);
        pod.getMetadata().setGenerateName(null);
        pod.getMetadata().setName(name);
        Map<String, String> labels = pod.getMetadata().getLabels();
        labels.put(REVISION_HASH, revision);
        labels.put(POD_NAME, name);
        labels.put(POD_INDEX, Integer.toString(ordinal));
        pod.getSpec().setHostname(name);
        if (set.getSpec().getServiceName() != null && !set.getSpec().getServiceName().isEmpty()) {
            pod.getSpec().setSubdomain(set.getSpec().getServiceName());
        }
        try {
            ctx.client().pods().inNamespace(set.getMetadata().getNamespace()).resource(pod).create();
            recorder.event(set, EventRecorder.NORMAL, "SuccessfulCreate",
                    "create Pod " + name + " in StatefulSet " + set.getMetadata().getName() + " successful");
        } catch (RuntimeException e) {
            if (ApiErrors.isAlreadyExists(e)) {
                return;
            }
            recorder.event(set, EventRecorder.WARNING, "FailedCreate",
                    "create Pod " + name + " in StatefulSet " + set.getMetadata().getName() + " failed error: " + ApiErrors.message(e));
            throw e;
        }
    }

    private void deletePod(StatefulSet set, Pod p) {
        String name = p.getMetadata().getName();
        try {
            ctx.client().pods().inNamespace(set.getMetadata().getNamespace()).withName(name).delete();
            recorder.event(set, EventRecorder.NORMAL, "SuccessfulDelete",
                    "delete Pod " + name + " in StatefulSet " + set.getMetadata().getName() + " successful");
        } catch (RuntimeException e) {
            recorder.event(set, EventRecorder.WARNING, "FailedDelete",
                    "delete Pod " + name + " in StatefulSet " + set.getMetadata().getName() + " failed error: " + ApiErrors.message(e));
            throw e;
        }
    }
}
