package dev.kubelab.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashSet;
import java.util.Set;

/** metav1.LabelSelector validation (ValidateLabelSelector) and matching (LabelSelectorAsSelector + Matches). */
public final class LabelSelectors {

    private LabelSelectors() {}

    public static void validate(JsonNode selector, FieldPath path, FieldErrors errs) {
        if (selector == null || !selector.isObject()) return;
        ObjectMetaValidation.validateLabels(selector.get("matchLabels"), path.child("matchLabels"), errs);
        JsonNode exprs = selector.path("matchExpressions");
        for (int i = 0; i < exprs.size(); i++) {
            JsonNode e = exprs.get(i);
            FieldPath p = path.child("matchExpressions").index(i);
            String op = e.path("operator").asText();
            int values = e.path("values").size();
            switch (op) {
                case "In", "NotIn" -> {
                    if (values == 0) errs.required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'");
                }
                case "Exists", "DoesNotExist" -> {
                    if (values > 0) errs.forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
                }
                default -> errs.invalid(p.child("operator"), op, "not a valid selector operator");
            }
            for (String msg : NameValidation.qualifiedName(e.path("key").asText())) {
                errs.invalid(p.child("key"), e.path("key").asText(), msg);
            }
        }
    }

    public static boolean isEmpty(JsonNode selector) {
        return selector == null || !selector.isObject()
                || (selector.path("matchLabels").isEmpty() && selector.path("matchExpressions").isEmpty());
    }

    /** Whether labels (a string map, possibly missing) satisfy the selector. */
    public static boolean matches(JsonNode selector, JsonNode labels) {
        if (selector == null || !selector.isObject()) return false;
        var it = selector.path("matchLabels").fields();
        while (it.hasNext()) {
            var e = it.next();
            if (!labels.has(e.getKey()) || !labels.get(e.getKey()).asText().equals(e.getValue().asText())) return false;
        }
        for (JsonNode e : selector.path("matchExpressions")) {
            String key = e.path("key").asText();
            Set<String> values = new HashSet<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            boolean has = labels.has(key);
            String value = has ? labels.get(key).asText() : null;
            boolean ok = switch (e.path("operator").asText()) {
                case "In" -> has && values.contains(value);
                case "NotIn" -> !has || !values.contains(value);
                case "Exists" -> has;
                case "DoesNotExist" -> !has;
                default -> false;
            };
            if (!ok) return false;
        }
        return true;
    }
}
