package dev.kubelab.scheduler.recorder;

import dev.kubelab.scheduler.framework.NodePluginScores;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class SchedulingRecorderTest {

    /** A decision over {@code nodes} nodes, all feasible and scored by two plugins: 1 + nodes + 3 × nodes results. */
    static SchedulingDecision decision(String pod, int nodes) {
        List<SchedulingDecision.NodeFilterResult> filters = new ArrayList<>();
        List<NodePluginScores> scores = new ArrayList<>();
        for (int i = 0; i < nodes; i++) {
            filters.add(new SchedulingDecision.NodeFilterResult("n" + i, null, "Success", List.of()));
            scores.add(new NodePluginScores("n" + i, List.of(new NodePluginScores.PluginScore("A", 1, 1, 1, 1),
                    new NodePluginScores.PluginScore("B", 2, 2, 1, 2)), 3));
        }
        Instant now = Instant.now();
        return new SchedulingDecision("default", pod, "uid-" + pod, 1, now, now, now, SchedulingDecision.Result.Scheduled, "",
                "n0", null, List.of(), nodes, filters, scores);
    }

    @Test
    void aLargeClusterRemembersFewerPodsWithinTheBudget() {
        // 100 nodes: 401 results per decision; a budget of 2,000 keeps the 4 most recent pods
        SchedulingRecorder r = new SchedulingRecorder(5, 10_000, 2_000);
        for (int i = 0; i < 10; i++) r.record(decision("p" + i, 100));
        assertThat(r.decisionFor("default", "p9")).isPresent();
        assertThat(r.decisionFor("default", "p6")).isPresent();
        assertThat(r.decisionFor("default", "p5")).isEmpty();
        assertThat(r.decisionFor("default", "p0")).isEmpty();
    }

    @Test
    void aSmallClusterIsBoundByPodCountAndEachPodKeepsItsLatestAttempts() {
        SchedulingRecorder r = new SchedulingRecorder(2, 3, 1_000_000);
        for (int i = 0; i < 3; i++) r.record(decision("retried", 3));
        assertThat(r.decisionsFor("default", "retried")).hasSize(2);
        for (int i = 0; i < 4; i++) r.record(decision("p" + i, 3));
        assertThat(r.decisionFor("default", "retried")).isEmpty();
        assertThat(r.decisionFor("default", "p0")).isEmpty();
        assertThat(r.decisionFor("default", "p3")).isPresent();
    }
}
