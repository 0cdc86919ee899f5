package dev.kubelab.apiserver.registry.apps;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.GoFormat;
import dev.kubelab.apiserver.validation.LabelSelectors;
import java.math.BigDecimal;

/** Checks shared by the apps/v1 workloads (pkg/apis/apps/validation) and other controllers' specs. */
public final class WorkloadValidation {

    public static final String NEGATIVE = "must be greater than or equal to 0";

    private WorkloadValidation() {}

    /** ValidateNonnegativeField, for an optional integer field. */
    public static void nonNegative(JsonNode spec, String field, FieldPath path, FieldErrors errs) {
        JsonNode v = spec.get(field);
        if (v != null && v.isNumber() && v.asLong() < 0) errs.invalid(path.child(field), v, NEGATIVE);
    }

    /** selector: required, a valid label selector, not empty ("empty selector is invalid for &lt;kind&gt;"). */
    public static void selector(JsonNode spec, FieldPath path, String kindForMessage, FieldErrors errs) {
        JsonNode selector = spec.get("selector");
        FieldPath p = path.child("selector");
        if (selector == null || selector.isNull()) {
            errs.required(p, "");
            return;
        }
        LabelSelectors.validate(selector, p, errs);
        if (LabelSelectors.isEmpty(selector)) {
            errs.invalid(p, new GoFormat.Raw(GoFormat.labelSelector(selector)), "empty selector is invalid for " + kindForMessage);
        }
    }

    /** apps/v1 selectors may not change after creation. */
    public static void immutableSelector(JsonNode newSpec, JsonNode oldSpec, FieldPath path, FieldErrors errs) {
        JsonNode n = newSpec.path("selector");
        if (!n.equals(oldSpec.path("selector"))) {
            errs.immutable(path.child("selector"), new GoFormat.Raw(n.isObject() ? "&" + GoFormat.labelSelector(n) : "nil"));
        }
    }

    /**
     * ValidatePositiveIntOrPercent + IsNotMoreThan100Percent for maxSurge / maxUnavailable / minAvailable.
     * Returns the value as a fraction-or-count for callers that compare two of them.
     */
    public static BigDecimal intOrPercent(JsonNode v, FieldPath path, FieldErrors errs) {
        if (v == null || v.isNull()) return null;
        if (v.isNumber()) {
            if (v.asLong() < 0) errs.invalid(path, v, NEGATIVE);
            return BigDecimal.valueOf(v.asLong());
        }
        String s = v.asText();
        if (!s.matches("[0-9]+%")) {
            errs.invalid(path, s, "a valid percent string must be a numeric string followed by an ending '%' (e.g. '1%',  or '93%', regex used for validation is '[0-9]+%')");
            return null;
        }
        int pct = Integer.parseInt(s.substring(0, s.length() - 1));
        if (pct > 100) errs.invalid(path, s, "must not be greater than 100%");
        return BigDecimal.valueOf(pct);
    }
}
