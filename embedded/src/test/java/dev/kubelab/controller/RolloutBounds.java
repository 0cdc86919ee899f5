package dev.kubelab.controller;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToIntFunction;

/**
 * The rolling update's two promises, checked at every state the API server goes through: the ReplicaSets' replicas
 * never add up to more than replicas + maxSurge, and never fewer than replicas − maxUnavailable pods are available
 * (Ready, not terminating). Each side is one watch from a listed resourceVersion on, so every revision is seen, in
 * order, with nothing sampled or slept on.
 */
public final class RolloutBounds implements AutoCloseable {
    private final Tracker<ReplicaSet> sizes;
    private final Tracker<Pod> available;
    private final Watch rsWatch;
    private final Watch podWatch;

    private RolloutBounds(KubernetesClient client, String ns) {
        sizes = new Tracker<>(rs -> rs.getSpec().getReplicas() == null ? 0 : rs.getSpec().getReplicas(),
                rs -> "spec.replicas=" + rs.getSpec().getReplicas());
        available = new Tracker<>(p -> p.getMetadata().getDeletionTimestamp() == null && ready(p) ? 1 : 0,
                p -> p.getMetadata().getDeletionTimestamp() != null ? "terminating" : ready(p) ? "ready" : "not ready");
        var rsList = client.apps().replicaSets().inNamespace(ns).list();
        rsList.getItems().forEach(sizes::seed);
        var podList = client.pods().inNamespace(ns).list();
        podList.getItems().forEach(available::seed);
        rsWatch = client.apps().replicaSets().inNamespace(ns).withResourceVersion(rsList.getMetadata().getResourceVersion()).watch(sizes);
        podWatch = client.pods().inNamespace(ns).withResourceVersion(podList.getMetadata().getResourceVersion()).watch(available);
    }

    /** Starts watching the namespace's ReplicaSets and pods from their current state. */
    public static RolloutBounds watch(KubernetesClient client, String ns) {
        return new RolloutBounds(client, ns);
    }

    /** Asserts both bounds held at every observed state, and that the surge bound was reached (the watch saw the rollout). */
    public void assertHeld(int replicas, int maxSurge, int maxUnavailable) {
        int maxTotal = replicas + maxSurge;
        int minAvailable = replicas - maxUnavailable;
        assertThat(sizes.closedBy).as("ReplicaSet watch closed early").isNull();
        assertThat(available.closedBy).as("pod watch closed early").isNull();
        assertThat(sizes.max()).as("ReplicaSets' replicas exceeded replicas + maxSurge = %d:%n%s", maxTotal, sizes.trace())
                .isEqualTo(maxTotal);
        assertThat(available.min()).as("fewer than replicas - maxUnavailable = %d pods available:%n%s", minAvailable, available.trace())
                .isGreaterThanOrEqualTo(minAvailable);
    }

    @Override
    public void close() {
        rsWatch.close();
        podWatch.close();
    }

    static boolean ready(Pod p) {
        return p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    /** Folds watch events into the current objects and records the measured total after each one. */
    private static final class Tracker<T extends HasMetadata> implements Watcher<T> {
        private final ToIntFunction<T> measure;
        private final java.util.function.Function<T, String> describe;
        private final Map<String, T> current = new HashMap<>();
        private final List<String> trace = new ArrayList<>();
        private int max = Integer.MIN_VALUE;
        private int min = Integer.MAX_VALUE;
        volatile String closedBy;

        Tracker(ToIntFunction<T> measure, java.util.function.Function<T, String> describe) {
            this.measure = measure;
            this.describe = describe;
        }

        synchronized void seed(T obj) {
            current.put(obj.getMetadata().getName(), obj);
        }

        @Override
        public synchronized void eventReceived(Action action, T obj) {
            if (action == Action.DELETED) {
                current.remove(obj.getMetadata().getName());
            } else if (action != Action.BOOKMARK) {
                current.put(obj.getMetadata().getName(), obj);
            }
            int total = current.values().stream().mapToInt(measure).sum();
            max = Math.max(max, total);
            min = Math.min(min, total);
            trace.add(action + " " + obj.getMetadata().getName() + "@" + obj.getMetadata().getResourceVersion() + " "
                    + describe.apply(obj) + " -> " + total);
        }

        synchronized int max() {
            return max;
        }

        synchronized int min() {
            return min;
        }

        synchronized String trace() {
            return String.join("\n", trace);
        }

        @Override
        public void onClose(WatcherException cause) {
            // A gap in the observation would make the check blind: closing with an error fails the assertion.
            closedBy = cause.getMessage();
        }
    }
}
