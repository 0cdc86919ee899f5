package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.ReducedStateItemStore;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Watches pods during a %%trace so the table can say which status write made a pod Running: etcd revisions are
 * resourceVersions, so a pod's phase at each revision tells what each kubelet status update meant. Its own client
 * carries the user agent {@value Lanes#TRACER_AGENT}, so the trace leaves its own watch out.
 */
final class PodPhaseWatch implements AutoCloseable {
    private final Map<String, Map<Long, String>> phases = new ConcurrentHashMap<>();
    private final Map<String, String> nodes = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;

    /**
     * An informer rather than a bare watch: it lists and watches in the background, so the traced cell never waits
     * for the watch's response headers (an API server may send them only with the first event), and it lists again
     * after the API server restarts (the etcd restore drill). It stays open while the kernel is attached to the
     * cluster: opening it per traced cell cost 5–12 ms, a third of a short cell. The store keeps only each pod's
     * resourceVersion, so a large cluster's pods are not held in the kernel.
     */
    PodPhaseWatch(KubernetesClient client) {
        informer = client.pods().inAnyNamespace().runnableInformer(0);
        informer.itemStore(new ReducedStateItemStore<>(ReducedStateItemStore.NAME_KEY_STATE, Pod.class,
                client.getKubernetesSerialization(), "metadata.resourceVersion"));
        informer.addEventHandler(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                record(pod);
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                record(pod);
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                // deletions carry no new phase
            }
        });
        try {
            // the first trace waits for the list (bounded): phases of writes during it are seen from then on
            informer.start().toCompletableFuture().get(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // not synced yet: the informer keeps trying in the background; this trace may lack some phases
        }
    }

    /** Forgets what earlier traces saw, so memory holds one trace's worth of phases. */
    void reset() {
        phases.clear();
        nodes.clear();
    }

    private void record(Pod pod) {
        if (pod.getSpec() != null && pod.getSpec().getNodeName() != null) {
            nodes.put(pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName(), pod.getSpec().getNodeName());
        }
        if (pod.getStatus() == null || pod.getStatus().getPhase() == null) return;
        String key = "/registry/pods/" + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
        try {
            long rv = Long.parseLong(pod.getMetadata().getResourceVersion());
            boolean ready = pod.getStatus().getConditions() != null && pod.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
            phases.computeIfAbsent(key, k -> new ConcurrentHashMap<>()).put(rv, pod.getStatus().getPhase() + (ready ? ", Ready" : ""));
        } catch (NumberFormatException ignored) {
            // resourceVersion is opaque in general; ours are etcd revisions
        }
    }

    /** namespace/name → the node the pod runs on. */
    Map<String, String> nodes() {
        return nodes;
    }

    Map<String, Map<Long, String>> phases() {
        return phases;
    }

    /** A client for the tracer's own watch, made once per cluster. */
    static KubernetesClient tracerClient(Cluster cluster) {
        Config config = Config.fromKubeconfig(cluster.kubeconfig().contents());
        config.setUserAgent(Lanes.TRACER_AGENT);
        config.setOnlyHttpWatches(true);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public void close() {
        informer.close();
    }
}
