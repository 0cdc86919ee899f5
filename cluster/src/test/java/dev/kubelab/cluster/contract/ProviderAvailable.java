package dev.kubelab.cluster.contract;

import dev.kubelab.cluster.Availability;
import dev.kubelab.cluster.ClusterProviders;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Skips a provider's contract tests when the provider cannot run on this machine, with the provider's own reason
 * (e.g. "binaries: kube-apiserver, … not found under $KUBELAB_K8S_BIN or on PATH") — shown as skipped in Surefire's
 * summary, never passed.
 */
public final class ProviderAvailable implements ExecutionCondition {
    @Override
    public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
        Object instance = context.getTestInstance().orElse(null);
        Class<?> type = context.getRequiredTestClass();
        if (!ClusterContractTest.class.isAssignableFrom(type) || java.lang.reflect.Modifier.isAbstract(type.getModifiers())) {
            return ConditionEvaluationResult.enabled("not a provider contract test");
        }
        try {
            ClusterContractTest test = instance instanceof ClusterContractTest t ? t
                    : (ClusterContractTest) type.getDeclaredConstructor().newInstance();
            Availability a = ClusterProviders.defaults().get(test.provider()).availability();
            return a.available() ? ConditionEvaluationResult.enabled(a.reason().en())
                    : ConditionEvaluationResult.disabled(test.provider().id() + " provider not available here: " + a.reason().en()
                    + " — " + a.howToEnable().en());
        } catch (ReflectiveOperationException e) {
            return ConditionEvaluationResult.disabled("cannot instantiate " + type.getName() + ": " + e);
        }
    }
}
