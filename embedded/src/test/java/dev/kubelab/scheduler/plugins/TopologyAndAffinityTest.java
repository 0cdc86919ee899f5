package dev.kubelab.scheduler.plugins;

import static dev.kubelab.scheduler.Fixtures.on;
import static dev.kubelab.scheduler.Fixtures.pod;
import static dev.kubelab.scheduler.Fixtures.podBuilder;
import static dev.kubelab.scheduler.Fixtures.withLabels;
import static dev.kubelab.scheduler.Fixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodeInfoLister;
import dev.kubelab.scheduler.framework.Status;
import dev.kubelab.scheduler.plugins.interpodaffinity.InterPodAffinity;
import dev.kubelab.scheduler.plugins.podtopologyspread.PodTopologySpread;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTermBuilder;
import io.fabric8.kubernetes.api.model.TopologySpreadConstraintBuilder;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTermBuilder;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** PodTopologySpread and InterPodAffinity over a three-node cluster in two zones. */
class TopologyAndAffinityTest {

    static Node zoned(String name, String zone) {
        return new NodeBuilder(worker(name)).editMetadata().addToLabels("topology.kubernetes.io/zone", zone).endMetadata().build();
    }

    static Map<String, Status> filterAll(Object plugin, Pod pod, List<NodeInfo> nodes) {
        CycleState state = new CycleState(NodeInfoLister.of(nodes));
        var pre = ((dev.kubelab.scheduler.framework.PreFilterPlugin) plugin).preFilter(state, pod);
        Map<String, Status> out = new java.util.LinkedHashMap<>();
        for (NodeInfo ni : nodes) {
            out.put(ni.nodeName(), pre.isSkip() ? Status.success() : ((dev.kubelab.scheduler.framework.FilterPlugin) plugin).filter(state, pod, ni));
        }
        return out;
    }

    static Pod app(String name, String node) {
        Pod p = withLabels(pod(name), Map.of("app", "web"));
        return node == null ? p : on(p, node);
    }

