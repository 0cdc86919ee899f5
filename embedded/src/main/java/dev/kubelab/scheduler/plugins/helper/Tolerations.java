package dev.kubelab.scheduler.plugins.helper;

import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.List;
import java.util.function.Predicate;

/** Taint/toleration matching as {@code v1helper} and {@code Toleration.ToleratesTaint} do it. */
public final class Tolerations {

    private Tolerations() {}

    /** {@code Toleration.ToleratesTaint}. */
    public static boolean tolerates(Toleration t, Taint taint) {
        if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if (t.getKey() != null && !t.getKey().isEmpty() && !t.getKey().equals(taint.getKey())) {
            return false;
        }
        String op = t.getOperator() == null || t.getOperator().isEmpty() ? "Equal" : t.getOperator();
        return switch (op) {
            case "Exists" -> true;
            case "Equal" -> nullToEmpty(t.getValue()).equals(nullToEmpty(taint.getValue()));
            default -> false;
        };
    }

    public static boolean tolerationsTolerateTaint(List<Toleration> tolerations, Taint taint) {
        if (tolerations == null) {
            return false;
        }
        for (Toleration t : tolerations) {
            if (tolerates(t, taint)) {
                return true;
            }
        }
        return false;
    }

    /** {@code FindMatchingUntoleratedTaint}: the first taint passing {@code filter} that no toleration tolerates. */
    public static Taint findMatchingUntoleratedTaint(List<Taint> taints, List<Toleration> tolerations, Predicate<Taint> filter) {
        if (taints == null) {
            return null;
        }
        for (Taint taint : taints) {
            if (filter.test(taint) && !tolerationsTolerateTaint(tolerations, taint)) {
                return taint;
            }
        }
        return null;
    }

    /** {@code DoNotScheduleTaintsFilterFunc}: NoSchedule and NoExecute taints. */
    public static boolean isDoNotSchedule(Taint t) {
        return "NoSchedule".equals(t.getEffect()) || "NoExecute".equals(t.getEffect());
    }

    static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
