package dev.kubelab.scheduler.framework;

import dev.kubelab.scheduler.client.SchedulerClient;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;

/**
 * What plugins may use beyond their arguments, as kube-scheduler's {@code framework.Handle}: the API
 * client, the event recorder, listers fed by informers, the nominator and the framework itself
 * (preemption re-runs filters).
 */
public interface Handle {

    SchedulerClient client();

    EventRecorder eventRecorder();

    PodNominator nominator();

    /** Labels of a namespace (for namespaceSelector in affinity terms); null when unknown. */
    Map<String, String> namespaceLabels(String namespace);

    List<PodDisruptionBudget> podDisruptionBudgets();

    Framework framework();
}