    @Test
    void topologySpreadDoNotSchedule() {
        Pod incoming = podBuilder("new").editMetadata().addToLabels("app", "web").endMetadata().editSpec()
                .addToTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                        .withTopologyKey("topology.kubernetes.io/zone").withWhenUnsatisfiable("DoNotSchedule")
                        .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "web").build()).build())
                .endSpec().build();
        List<NodeInfo> nodes = List.of(
                NodeInfo.of(zoned("a1", "a"), app("w1", "a1")),
                NodeInfo.of(zoned("a2", "a")),
                NodeInfo.of(zoned("b1", "b")),
                NodeInfo.of(worker("nolabel")));
        Map<String, Status> r = filterAll(new PodTopologySpread(), incoming, nodes);
        assertThat(r.get("a1").code()).isEqualTo(Code.Unschedulable);
        assertThat(r.get("a1").reasons()).containsExactly("node(s) didn't match pod topology spread constraints");
        assertThat(r.get("a2").isSuccess()).isFalse();
        assertThat(r.get("b1").isSuccess()).isTrue();
        assertThat(r.get("nolabel").code()).isEqualTo(Code.UnschedulableAndUnresolvable);
        assertThat(r.get("nolabel").reasons()).containsExactly("node(s) didn't match pod topology spread constraints (missing required label)");
    }

    @Test
    void topologySpreadScheduleAnywayScoresEmptierDomainsHigher() {
        Pod incoming = podBuilder("new").editMetadata().addToLabels("app", "web").endMetadata().editSpec()
                .addToTopologySpreadConstraints(new TopologySpreadConstraintBuilder().withMaxSkew(1)
                        .withTopologyKey("kubernetes.io/hostname").withWhenUnsatisfiable("ScheduleAnyway")
                        .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "web").build()).build())
                .endSpec().build();
        List<NodeInfo> nodes = List.of(NodeInfo.of(worker("x"), app("w1", "x"), app("w2", "x")), NodeInfo.of(worker("y")));
        assertThat(ScorePluginsTest.scores(new PodTopologySpread(), incoming, nodes)).containsExactly(0L, 100L);
    }

    @Test
    void requiredAntiAffinityOfTheIncomingPod() {
        Pod incoming = podBuilder("new").editMetadata().addToLabels("app", "web").endMetadata().editSpec()
                .withNewAffinity().withNewPodAntiAffinity().addToRequiredDuringSchedulingIgnoredDuringExecution(
                        new PodAffinityTermBuilder().withTopologyKey("kubernetes.io/hostname")
                                .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "web").build()).build())
                .endPodAntiAffinity().endAffinity().endSpec().build();
        List<NodeInfo> nodes = List.of(NodeInfo.of(worker("x"), app("w1", "x")), NodeInfo.of(worker("y")));
        Map<String, Status> r = filterAll(new InterPodAffinity(null), incoming, nodes);
        assertThat(r.get("x").code()).isEqualTo(Code.Unschedulable);
        assertThat(r.get("x").reasons()).containsExactly("node(s) didn't match pod anti-affinity rules");
        assertThat(r.get("y").isSuccess()).isTrue();
    }

    @Test
    void requiredAntiAffinityOfExistingPods() {
        Pod existing = on(podBuilder("lonely").editSpec().withNewAffinity().withNewPodAntiAffinity()
                .addToRequiredDuringSchedulingIgnoredDuringExecution(new PodAffinityTermBuilder().withTopologyKey("kubernetes.io/hostname")
                        .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "web").build()).build())
                .endPodAntiAffinity().endAffinity().endSpec().build(), "x");
        List<NodeInfo> nodes = List.of(NodeInfo.of(worker("x"), existing), NodeInfo.of(worker("y")));
        Map<String, Status> r = filterAll(new InterPodAffinity(null), app("new", null), nodes);
        assertThat(r.get("x").reasons()).containsExactly("node(s) didn't satisfy existing pods anti-affinity rules");
        assertThat(r.get("y").isSuccess()).isTrue();
        // A pod the term does not select is unaffected.
        assertThat(filterAll(new InterPodAffinity(null), pod("other"), nodes).get("x").isSuccess()).isTrue();
    }

    @Test
    void requiredAffinity() {
        Pod incoming = podBuilder("new").editSpec().withNewAffinity().withNewPodAffinity().addToRequiredDuringSchedulingIgnoredDuringExecution(
                new PodAffinityTermBuilder().withTopologyKey("topology.kubernetes.io/zone")
                        .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "db").build()).build())
                .endPodAffinity().endAffinity().endSpec().build();
        Pod db = on(withLabels(pod("db"), Map.of("app", "db")), "a1");
        List<NodeInfo> nodes = List.of(NodeInfo.of(zoned("a1", "a"), db), NodeInfo.of(zoned("a2", "a")), NodeInfo.of(zoned("b1", "b")));
        Map<String, Status> r = filterAll(new InterPodAffinity(null), incoming, nodes);
        assertThat(r.get("a1").isSuccess()).isTrue();
        assertThat(r.get("a2").isSuccess()).isTrue();
        assertThat(r.get("b1").code()).isEqualTo(Code.UnschedulableAndUnresolvable);
        assertThat(r.get("b1").reasons()).containsExactly("node(s) didn't match pod affinity rules");

        // No matching pod anywhere: only a pod matching its own term may start the group.
        List<NodeInfo> empty = List.of(NodeInfo.of(zoned("a1", "a")));
        assertThat(filterAll(new InterPodAffinity(null), incoming, empty).get("a1").isSuccess()).isFalse();
        Pod selfMatching = withLabels(incoming, Map.of("app", "db"));
        assertThat(filterAll(new InterPodAffinity(null), selfMatching, empty).get("a1").isSuccess()).isTrue();
    }

    @Test
    void preferredAffinityScore() {
        Pod incoming = podBuilder("new").editSpec().withNewAffinity().withNewPodAffinity().addToPreferredDuringSchedulingIgnoredDuringExecution(
                new WeightedPodAffinityTermBuilder().withWeight(10).withNewPodAffinityTerm().withTopologyKey("kubernetes.io/hostname")
                        .withLabelSelector(new LabelSelectorBuilder().addToMatchLabels("app", "web").build()).endPodAffinityTerm().build())
                .endPodAffinity().endAffinity().endSpec().build();
        List<NodeInfo> nodes = List.of(NodeInfo.of(worker("x")), NodeInfo.of(worker("y"), app("w1", "y")));
        assertThat(ScorePluginsTest.scores(new InterPodAffinity(null), incoming, nodes)).containsExactly(0L, 100L);
    }
}
