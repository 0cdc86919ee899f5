package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.LabelSelector;
import java.util.Map;

/** {@code metav1.LabelSelectorAsSelector(...).Matches(labels)}: nil selects nothing, empty selects everything. */
public final class Selectors {
    private Selectors() {
    }

    public static boolean matches(LabelSelector selector, Map<String, String> labels) {
        return dev.kubelab.apimachinery.LabelSelectors.matches(selector, labels);
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
