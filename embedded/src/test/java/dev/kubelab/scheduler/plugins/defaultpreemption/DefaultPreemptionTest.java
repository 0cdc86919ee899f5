package dev.kubelab.scheduler.plugins.defaultpreemption;

import static dev.kubelab.scheduler.Fixtures.node;
import static dev.kubelab.scheduler.Fixtures.on;
import static dev.kubelab.scheduler.Fixtures.pod;
import static dev.kubelab.scheduler.Fixtures.withLabels;
import static dev.kubelab.scheduler.Fixtures.withPriority;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.scheduler.Fixtures;
import dev.kubelab.scheduler.Scheduler;
import dev.kubelab.scheduler.SchedulerOptions;
import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodeInfoLister;
import dev.kubelab.scheduler.recorder.SchedulingRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Victim selection on one node (reprieve, PDBs) and candidate choice. */
class DefaultPreemptionTest {

    final List<PodDisruptionBudget> pdbs = new ArrayList<>();
    DefaultPreemption preemption;
    NodeInfo node;
    Pod preemptor;

    @BeforeEach
    void setUp() {
        Scheduler s = new Scheduler(SchedulerOptions.defaults().withRandomSeed(1).withLeaderElect(false),
                new Fixtures.RecordingApi(), new Fixtures.RecordingApi(), new SchedulingRecorder(), ns -> Map.of(), () -> pdbs);
        preemption = (DefaultPreemption) s.framework().postFilterPlugins().get(0);
        Pod a = started(on(withPriority(withLabels(pod("a", "1", "100Mi"), Map.of("app", "a")), 1), "w"), "2024-01-01T00:00:00Z");
        Pod b = started(on(withPriority(withLabels(pod("b", "1", "100Mi"), Map.of("app", "b")), 2), "w"), "2024-01-01T00:00:00Z");
        Pod c = started(on(withPriority(pod("c", "2", "100Mi"), 5), "w"), "2024-01-01T00:00:00Z");
        node = NodeInfo.of(node("w", "4", "8Gi", 110), a, b, c);
        preemptor = withPriority(pod("p", "2", "100Mi"), 10);
    }

    static Pod started(Pod p, String t) {
        return new PodBuilder(p).editStatus().withStartTime(t).endStatus().build();
    }

    DefaultPreemption.VictimsOrStatus select() {
        return preemption.selectVictimsOnNode(new CycleState(NodeInfoLister.of(List.of(node))), preemptor, node, pdbs);
    }

    @Test
    void reprievesTheMostImportantPodsFirst() {
        var r = select();
        assertThat(r.status().isSuccess()).isTrue();
        assertThat(r.victims()).extracting(v -> v.getMetadata().getName()).containsExactly("b", "a");
        assertThat(r.numViolating()).isZero();
    }

    @Test
    void podsProtectedByAPdbAreReprievedFirst() {
        pdbs.add(new PodDisruptionBudgetBuilder().withNewMetadata().withNamespace("default").withName("b").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "b").endSelector().endSpec()
                .withNewStatus().withDisruptionsAllowed(0).endStatus().build());
        var r = select();
        assertThat(r.victims()).extracting(v -> v.getMetadata().getName()).containsExactly("c");
        assertThat(r.numViolating()).isZero();
    }

    @Test
    void noLowerPriorityPodsMeansNoVictims() {
        preemptor = withPriority(pod("p", "2", "100Mi"), 1);
        var r = select();
        assertThat(r.status().code()).isEqualTo(Code.UnschedulableAndUnresolvable);
        assertThat(r.status().reasons()).containsExactly("No preemption victims found for incoming pod");
    }

    @Test
    void evenWithoutAllLowerPodsThePodMayNotFit() {
        preemptor = withPriority(pod("p", "8", "100Mi"), 10);
        var r = select();
        assertThat(r.status().code()).isEqualTo(Code.Unschedulable);
        assertThat(r.status().reasons()).containsExactly("Insufficient cpu");
    }

    @Test
    void candidateWithFewerPdbViolationsThenLowerVictimPriorityWins() {
        Pod low = withPriority(pod("l"), 1);
        Pod mid = withPriority(pod("m"), 5);
        var violating = new DefaultPreemption.Candidate("n1", List.of(low), 1);
        var highVictim = new DefaultPreemption.Candidate("n2", List.of(mid), 0);
        var lowVictim = new DefaultPreemption.Candidate("n3", List.of(low, low), 0);
        assertThat(DefaultPreemption.selectCandidate(List.of(violating, highVictim, lowVictim)).nodeName()).isEqualTo("n3");
        var fewer = new DefaultPreemption.Candidate("n4", List.of(low), 0);
        assertThat(DefaultPreemption.selectCandidate(List.of(lowVictim, fewer)).nodeName()).isEqualTo("n4");
    }
}
