package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.Iterator;
import java.util.Map;
import java.util.Optional;

/**
 * RuntimeClass (plugin/pkg/admission/runtimeclass): a pod naming spec.runtimeClassName must name an existing
 * RuntimeClass; its overhead.podFixed becomes spec.overhead and its scheduling nodeSelector and tolerations are
 * merged into the pod. Pods without a runtime class are untouched.
 */
public final class RuntimeClass implements AdmissionPlugin {

    static final String RUNTIME_CLASSES = "runtimeclasses.node.k8s.io";
    private final ObjectReader reader;

    public RuntimeClass(ObjectReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "RuntimeClass";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        if (!Admission.isPod(a) || !a.operation().equals(Admission.CREATE) || a.object() == null) return;
        ObjectNode spec = Admission.spec(a.object());
        String rc = spec.path("runtimeClassName").asText("");
        if (rc.isEmpty()) return;
        ObjectNode cls = lookup(a, rc);
        JsonNode podFixed = cls.path("overhead").path("podFixed");
        if (podFixed.isObject() && !podFixed.isEmpty()) {
            if (spec.has("overhead") && !spec.get("overhead").equals(podFixed)) {
                throw Admission.forbidden(a, "pod rejected: Pod's Overhead doesn't match RuntimeClass's defined Overhead");
            }
            spec.set("overhead", podFixed.deepCopy());
        }
        JsonNode scheduling = cls.path("scheduling");
        Iterator<Map.Entry<String, JsonNode>> it = scheduling.path("nodeSelector").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode existing = spec.path("nodeSelector").path(e.getKey());
            if (!existing.isMissingNode() && !existing.asText().equals(e.getValue().asText())) {
                throw Admission.forbidden(a, "conflict: runtimeClass.scheduling.nodeSelector[" + e.getKey() + "] = "
                        + e.getValue().asText() + "; pod.spec.nodeSelector[" + e.getKey() + "] = " + existing.asText());
            }
            spec.with("nodeSelector").put(e.getKey(), e.getValue().asText());
        }
        for (JsonNode t : scheduling.path("tolerations")) {
            ArrayNode tolerations = spec.has("tolerations") && spec.get("tolerations").isArray()
                    ? (ArrayNode) spec.get("tolerations") : spec.putArray("tolerations");
            boolean present = false;
            for (JsonNode existing : tolerations) if (existing.equals(t)) present = true;
            if (!present) tolerations.add(t.deepCopy());
        }
    }

    @Override
    public void validate(AdmissionAttributes a) {
        if (!Admission.isPod(a) || !a.operation().equals(Admission.CREATE) || a.object() == null) return;
        String rc = a.object().path("spec").path("runtimeClassName").asText("");
        if (!rc.isEmpty()) lookup(a, rc);
    }

    private ObjectNode lookup(AdmissionAttributes a, String name) {
        Optional<ObjectNode> cls = Admission.getIfServed(reader, RUNTIME_CLASSES, null, name);
        if (cls.isEmpty()) throw Admission.forbidden(a, "pod rejected: RuntimeClass \"" + name + "\" not found");
        return cls.get();
    }
}
