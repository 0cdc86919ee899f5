package dev.kubelab.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.endpoints.PodLogSource;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.kubelet.KubeletException;
import dev.kubelab.kubelet.PodLogs;

import java.util.Optional;
import java.util.function.Supplier;

/**
 * The API server's {@code pods/log} wired to the simulated kubelets, as kube-apiserver proxies to the kubelet of
 * the pod's node. Kubelet answers become the statuses kube-apiserver returns: a container that cannot serve logs
 * yet → 400 BadRequest; a kubelet it cannot reach → 500 InternalError (kube-apiserver's "dial tcp … connection
 * refused"); no such node → 404.
 */
final class KubeletPodLogs implements PodLogSource {
    private final Supplier<PodLogs> kubelets;

    KubeletPodLogs(Supplier<PodLogs> kubelets) {
        this.kubelets = kubelets;
    }

    @Override
    public Optional<String> logs(ObjectNode pod, String container, Long tailLines, boolean previous) {
        PodLogs logs = kubelets.get();
        String node = pod.path("spec").path("nodeName").asText("");
        if (logs == null || node.isEmpty()) return Optional.empty();
        try {
            return Optional.of(logs.logs(node, pod.path("metadata").path("namespace").asText(), pod.path("metadata").path("name").asText(),
                    container, tailLines == null ? null : tailLines.intValue(), false, previous));
        } catch (KubeletException e) {
            throw switch (e.code()) {
                case 400 -> StatusError.badRequest(e.getMessage());
                case 404 -> new StatusError(404, "NotFound", e.getMessage(), null, null, null, null, null);
                default -> StatusError.internal(e.getMessage());
            };
        }
    }
}
