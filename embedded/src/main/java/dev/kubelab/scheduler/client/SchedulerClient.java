package dev.kubelab.scheduler.client;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import java.util.concurrent.CompletionStage;

/**
 * The API calls kube-scheduler makes, and nothing else: bind (POST pods/binding), patch pod status
 * (PodScheduled condition, nominatedNodeName, DisruptionTarget for victims), delete a pod (preemption).
 * Asynchronous so the scheduling loop never waits on the network.
 */
public interface SchedulerClient {

    /** POST /api/v1/namespaces/{ns}/pods/{name}/binding with a v1 Binding to {@code nodeName}. */
    CompletionStage<Void> bind(Pod pod, String nodeName);

    /**
     * Strategic-merge-patch the pod's status subresource with {@code condition} (merged by type) and,
     * when {@code nominatedNodeName} is non-null, status.nominatedNodeName ("" clears it).
     */
    CompletionStage<Void> patchPodStatus(Pod pod, PodCondition condition, String nominatedNodeName);

    /** DELETE the pod with its default grace period (a preemption victim). */
    CompletionStage<Void> deletePod(Pod pod);
}
