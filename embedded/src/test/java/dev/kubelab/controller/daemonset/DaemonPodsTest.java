package dev.kubelab.controller.daemonset;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.scheduler.plugins.helper.Tolerations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import org.junit.jupiter.api.Test;

class DaemonPodsTest {
    static Node node(String name, String taintKey, String effect) {
        NodeBuilder b = new NodeBuilder().withNewMetadata().withName(name).addToLabels("disk", "ssd").endMetadata().withNewSpec().endSpec();
        if (taintKey != null) {
            b.editSpec().addNewTaint().withKey(taintKey).withEffect(effect).endTaint().endSpec();
        }
        return b.build();
    }

    static PodSpec spec() {
        return new PodSpecBuilder().addNewContainer().withName("c").withImage("i").endContainer().build();
    }

    @Test
    void untoleratedNoScheduleTaintExcludesANodeButNodeProblemTaintsDoNot() {
        assertThat(DaemonPods.shouldRun(spec(), node("cp", "node-role.kubernetes.io/control-plane", "NoSchedule"))).isFalse();
        assertThat(DaemonPods.shouldRun(spec(), node("w", "node.kubernetes.io/unreachable", "NoExecute"))).isTrue();
        assertThat(DaemonPods.shouldRun(spec(), node("w", "node.kubernetes.io/unschedulable", "NoSchedule"))).isTrue();
        assertThat(DaemonPods.shouldRun(spec(), node("w", "example.com/soft", "PreferNoSchedule"))).isTrue();
        PodSpec tolerant = new PodSpecBuilder(spec()).addNewToleration().withOperator("Exists").endToleration().build();
        assertThat(DaemonPods.shouldRun(tolerant, node("cp", "node-role.kubernetes.io/control-plane", "NoSchedule"))).isTrue();
    }

    @Test
    void nodeSelectorAndAffinityAreHonoured() {
        assertThat(DaemonPods.shouldRun(new PodSpecBuilder(spec()).addToNodeSelector("disk", "hdd").build(), node("w", null, null))).isFalse();
        assertThat(DaemonPods.shouldRun(new PodSpecBuilder(spec()).addToNodeSelector("disk", "ssd").build(), node("w", null, null))).isTrue();
        // Lt/Gt compare integers; a label that is none ("ssd") matches neither (component-helpers' nodeaffinity)
        PodSpec lessThan = new PodSpecBuilder(spec()).withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addNewNodeSelectorTerm().addNewMatchExpression().withKey("disk").withOperator("Lt").withValues("5").endMatchExpression()
                .endNodeSelectorTerm().endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().build();
        assertThat(DaemonPods.shouldRun(lessThan, node("w", null, null))).isFalse();
    }

    @Test
    void daemonPodSpecIsPinnedToItsNodeAndToleratesNodeProblems() {
        PodSpec pinned = DaemonPods.specFor(spec(), "kubelab-worker2");
        var terms = pinned.getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
        assertThat(terms).singleElement().satisfies(t -> {
            assertThat(t.getMatchFields()).singleElement().satisfies(r -> {
                assertThat(r.getKey()).isEqualTo("metadata.name");
                assertThat(r.getOperator()).isEqualTo("In");
                assertThat(r.getValues()).containsExactly("kubelab-worker2");
            });
        });
        assertThat(pinned.getTolerations()).extracting(Toleration::getKey).contains("node.kubernetes.io/not-ready",
                "node.kubernetes.io/unreachable", "node.kubernetes.io/disk-pressure", "node.kubernetes.io/memory-pressure",
                "node.kubernetes.io/pid-pressure", "node.kubernetes.io/unschedulable");
        assertThat(DaemonPods.shouldRun(pinned, node("kubelab-worker", null, null))).isFalse();
        assertThat(DaemonPods.shouldRun(pinned, node("kubelab-worker2", null, null))).isTrue();
    }

    /** The scheduler's Toleration.ToleratesTaint, which the daemonset controller shares. */
    @Test
    void tolerationMatching() {
        Taint t = new Taint("NoSchedule", "k", null, "v");
        assertThat(Tolerations.tolerates(new Toleration("NoSchedule", "k", "Equal", null, "v"), t)).isTrue();
        assertThat(Tolerations.tolerates(new Toleration("NoSchedule", "k", "Equal", null, "x"), t)).isFalse();
        assertThat(Tolerations.tolerates(new Toleration(null, "k", "Exists", null, null), t)).isTrue();
        assertThat(Tolerations.tolerates(new Toleration("NoExecute", "k", "Exists", null, null), t)).isFalse();
    }
}
