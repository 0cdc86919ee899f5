package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Pods nominated to run on a node after preempting others ({@code framework.PodNominator}); their
 * requests are reserved on that node when filtering pods of lower or equal priority.
 */
public interface PodNominator {
    void addNominatedPod(PodInfo pod, String nodeName);

    void deleteNominatedPodIfExists(Pod pod);

    List<PodInfo> nominatedPodsForNode(String nodeName);

    PodNominator NONE = new PodNominator() {
        @Override public void addNominatedPod(PodInfo pod, String nodeName) {}
        @Override public void deleteNominatedPodIfExists(Pod pod) {}
        @Override public List<PodInfo> nominatedPodsForNode(String nodeName) { return List.of(); }
    };
}
