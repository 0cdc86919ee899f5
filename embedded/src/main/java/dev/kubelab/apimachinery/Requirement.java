package dev.kubelab.apimachinery;

import java.util.Set;

/**
 * One requirement of a label selector ({@code labels.Requirement}): a key, an operator and its values. The
 * set-based and the equality-based forms match alike ({@code =}/{@code ==} as {@code in}, {@code !=} as
 * {@code notin}); they stay apart only for how they were written.
 */
public record Requirement(String key, Operator operator, Set<String> values) {

    /** {@code selection.Operator}, those a label selector may use. */
    public enum Operator { EQUALS, NOT_EQUALS, IN, NOT_IN, EXISTS, DOES_NOT_EXIST }

    public Requirement {
        values = Set.copyOf(values);
    }

    public boolean matches(Labels labels) {
        boolean has = labels.has(key);
        return switch (operator) {
            case EXISTS -> has;
            case DOES_NOT_EXIST -> !has;
            case EQUALS, IN -> has && values.contains(labels.get(key));
            case NOT_EQUALS, NOT_IN -> !has || !values.contains(labels.get(key));
        };
    }
}
