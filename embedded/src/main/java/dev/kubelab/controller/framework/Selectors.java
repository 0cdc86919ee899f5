package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.Map;

/** {@code metav1.LabelSelectorAsSelector(...).Matches(labels)}: nil selects nothing, empty selects everything. */
public final class Selectors {
    private Selectors() {
    }

    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        if (selector == null) {
            return false;
        }
        Map<String, String> l = labels == null ? Map.of() : labels;
        if (selector.getMatchLabels() != null) {
            for (var e : selector.getMatchLabels().entrySet()) {
                if (!e.getValue().equals(l.get(e.getKey()))) {
                    return false;
                }
            }
        }
        if (selector.getMatchExpressions() != null) {
            for (LabelSelectorRequirement r : selector.getMatchExpressions()) {
                String v = l.get(r.getKey());
                boolean ok = switch (r.getOperator()) {
                    case "In" -> v != null && r.getValues().contains(v);
                    case "NotIn" -> v == null || !r.getValues().contains(v);
                    case "Exists" -> l.containsKey(r.getKey());
                    case "DoesNotExist" -> !l.containsKey(r.getKey());
                    default -> false;
                };
                if (!ok) {
                    return false;
                }
            }
        }
        return true;
    }

    /** A plain map selector as Services use: empty or null selects nothing for Services' purposes. */
    public static boolean matchesMap(Map<String, String> selector, Map<String, String> labels) {
        if (selector == null || selector.isEmpty()) {
            return false;
        }
        Map<String, String> l = labels == null ? Map.of() : labels;
        return selector.entrySet().stream().allMatch(e -> e.getValue().equals(l.get(e.getKey())));
    }

    public static boolean isEmpty(LabelSelector s) {
        return s != null && (s.getMatchLabels() == null || s.getMatchLabels().isEmpty())
                && (s.getMatchExpressions() == null || s.getMatchExpressions().isEmpty());
    }
}
