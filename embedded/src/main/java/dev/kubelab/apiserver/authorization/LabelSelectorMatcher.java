package dev.kubelab.apiserver.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** metav1.LabelSelector (matchLabels + matchExpressions) against an object's labels, as the aggregation rule uses it. */
final class LabelSelectorMatcher {

    private LabelSelectorMatcher() {}

    static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || selector.isNull() || selector.isMissingNode()) return false;
        Iterator<Map.Entry<String, JsonNode>> it = selector.path("matchLabels").fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().asText().equals(labels.path(e.getKey()).asText(null))) return false;
        }
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            boolean has = labels.has(key);
            String value = labels.path(key).asText(null);
            boolean inValues = false;
            for (JsonNode v : expr.path("values")) if (v.asText().equals(value)) inValues = true;
            switch (expr.path("operator").asText()) {
                case "In" -> { if (!has || !inValues) return false; }
                case "NotIn" -> { if (has && inValues) return false; }
                case "Exists" -> { if (!has) return false; }
                case "DoesNotExist" -> { if (has) return false; }
                default -> { return false; }
            }
        }
        // An empty selector selects everything (metav1.LabelSelectorAsSelector → labels.Everything()).
        return true;
    }
}
