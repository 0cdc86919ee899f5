package dev.kubelab.kubelet;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.endpoints.PodLogSource;
import dev.kubelab.apiserver.errors.StatusError;

import java.util.Optional;

/**
 * The embedded API server's {@code pods/log} backed by the simulated kubelets: the pod's
 * {@code spec.nodeName} picks the kubelet, as kube-apiserver picks the node to proxy to. Kubelet
 * errors become the API errors kube-apiserver relays (400 for a container that cannot serve logs,
 * 500 when the kubelet cannot be reached).
 */
public final class KubeletPodLogSource implements PodLogSource {
    private final PodLogs logs;

    public KubeletPodLogSource(PodLogs logs) {
        this.logs = logs;
    }

    @Override
    public Optional<String> logs(ObjectNode pod, String container, Long tailLines, boolean previous) {
        String node = pod.path("spec").path("nodeName").asText("");
        if (node.isEmpty() || logs.kubelet(node).isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(logs.logs(node, pod.path("metadata").path("namespace").asText(),
                    pod.path("metadata").path("name").asText(), container,
                    tailLines == null ? null : (int) Math.min(Integer.MAX_VALUE, tailLines), false, previous));
        } catch (KubeletException e) {
            if (e.code() == 400) {
                throw StatusError.badRequest(e.getMessage());
            }
            if (e.code() == 404) {
                return Optional.empty();
            }
            throw StatusError.internal(e.getMessage());
        }
    }
}
