package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.concurrent.CompletionStage;

/**
 * Binds the pod to the chosen node. Asynchronous: kube-scheduler runs the binding cycle in its own
 * goroutine; here the bind plugin returns a future completing with the status.
 */
public interface BindPlugin extends Plugin {
    CompletionStage<Status> bind(CycleState state, Pod pod, String nodeName);
}
