package dev.kubelab.scheduler.framework;

import java.util.List;

/** All score plugins' results for one node, as kube-scheduler's {@code NodePluginScores}. */
public record NodePluginScores(String name, List<PluginScore> scores, long totalScore) {

    /** One plugin's score on one node: raw (from Score), normalised (after NormalizeScore), weight, weighted. */
    public record PluginScore(String plugin, long raw, long normalized, int weight, long weighted) {}
}
