package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;

/**
 * Ranks a feasible node. Raw scores may be normalised by {@link #normalizeScore} (kube-scheduler's
 * ScoreExtensions); the framework then checks they lie in [0, {@link #MAX_NODE_SCORE}] and multiplies
 * them by the plugin's weight in the profile.
 */
public interface ScorePlugin extends Plugin {

    long MAX_NODE_SCORE = 100;
    long MIN_NODE_SCORE = 0;

    long score(CycleState state, Pod pod, NodeInfo nodeInfo);

    /** Whether {@link #normalizeScore} does anything ({@code ScoreExtensions() != nil}). */
    default boolean hasScoreExtensions() {
        return false;
    }

    default Status normalizeScore(CycleState state, Pod pod, List<NodeScore> scores) {
        return Status.success();
    }
}
