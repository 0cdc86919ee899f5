package dev.kubelab.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders values as Go's %#v does in kube-apiserver messages, for the shapes that show up in common errors
 * (label maps, string slices, label selectors).
 */
public final class GoFormat {

    private GoFormat() {}

    /** {@code map[string]string{"app":"web"}} (keys sorted, as Go prints maps). */
    public static String stringMap(JsonNode map) {
        if (map == null || !map.isObject() || map.isEmpty()) return "map[string]string(nil)";
        Map<String, String> sorted = new TreeMap<>();
        map.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        StringBuilder sb = new StringBuilder("map[string]string{");
        boolean first = true;
        for (Map.Entry<String, String> e : sorted.entrySet()) {
            if (!first) sb.append(", ");
            first = false;
            sb.append(FieldErrors.quote(e.getKey())).append(':').append(FieldErrors.quote(e.getValue()));
        }
        return sb.append('}').toString();
    }

    /** {@code []string{"10.96.0.10"}}. */
    public static String stringSlice(JsonNode list) {
        if (list == null || !list.isArray()) return "[]string(nil)";
        StringBuilder sb = new StringBuilder("[]string{");
        for (int i = 0; i < list.size(); i++) {
            if (i > 0) sb.append(", ");
            sb.append(FieldErrors.quote(list.get(i).asText()));
        }
        return sb.append('}').toString();
    }

    /** {@code v1.LabelSelector{MatchLabels:map[string]string{"app":"web"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}}. */
    public static String labelSelector(JsonNode selector) {
        JsonNode exprs = selector.path("matchExpressions");
        String expressions = exprs.isArray() && !exprs.isEmpty()
                ? "[]v1.LabelSelectorRequirement{" + exprs.size() + " items}" : "[]v1.LabelSelectorRequirement(nil)";
        return "v1.LabelSelector{MatchLabels:" + stringMap(selector.get("matchLabels")) + ", MatchExpressions:" + expressions + "}";
    }

    /** Go's %q. */
    public static String quote(String s) {
        return FieldErrors.quote(s);
    }

    /** A value already formatted: passed to FieldErrors.invalid it prints verbatim. */
    public record Raw(String text) {
        @Override public String toString() { return text; }
    }
}
