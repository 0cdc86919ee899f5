package dev.kubelab.scheduler.plugins;

import static dev.kubelab.scheduler.Fixtures.node;
import static dev.kubelab.scheduler.Fixtures.on;
import static dev.kubelab.scheduler.Fixtures.pod;
import static dev.kubelab.scheduler.Fixtures.podBuilder;
import static dev.kubelab.scheduler.Fixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodeInfoLister;
import dev.kubelab.scheduler.framework.NodeScore;
import dev.kubelab.scheduler.framework.PreScorePlugin;
import dev.kubelab.scheduler.framework.ScorePlugin;
import dev.kubelab.scheduler.plugins.helper.NormalizeScore;
import dev.kubelab.scheduler.plugins.nodeaffinity.NodeAffinity;
import dev.kubelab.scheduler.plugins.noderesources.BalancedAllocation;
import dev.kubelab.scheduler.plugins.noderesources.Fit;
import dev.kubelab.scheduler.plugins.tainttoleration.TaintToleration;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PreferredSchedulingTermBuilder;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Score plugins: raw scores and normalisation, with the numbers kube-scheduler computes. */
class ScorePluginsTest {

    /** Runs PreScore, Score and NormalizeScore; returns the normalised scores in node order. */
    static List<Long> scores(ScorePlugin plugin, Pod pod, List<NodeInfo> nodes) {
        CycleState state = new CycleState(NodeInfoLister.of(nodes));
        if (plugin instanceof PreScorePlugin ps) {
            assertThat(ps.preScore(state, pod, nodes).isSuccess()).isTrue();
        }
        List<NodeScore> scores = new ArrayList<>();
        for (NodeInfo ni : nodes) {
            scores.add(new NodeScore(ni.nodeName(), plugin.score(state, pod, ni)));
        }
        if (plugin.hasScoreExtensions()) {
            plugin.normalizeScore(state, pod, scores);
        }
        return scores.stream().map(s -> s.score).toList();
    }

    @Test
    void leastAllocated() {
        // cpu: (4000 - 1000) * 100 / 4000 = 75; memory: (8Gi - 2Gi) * 100 / 8Gi = 75 → 75
        NodeInfo empty = NodeInfo.of(node("a", "4", "8Gi", 110));
        NodeInfo busy = NodeInfo.of(node("b", "4", "8Gi", 110), on(pod("x", "2", "2Gi"), "b"));
        assertThat(scores(new Fit(), pod("p", "1", "2Gi"), List.of(empty, busy))).containsExactly(75L, 37L);
        // A pod without requests counts as 100m / 200Mi.
        assertThat(new Fit().score(null, pod("z"), NodeInfo.of(node("c", "1", "1000Mi", 110)))).isEqualTo((90 + 80) / 2);
    }

    @Test
    void balancedAllocation() {
        // cpu 1/4 = 0.25, memory 4/8 = 0.5 → (1 - 0.125) * 100 = 87
        NodeInfo n = NodeInfo.of(node("a", "4", "8Gi", 110));
        assertThat(new BalancedAllocation().score(null, pod("p", "1", "4Gi"), n)).isEqualTo(87);
        assertThat(new BalancedAllocation().score(null, pod("p", "2", "4Gi"), n)).isEqualTo(100);
    }

    @Test
    void taintTolerationPrefersFewerPreferNoScheduleTaints() {
        Node one = new NodeBuilder(worker("one")).editSpec().addToTaints(new TaintBuilder().withKey("a").withEffect("PreferNoSchedule").build()).endSpec().build();
        Node two = new NodeBuilder(worker("two")).editSpec().addToTaints(
                new TaintBuilder().withKey("a").withEffect("PreferNoSchedule").build(),
                new TaintBuilder().withKey("b").withEffect("PreferNoSchedule").build()).endSpec().build();
        assertThat(scores(new TaintToleration(), pod("p"), List.of(NodeInfo.of(worker("none")), NodeInfo.of(one), NodeInfo.of(two))))
                .containsExactly(100L, 50L, 0L);
    }

    @Test
    void nodeAffinityPreferredTerms() {
        Pod p = podBuilder("p").editSpec().withNewAffinity().withNewNodeAffinity()
                .addToPreferredDuringSchedulingIgnoredDuringExecution(new PreferredSchedulingTermBuilder().withWeight(80).withNewPreference()
                        .addToMatchExpressions(new NodeSelectorRequirementBuilder().withKey("zone").withOperator("In").withValues("a").build())
                        .endPreference().build())
                .addToPreferredDuringSchedulingIgnoredDuringExecution(new PreferredSchedulingTermBuilder().withWeight(20).withNewPreference()
                        .addToMatchExpressions(new NodeSelectorRequirementBuilder().withKey("ssd").withOperator("Exists").build())
                        .endPreference().build())
                .endNodeAffinity().endAffinity().endSpec().build();
        Node a = new NodeBuilder(worker("a")).editMetadata().addToLabels("zone", "a").endMetadata().build();
        Node b = new NodeBuilder(worker("b")).editMetadata().addToLabels("ssd", "").endMetadata().build();
        Node ab = new NodeBuilder(worker("ab")).editMetadata().addToLabels("zone", "a").addToLabels("ssd", "1").endMetadata().build();
        assertThat(scores(new NodeAffinity(), p, List.of(NodeInfo.of(a), NodeInfo.of(b), NodeInfo.of(ab), NodeInfo.of(worker("c")))))
                .containsExactly(80L, 20L, 100L, 0L);
    }

    @Test
    void defaultNormalizeScore() {
        List<NodeScore> s = List.of(new NodeScore("a", 2), new NodeScore("b", 4), new NodeScore("c", 0));
        NormalizeScore.defaultNormalizeScore(100, false, s);
        assertThat(s).extracting(x -> x.score).containsExactly(50L, 100L, 0L);
        List<NodeScore> zeros = List.of(new NodeScore("a", 0));
        NormalizeScore.defaultNormalizeScore(100, true, zeros);
        assertThat(zeros.get(0).score).isEqualTo(100);
    }
}
