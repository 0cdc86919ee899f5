package dev.kubelab.apiserver.registry.core.node;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.NameValidation;
import dev.kubelab.apiserver.validation.Quantities;
import java.util.List;

/**
 * pkg/registry/core/node/strategy.go: nodes are created with their status (the kubelet registers itself that way),
 * spec updates keep the status, status updates keep the spec; allocatable defaults to capacity.
 */
public final class NodeStrategy extends GenericStrategy {

    private static final List<String> EFFECTS = List.of("NoSchedule", "PreferNoSchedule", "NoExecute");

    public NodeStrategy() {
        super(false);
    }

    @Override
    public void applyDefaults(ObjectNode node) {
        JsonNode status = node.get("status");
        if (status instanceof ObjectNode s && s.has("capacity") && !s.has("allocatable")) {
            s.set("allocatable", s.get("capacity").deepCopy());
        }
    }

    @Override
    public void prepareForCreate(ObjectNode node) {
        if (node.path("spec").isObject()) ((ObjectNode) node.get("spec")).remove("configSource");
    }

    @Override
    public void prepareForUpdate(ObjectNode n, ObjectNode o) {
        copyField(o, n, "status");
    }

    @Override
    protected void validateObject(ObjectNode node, FieldErrors errs) {
        JsonNode taints = node.path("spec").path("taints");
        FieldPath tp = FieldPath.of("spec", "taints");
        for (int i = 0; i < taints.size(); i++) {
            JsonNode t = taints.get(i);
            String key = t.path("key").asText("");
            for (String m : NameValidation.qualifiedName(key)) errs.invalid(tp.index(i).child("key"), key, m);
            String value = t.path("value").asText("");
            for (String m : NameValidation.labelValue(value)) errs.invalid(tp.index(i).child("value"), value, m);
            String effect = t.path("effect").asText("");
            if (effect.isEmpty()) errs.required(tp.index(i).child("effect"), "");
            else if (!EFFECTS.contains(effect)) errs.notSupported(tp.index(i).child("effect"), effect, EFFECTS);
        }
        for (String field : new String[] {"capacity", "allocatable"}) {
            node.path("status").path(field).fields().forEachRemaining(e -> {
                if (!Quantities.isValid(e.getValue().asText())) {
                    errs.invalid(FieldPath.of("status", field).key(e.getKey()), e.getValue().asText(), Quantities.FORMAT_ERROR);
                }
            });
        }
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        String oldCidr = o.path("spec").path("podCIDR").asText("");
        String newCidr = n.path("spec").path("podCIDR").asText("");
        if (!oldCidr.isEmpty() && !oldCidr.equals(newCidr)) {
            errs.forbidden(FieldPath.of("spec", "podCIDRs"), "node updates may not change podCIDR except from \"\" to valid");
        }
    }
}
