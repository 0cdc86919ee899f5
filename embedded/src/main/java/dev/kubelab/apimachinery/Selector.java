package dev.kubelab.apimachinery;

import java.util.List;
import java.util.Map;

/**
 * {@code labels.Selector}: requirements ANDed. What both forms of a label selector become — the string of a
 * {@code ?labelSelector=} ({@code labels.Parse}, in the API server) and a {@code metav1.LabelSelector} object
 * ({@link LabelSelectors#asSelector}) — so that one matcher serves the API server, RBAC, the scheduler and the
 * controllers.
 */
public final class Selector {

    /** {@code labels.Everything()}: the empty selector. */
    public static final Selector EVERYTHING = new Selector(List.of(), false);
    /** {@code labels.Nothing()}: what a nil (or unconvertible) metav1.LabelSelector becomes. */
    public static final Selector NOTHING = new Selector(List.of(), true);

    private final List<Requirement> requirements;
    private final boolean nothing;

    private Selector(List<Requirement> requirements, boolean nothing) {
        this.requirements = requirements;
        this.nothing = nothing;
    }

    public static Selector of(List<Requirement> requirements) {
        return requirements.isEmpty() ? EVERYTHING : new Selector(List.copyOf(requirements), false);
    }

    /** Selects everything (no requirement). */
    public boolean isEmpty() {
        return !nothing && requirements.isEmpty();
    }

    public boolean matches(Labels labels) {
        if (nothing) {
            return false;
        }
        for (Requirement r : requirements) {
            if (!r.matches(labels)) {
                return false;
            }
        }
        return true;
    }

    public boolean matches(Map<String, String> labels) {
        return matches(Labels.of(labels));
    }
}
