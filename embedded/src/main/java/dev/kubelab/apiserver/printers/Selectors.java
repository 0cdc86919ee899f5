package dev.kubelab.apiserver.printers;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** How the printers render label maps (labels.FormatLabels) and selectors (labels.Selector.String()). */
public final class Selectors {

    private Selectors() {}

    /** "a=b,c=d" sorted by key, "&lt;none&gt;" when empty. */
    public static String formatLabels(JsonNode labels) {
        if (labels == null || !labels.isObject() || labels.isEmpty()) return "<none>";
        Map<String, String> sorted = new TreeMap<>();
        labels.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue().asText()));
        List<String> parts = new ArrayList<>();
        sorted.forEach((k, v) -> parts.add(k + "=" + v));
        return String.join(",", parts);
    }

    /** metav1.LabelSelectorAsSelector(s).String(): requirements sorted by key; "" for an empty selector. */
    public static String selector(JsonNode selector) {
        if (selector == null || !selector.isObject()) return "";
        TreeMap<String, List<String>> byKey = new TreeMap<>();
        selector.path("matchLabels").fields().forEachRemaining(e ->
                byKey.computeIfAbsent(e.getKey(), k -> new ArrayList<>()).add(e.getKey() + "=" + e.getValue().asText()));
        for (JsonNode expr : selector.path("matchExpressions")) {
            String key = expr.path("key").asText();
            List<String> values = new ArrayList<>();
            expr.path("values").forEach(v -> values.add(v.asText()));
            values.sort(null);
            String text = switch (expr.path("operator").asText()) {
                case "In" -> key + " in (" + String.join(",", values) + ")";
                case "NotIn" -> key + " notin (" + String.join(",", values) + ")";
                case "Exists" -> key;
                case "DoesNotExist" -> "!" + key;
                default -> key;
            };
            byKey.computeIfAbsent(key, k -> new ArrayList<>()).add(text);
        }
        List<String> parts = new ArrayList<>();
        byKey.values().forEach(parts::addAll);
        return String.join(",", parts);
    }
}
