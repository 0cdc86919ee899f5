package dev.kubelab.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;

/** metav1.LabelSelector validation (ValidateLabelSelector); matching is {@link dev.kubelab.apimachinery.LabelSelectors}. */
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
}
