package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Watches pods during a %%trace so the table can say which status write made a pod Running: etcd revisions are
 * resourceVersions, so a pod's phase at each revision tells what each kubelet status update meant. Its own client
 * carries the user agent {@value Lanes#TRACER_AGENT}, so the trace leaves its own watch out.
 */
final class PodPhaseWatch implements AutoCloseable {
    private final Map<String, Map<Long, String>> phases = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;

    /**
     * An informer rather than a bare watch: it lists first and watches in the background, so the traced cell never
     * waits for the watch's response headers (an API server may send them only with the first event).
     */
    PodPhaseWatch(KubernetesClient client) {
        informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
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
        }, 0);
    }

    private void record(Pod pod) {
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

    Map<String, Map<Long, String>> phases() {
        return phases;
    }

    /** A client for the tracer's own watch, made once per cluster. */
    static KubernetesClient tracerClient(Cluster cluster) {
        Config config = Config.fromKubeconfig(cluster.kubeconfig().contents());
        config.setUserAgent(Lanes.TRACER_AGENT);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    @Override
    public void close() {
        informer.close();
    }
}
