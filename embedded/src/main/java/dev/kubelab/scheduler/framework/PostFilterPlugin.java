package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.Map;

/** Runs when no node passed Filter (DefaultPreemption lives here). */
public interface PostFilterPlugin extends Plugin {

    /** {@code PostFilterResult}: the nominated node (null: leave it; "": clear it) and the status. */
    record Result(String nominatedNodeName, Status status) {}

    Result postFilter(CycleState state, Pod pod, Map<String, Status> nodeToStatus);
}
