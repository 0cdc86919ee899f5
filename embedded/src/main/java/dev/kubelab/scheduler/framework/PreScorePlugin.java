package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/** Runs once before Score over the feasible nodes; {@link Code#Skip} skips this plugin's Score. */
public interface PreScorePlugin extends Plugin {
    Status preScore(CycleState state, Pod pod, List<NodeInfo> nodes);
}
