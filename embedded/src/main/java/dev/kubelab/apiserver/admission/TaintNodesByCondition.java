package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * TaintNodesByCondition (plugin/pkg/admission/nodetaint): every new Node gets the
 * {@code node.kubernetes.io/not-ready:NoSchedule} taint, so nothing is scheduled onto it before its kubelet
 * reports Ready; the node lifecycle controller removes the taint then.
 */
public final class TaintNodesByCondition implements AdmissionPlugin {

    @Override
    public String name() {
        return "TaintNodesByCondition";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        if (!Admission.is(a, "", "nodes") || !a.operation().equals(Admission.CREATE) || a.object() == null) return;
        ObjectNode spec = Admission.spec(a.object());
        for (JsonNode t : spec.path("taints")) {
            if (DefaultTolerationSeconds.NOT_READY.equals(t.path("key").asText()) && "NoSchedule".equals(t.path("effect").asText())) return;
        }
        ArrayNode taints = spec.has("taints") && spec.get("taints").isArray() ? (ArrayNode) spec.get("taints") : spec.putArray("taints");
        taints.addObject().put("effect", "NoSchedule").put("key", DefaultTolerationSeconds.NOT_READY);
    }
}
