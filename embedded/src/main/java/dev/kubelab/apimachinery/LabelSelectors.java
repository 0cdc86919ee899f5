package dev.kubelab.apimachinery;

import com.fasterxml.jackson.databind.JsonNode;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code metav1.LabelSelectorAsSelector(...).Matches}: matchLabels and matchExpressions ANDed;
 * a null selector matches nothing, an empty one everything. For typed objects (scheduler, controllers) and for
 * stored JSON (API server validation, subresources, RBAC aggregation) alike.
 */
public final class LabelSelectors {

    private LabelSelectors() {}

    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return asSelector(selector).matches(labels);
    }

    /** A selector object as stored JSON against an object's metadata.labels (possibly missing). */
    public static boolean matches(JsonNode selector, JsonNode labels) {
        return asSelector(selector).matches(Labels.of(labels));
    }

    /**
     * {@code metav1.LabelSelectorAsSelector}. Where Kubernetes returns an error (an unknown operator) the selector
     * selects nothing, as every caller treats that error.
     */
    public static Selector asSelector(LabelSelector selector) {
        if (selector == null) {
            return Selector.NOTHING;
        }
        List<Requirement> out = new ArrayList<>();
        if (selector.getMatchLabels() != null) {
            selector.getMatchLabels().forEach((k, v) -> out.add(new Requirement(k, Requirement.Operator.EQUALS, Set.of(v))));
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                Requirement.Operator op = operator(r.getOperator());
                if (op == null) {
                    return Selector.NOTHING;
                }
                out.add(new Requirement(r.getKey(), op, r.getValues() == null ? Set.of() : new HashSet<>(r.getValues())));
            }
        }
        return Selector.of(out);
    }

    /** The same for a selector object as stored JSON; anything but an object (missing, null) selects nothing. */
    public static Selector asSelector(JsonNode selector) {
        if (selector == null || !selector.isObject()) {
            return Selector.NOTHING;
        }
        List<Requirement> out = new ArrayList<>();
        selector.path("matchLabels").fields().forEachRemaining(e ->
                out.add(new Requirement(e.getKey(), Requirement.Operator.EQUALS, Set.of(e.getValue().asText()))));
        for (JsonNode e : selector.path("matchExpressions")) {
            Requirement.Operator op = operator(e.path("operator").asText());
            if (op == null) {
                return Selector.NOTHING;
            }
            Set<String> values = new HashSet<>();
            e.path("values").forEach(v -> values.add(v.asText()));
            out.add(new Requirement(e.path("key").asText(), op, values));
        }
        return Selector.of(out);
    }

    /** metav1.LabelSelectorOperator → selection.Operator; null for an operator Kubernetes rejects. */
    private static Requirement.Operator operator(String op) {
        if (op == null) {
            return null;
        }
        return switch (op) {
            case "In" -> Requirement.Operator.IN;
            case "NotIn" -> Requirement.Operator.NOT_IN;
            case "Exists" -> Requirement.Operator.EXISTS;
            case "DoesNotExist" -> Requirement.Operator.DOES_NOT_EXIST;
            default -> null;
        };
    }
}
