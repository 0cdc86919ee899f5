package dev.kubelab.bench.cluster;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Counts the pods of one namespace that satisfy a condition, from an informer (one list, then watch events), so the
 * benchmark observes the cluster the way a controller does. Polling a full list ten times a second would make the API
 * server serialise and this JVM decode every pod again and again — work that competes with the cluster under test.
 */
final class PodTally implements AutoCloseable {
    private final Map<String, Boolean> matching = new ConcurrentHashMap<>();
    private final SharedIndexInformer<Pod> informer;

    PodTally(KubernetesClient k, String namespace, Predicate<Pod> condition) {
        this(k, namespace, null, condition);
    }

    /** With a field selector, the API server sends only the pods that match it (kube-apiserver filters watch events). */
    private PodTally(KubernetesClient k, String namespace, String fieldSelector, Predicate<Pod> condition) {
        var pods = k.pods().inNamespace(namespace);
        informer = (fieldSelector == null ? pods : pods.withField(fieldSelector.split("=")[0], fieldSelector.split("=")[1]))
                .inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod p) {
                matching.put(p.getMetadata().getName(), condition.test(p));
            }

            @Override
            public void onUpdate(Pod old, Pod p) {
                matching.put(p.getMetadata().getName(), condition.test(p));
            }

            @Override
            public void onDelete(Pod p, boolean unknown) {
                matching.remove(p.getMetadata().getName());
            }
        });
    }

    /**
     * Pods Running, watched with {@code fieldSelector=status.phase=Running}: one event per pod as it starts running
     * instead of every write to every pod — the observer should not load the cluster it measures.
     */
    static PodTally running(KubernetesClient k, String namespace) {
        return new PodTally(k, namespace, "status.phase=Running", p -> p.getStatus() != null && "Running".equals(p.getStatus().getPhase()));
    }

    static PodTally bound(KubernetesClient k, String namespace) {
        return new PodTally(k, namespace, p -> p.getSpec().getNodeName() != null);
    }

    /** Pods seen, matching or not. */
    long seen() {
        return matching.size();
    }

    long count() {
        return matching.values().stream().filter(b -> b).count();
    }

    @Override
    public void close() {
        informer.close();
    }
}
