package dev.kubelab.scheduler;

import static dev.kubelab.scheduler.Fixtures.controlPlane;
import static dev.kubelab.scheduler.Fixtures.node;
import static dev.kubelab.scheduler.Fixtures.on;
import static dev.kubelab.scheduler.Fixtures.pod;
import static dev.kubelab.scheduler.Fixtures.withPriority;
import static dev.kubelab.scheduler.Fixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.scheduler.framework.NodePluginScores;
import dev.kubelab.scheduler.recorder.SchedulingDecision;
import dev.kubelab.scheduler.recorder.SchedulingListener;
import dev.kubelab.scheduler.recorder.SchedulingRecorder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeConditionBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The scheduling loop driven cycle by cycle, with API calls recorded in memory (the API wiring is KubeSchedulerEndToEndTest's job). */
class SchedulerTest {

    Fixtures.RecordingApi api;
    Fixtures.FakeClock clock;
    Scheduler scheduler;
    EventHandlers handlers;

    @BeforeEach
    void setUp() {
        api = new Fixtures.RecordingApi();
        clock = new Fixtures.FakeClock();
        scheduler = newScheduler(42);
        handlers = scheduler.eventHandlers();
        handlers.onNodeAdd(controlPlane("kubelab-control-plane"));
        handlers.onNodeAdd(worker("kubelab-worker"));
        handlers.onNodeAdd(worker("kubelab-worker2"));
    }

    Scheduler newScheduler(long seed) {
        return new Scheduler(SchedulerOptions.defaults().withRandomSeed(seed).withClock(clock).withLeaderElect(false),
                api, api, new SchedulingRecorder(), ns -> Map.of(), List::of);
    }

    @Test
    void bindsToAWorkerRecordsScheduledEventAndExplainsTheDecision() throws Exception {
        List<String> bound = new ArrayList<>();
        scheduler.recorder().addListener(new SchedulingListener() {
            @Override
            public void onBound(SchedulingDecision d) {
                bound.add(d.name() + "->" + d.selectedNode());
            }
        });
        handlers.onPodAdd(pod("nginx"));
        assertThat(scheduler.scheduleOneIfReady()).isTrue();

        assertThat(api.binds).hasSize(1);
        String node = api.binds.get(0).node();
        assertThat(node).startsWith("kubelab-worker");
        assertThat(api.events).containsExactly(new Fixtures.RecordingApi.Ev("default/nginx", "Normal", "Scheduled", "Binding",
                "Successfully assigned default/nginx to " + node));
        assertThat(bound).containsExactly("nginx->" + node);

        SchedulingDecision d = scheduler.recorder().decisionFor("default", "nginx").orElseThrow();
        assertThat(d.result()).isEqualTo(SchedulingDecision.Result.Scheduled);
        assertThat(d.bindOutcome()).isEqualTo("Bound");
        assertThat(d.selectedNode()).isEqualTo(node);
        assertThat(d.filterResults()).contains(new SchedulingDecision.NodeFilterResult("kubelab-control-plane", "TaintToleration",
                "UnschedulableAndUnresolvable", List.of("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }")));
        assertThat(d.scores()).extracting(NodePluginScores::name).containsExactlyInAnyOrder("kubelab-worker", "kubelab-worker2");
        assertThat(d.scores().get(0).scores()).extracting(NodePluginScores.PluginScore::plugin)
                .containsExactly("TaintToleration", "NodeResourcesFit", "NodeResourcesBalancedAllocation"); // NodeAffinity, PodTopologySpread, InterPodAffinity: PreScore Skip
        NodePluginScores.PluginScore taint = d.scores().get(0).scores().get(0);
        assertThat(taint.weight()).isEqualTo(3);
        assertThat(taint.weighted()).isEqualTo(300);
        String text = dev.kubelab.scheduler.recorder.DecisionText.render(d);
        assertThat(text).contains("default/nginx: attempt 1, Scheduled → " + node + " (Bound)")
                .contains("kubelab-control-plane  TaintToleration: node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }")
                .contains("← selected");
        // The assumed pod now counts on its node.
        assertThat(scheduler.cache().nodeInfo(node).pods()).hasSize(1);
    }

    @Test
    void failedSchedulingHasKubeSchedulersMessageEventAndCondition() throws Exception {
        handlers.onPodAdd(pod("big", "5", "1Gi"));
        scheduler.scheduleOneIfReady();

        String msg = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
                + "2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                + "2 No preemption victims found for incoming pod.";
        assertThat(api.binds).isEmpty();
        assertThat(api.events).containsExactly(new Fixtures.RecordingApi.Ev("default/big", "Warning", "FailedScheduling", "Scheduling", msg));
        assertThat(api.statusPatches).hasSize(1);
        var cond = api.statusPatches.get(0).condition();
        assertThat(cond.getType()).isEqualTo("PodScheduled");
        assertThat(cond.getStatus()).isEqualTo("False");
        assertThat(cond.getReason()).isEqualTo("Unschedulable");
        assertThat(cond.getMessage()).isEqualTo(msg);
        assertThat(scheduler.queue().pendingPods()).containsEntry("default/big", "unschedulablePods");
        assertThat(scheduler.recorder().decisionFor("default", "big").orElseThrow().message()).isEqualTo(msg);
    }

    @Test
    void unschedulablePodIsRetriedWhenANodeIsAddedButNotOnHeartbeats() throws Exception {
        handlers.onPodAdd(pod("big", "5", "1Gi"));
        scheduler.scheduleOneIfReady();
        assertThat(scheduler.queue().pendingPods()).containsEntry("default/big", "unschedulablePods");

        Node w = worker("kubelab-worker");
        Node heartbeat = new NodeBuilder(w).editStatus().addToConditions(new NodeConditionBuilder().withType("Ready")
                .withStatus("True").withLastHeartbeatTime("2024-01-01T00:00:10Z").build()).endStatus().build();
        Node heartbeat2 = new NodeBuilder(heartbeat).editStatus().editFirstCondition().withLastHeartbeatTime("2024-01-01T00:00:20Z")
                .endCondition().endStatus().build();
        handlers.onNodeUpdate(heartbeat, heartbeat2);
        assertThat(scheduler.queue().pendingPods()).containsEntry("default/big", "unschedulablePods");

        clock.step(Duration.ofSeconds(2));
        handlers.onNodeAdd(node("kubelab-worker3", "8", "16Gi", 110));
        assertThat(scheduler.queue().pendingPods()).containsEntry("default/big", "activeQ");
        scheduler.scheduleOneIfReady();
        assertThat(api.binds).containsExactly(new Fixtures.RecordingApi.Bind("default/big", "kubelab-worker3"));
    }

    @Test
    void tiesAreBrokenRandomlyButReproduciblyWithASeed() {
        List<NodePluginScores> tie = List.of(new NodePluginScores("a", List.of(), 10), new NodePluginScores("b", List.of(), 10),
                new NodePluginScores("c", List.of(), 5));
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();
        Scheduler s1 = newScheduler(7);
        Scheduler s2 = newScheduler(7);
        for (int i = 0; i < 50; i++) {
            first.add(s1.selectHost(tie));
            second.add(s2.selectHost(tie));
        }
        assertThat(first).isEqualTo(second).contains("a", "b").doesNotContain("c");
    }

    @Test
    void preemptsALowerPriorityPodAndNominatesItsNode() throws Exception {
        Pod low1 = on(withPriority(pod("low1", "4", "1Gi"), 0), "kubelab-worker");
        Pod low2 = on(withPriority(pod("low2", "3", "1Gi"), 100), "kubelab-worker2");
        handlers.onPodAdd(low1);
        handlers.onPodAdd(low2);
        Pod high = withPriority(pod("high", "3", "1Gi"), 1000);
        handlers.onPodAdd(high);
        scheduler.scheduleOneIfReady();

        // Both workers could host it after preemption: the victim with the lowest priority is chosen.
        assertThat(api.deleted).containsExactly("default/low1");
        assertThat(api.events).anySatisfy(e -> {
            assertThat(e.pod()).isEqualTo("default/low1");
            assertThat(e.reason()).isEqualTo("Preempted");
            assertThat(e.note()).isEqualTo("Preempted by pod " + high.getMetadata().getUid() + " on node kubelab-worker");
        });
        assertThat(api.statusPatches).anySatisfy(p -> {
            assertThat(p.pod()).isEqualTo("default/low1");
            assertThat(p.condition().getType()).isEqualTo("DisruptionTarget");
            assertThat(p.condition().getReason()).isEqualTo("PreemptionByScheduler");
        });
        assertThat(api.statusPatches).anySatisfy(p -> {
            assertThat(p.pod()).isEqualTo("default/high");
            assertThat(p.nominatedNodeName()).isEqualTo("kubelab-worker");
        });
        // Preemption succeeded: the event carries the filter reasons only.
        assertThat(api.events).anySatisfy(e -> assertThat(e.note()).isEqualTo(
                "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu."));
        SchedulingDecision d = scheduler.recorder().decisionFor("default", "high").orElseThrow();
        assertThat(d.nominatedNode()).isEqualTo("kubelab-worker");
        assertThat(d.victims()).containsExactly("default/low1");

        // The victim goes away; the preemptor (now nominated) is retried and lands on the freed node.
        handlers.onPodDelete(low1);
        clock.step(Duration.ofSeconds(2));
        scheduler.queue().flushBackoffQCompleted();
        Pod nominated = new PodBuilder(high).editStatus().withNominatedNodeName("kubelab-worker").endStatus().build();
        handlers.onPodUpdate(high, nominated);
        scheduler.scheduleOneIfReady();
        assertThat(api.binds).containsExactly(new Fixtures.RecordingApi.Bind("default/high", "kubelab-worker"));
    }

    @Test
    void preemptionPolicyNeverIsReported() throws Exception {
        Pod p = new PodBuilder(pod("never", "5", "1Gi")).editSpec().withPreemptionPolicy("Never").endSpec().build();
        handlers.onPodAdd(p);
        scheduler.scheduleOneIfReady();
        assertThat(api.events.get(0).note()).isEqualTo("0/3 nodes are available: 1 node(s) had untolerated taint "
                + "{node-role.kubernetes.io/control-plane: }, 2 Insufficient cpu. preemption: not eligible due to preemptionPolicy=Never.");
    }

    @Test
    void bindFailureForgetsTheAssumedPodAndRetriesAfterBackoff() throws Exception {
        api.failBinds = true;
        handlers.onPodAdd(pod("nginx"));
        scheduler.scheduleOneIfReady();
        assertThat(scheduler.cache().podCount()).isZero();
        assertThat(api.events).anySatisfy(e -> {
            assertThat(e.reason()).isEqualTo("FailedScheduling");
            assertThat(e.note()).isEqualTo("running Bind plugin \"DefaultBinder\": pods \"nginx\" not found");
        });
        assertThat(api.statusPatches.get(0).condition().getReason()).isEqualTo("SchedulerError");
        assertThat(scheduler.queue().pendingPods()).containsEntry("default/nginx", "backoffQ");
        assertThat(scheduler.recorder().decisionFor("default", "nginx").orElseThrow().bindOutcome()).startsWith("BindFailed");

        api.failBinds = false;
        clock.step(Duration.ofSeconds(1));
        scheduler.queue().flushBackoffQCompleted();
        scheduler.scheduleOneIfReady();
        assertThat(api.binds).hasSize(1);
    }

    @Test
    void noNodesIsASchedulerError() throws Exception {
        Scheduler empty = newScheduler(1);
        empty.eventHandlers().onPodAdd(pod("lonely"));
        empty.scheduleOneIfReady();
        assertThat(api.events.get(0).note()).isEqualTo("no nodes available to schedule pods");
        assertThat(api.statusPatches.get(0).condition().getReason()).isEqualTo("SchedulerError");
    }

    @Test
    void podsOfOtherSchedulersAndBoundPodsAreNotQueued() {
        handlers.onPodAdd(new PodBuilder(pod("other")).editSpec().withSchedulerName("my-scheduler").endSpec().build());
        handlers.onPodAdd(on(pod("running"), "kubelab-worker"));
        assertThat(scheduler.queue().pendingPods()).isEmpty();
        assertThat(scheduler.cache().nodeInfo("kubelab-worker").pods()).hasSize(1);
    }

    @Test
    void assumedPodIsConfirmedByTheInformerAndFreedOnDelete() throws Exception {
        Pod p = pod("web", "1", "1Gi");
        handlers.onPodAdd(p);
        scheduler.scheduleOneIfReady();
        String node = api.binds.get(0).node();
        Pod bound = on(p, node);
        handlers.onPodUpdate(p, bound);
        assertThat(scheduler.cache().isAssumedPod(bound)).isFalse();
        assertThat(scheduler.cache().nodeInfo(node).requested().milliCpu).isEqualTo(1000);
        handlers.onPodDelete(bound);
        assertThat(scheduler.cache().nodeInfo(node).requested().milliCpu).isZero();
    }

    @Test
    void stoppedSchedulerBindsNothing() throws Exception {
        scheduler.run();
        scheduler.stop();
        handlers.onPodAdd(pod("late"));
        assertThat(scheduler.scheduleOne()).isFalse();
        assertThat(api.binds).isEmpty();
    }

    @Test
    void numFeasibleNodesToFindIsAdaptive() {
        assertThat(Scheduler.numFeasibleNodesToFind(3)).isEqualTo(3);
        assertThat(Scheduler.numFeasibleNodesToFind(99)).isEqualTo(99);
        assertThat(Scheduler.numFeasibleNodesToFind(100)).isEqualTo(100);
        assertThat(Scheduler.numFeasibleNodesToFind(1000)).isEqualTo(420);
        assertThat(Scheduler.numFeasibleNodesToFind(6000)).isEqualTo(300);
    }
}
