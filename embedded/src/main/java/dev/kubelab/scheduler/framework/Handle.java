package dev.kubelab.scheduler.framework;

import dev.kubelab.scheduler.client.SchedulerClient;

/**
 * What plugins may use beyond their arguments, as kube-scheduler's {@code framework.Handle}: the API
 * client, the event recorder, listers fed by informers, the nominator and the framework itself
 * (preemption re-runs filters).
 */
public interface Handle {

    SchedulerClient client();

    EventRecorder eventRecorder();

    PodNominator nominator();

    /** The informer caches (namespaces, PDBs, services, replica sets, …). */
    Listers listers();

    Framework framework();
}
