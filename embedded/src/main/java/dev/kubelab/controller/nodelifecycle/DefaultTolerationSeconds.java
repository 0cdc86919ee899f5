package dev.kubelab.controller.nodelifecycle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.admission.AdmissionAttributes;
import dev.kubelab.apiserver.admission.AdmissionPlugin;

/**
 * kube-apiserver's {@code DefaultTolerationSeconds} admission plugin, the other half of taint-based
 * eviction: on pod creation it adds {@code node.kubernetes.io/not-ready:NoExecute} and
 * {@code node.kubernetes.io/unreachable:NoExecute} tolerations (operator Exists) with
 * {@code tolerationSeconds} 300 — kube-apiserver's {@code --default-not-ready-toleration-seconds} and
 * {@code --default-unreachable-toleration-seconds}, shorter for demos — unless the pod already
 * tolerates those taints. That is why pods leave an unreachable node after five minutes.
 *
 * <p>Lives beside the node lifecycle controller it serves; the API server's admission chain registers it.
 */
public final class DefaultTolerationSeconds implements AdmissionPlugin {
    private final long notReadySeconds;
    private final long unreachableSeconds;

    public DefaultTolerationSeconds() {
        this(300, 300);
    }

    public DefaultTolerationSeconds(long notReadySeconds, long unreachableSeconds) {
        this.notReadySeconds = notReadySeconds;
        this.unreachableSeconds = unreachableSeconds;
    }

    @Override
    public String name() {
        return "DefaultTolerationSeconds";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        if (!"CREATE".equals(a.operation()) || a.subresource() != null && !a.subresource().isEmpty()
                || !"pods".equals(a.resource().groupResource()) || a.object() == null) {
            return;
        }
        ObjectNode spec = a.object().with("spec");
        JsonNode existing = spec.path("tolerations");
        boolean notReady = false;
        boolean unreachable = false;
        if (existing.isArray()) {
            for (JsonNode t : existing) {
                String key = t.path("key").asText("");
                String effect = t.path("effect").asText("");
                boolean noExecute = effect.isEmpty() || "NoExecute".equals(effect);
                notReady |= noExecute && (key.isEmpty() || NodeLifecycleController.NOT_READY.equals(key));
                unreachable |= noExecute && (key.isEmpty() || NodeLifecycleController.UNREACHABLE.equals(key));
            }
        }
        if (notReady && unreachable) {
            return;
        }
        ArrayNode list = existing.isArray() ? (ArrayNode) existing : spec.putArray("tolerations");
        if (!notReady) {
            list.addObject().put("key", NodeLifecycleController.NOT_READY).put("operator", "Exists")
                    .put("effect", "NoExecute").put("tolerationSeconds", notReadySeconds);
        }
        if (!unreachable) {
            list.addObject().put("key", NodeLifecycleController.UNREACHABLE).put("operator", "Exists")
                    .put("effect", "NoExecute").put("tolerationSeconds", unreachableSeconds);
        }
    }
}
