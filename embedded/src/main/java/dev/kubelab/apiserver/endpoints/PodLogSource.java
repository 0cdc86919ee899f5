package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import java.util.Optional;

/**
 * Where pods/log reads from: the kubelet of the pod's node in Kubernetes; the simulated
 * kubelet in part 2. Until one is attached, a pod's containers are "waiting to start".
 */
public interface PodLogSource {

    /**
     * The log text of container in pod, or empty when no node serves it.
     * @throws StatusError for a container the pod does not have, and the like
     */
    Optional<String> logs(ObjectNode pod, String container, Long tailLines, boolean previous);

    PodLogSource NONE = (pod, container, tail, previous) -> Optional.empty();
}
