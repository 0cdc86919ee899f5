package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * DefaultTolerationSeconds (plugin/pkg/admission/defaulttolerationseconds): a pod that does not already tolerate
 * them gets NoExecute tolerations for node.kubernetes.io/not-ready and node.kubernetes.io/unreachable with
 * tolerationSeconds 300 (--default-not-ready-toleration-seconds / --default-unreachable-toleration-seconds), so
 * its pods are evicted five minutes after their node fails.
 */
public final class DefaultTolerationSeconds implements AdmissionPlugin {

    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
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
        if (!Admission.isPod(a) || a.object() == null) return;
        if (!a.operation().equals(Admission.CREATE) && !a.operation().equals(Admission.UPDATE)) return;
        ObjectNode spec = Admission.spec(a.object());
        boolean notReady = false, unreachable = false;
        for (JsonNode t : spec.path("tolerations")) {
            String key = t.path("key").asText("");
            String effect = t.path("effect").asText("");
            boolean noExecute = effect.isEmpty() || effect.equals("NoExecute");
            if (noExecute && (key.isEmpty() || key.equals(NOT_READY))) notReady = true;
            if (noExecute && (key.isEmpty() || key.equals(UNREACHABLE))) unreachable = true;
        }
        if (notReady && unreachable) return;
        ArrayNode tolerations = spec.has("tolerations") && spec.get("tolerations").isArray()
                ? (ArrayNode) spec.get("tolerations") : spec.putArray("tolerations");
        if (!notReady) tolerations.add(toleration(NOT_READY, notReadySeconds));
        if (!unreachable) tolerations.add(toleration(UNREACHABLE, unreachableSeconds));
    }

    private static ObjectNode toleration(String key, long seconds) {
        return com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode()
                .put("effect", "NoExecute").put("key", key).put("operator", "Exists").put("tolerationSeconds", seconds);
    }
}
