package dev.kubelab.scheduler.queue;

import static dev.kubelab.scheduler.Fixtures.pod;
import static dev.kubelab.scheduler.Fixtures.withPriority;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.scheduler.Fixtures;
import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.QueuedPodInfo;
import dev.kubelab.scheduler.plugins.queuesort.PrioritySort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SchedulingQueueTest {

    Fixtures.FakeClock clock;
    SchedulingQueue q;

    @BeforeEach
    void setUp() {
        clock = new Fixtures.FakeClock();
        Map<String, List<ClusterEvent>> events = Map.of(
                "NodeResourcesFit", List.of(ClusterEvent.of(ClusterEvent.Kind.Pod, ClusterEvent.Delete),
                        ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.UpdateNodeAllocatable)),
                "NodeAffinity", List.of(ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.UpdateNodeLabel)));
        q = new SchedulingQueue(new PrioritySort()::less, events, clock);
    }

    QueuedPodInfo popNow() throws InterruptedException {
        return q.pop(Duration.ZERO);
    }

    /** Pops the pod and fails it with the given rejecting plugins. */
    QueuedPodInfo fail(String... plugins) throws InterruptedException {
        QueuedPodInfo qpi = popNow();
        long cycle = q.schedulingCycle();
        qpi.unschedulablePlugins.addAll(List.of(plugins));
        q.addUnschedulableIfNotPresent(qpi, cycle);
        return qpi;
    }

    @Test
    void prioritySortHigherPriorityThenOlder() throws Exception {
        q.add(withPriority(pod("low"), 1));
        clock.step(Duration.ofMillis(1));
        q.add(withPriority(pod("high"), 100));
        clock.step(Duration.ofMillis(1));
        q.add(withPriority(pod("low2"), 1));
        assertThat(popNow().pod().getMetadata().getName()).isEqualTo("high");
        assertThat(popNow().pod().getMetadata().getName()).isEqualTo("low");
        assertThat(popNow().pod().getMetadata().getName()).isEqualTo("low2");
        assertThat(popNow()).isNull();
    }

    @Test
    void backoffDoublesFromOneSecondToTenSeconds() {
        QueuedPodInfo qpi = new QueuedPodInfo(pod("p"), clock.instant());
        long[] expected = {1, 2, 4, 8, 10, 10};
        for (int i = 0; i < expected.length; i++) {
            qpi.attempts = i + 1;
            assertThat(q.backoffDuration(qpi)).isEqualTo(Duration.ofSeconds(expected[i]));
        }
    }

    @Test
    void unschedulablePodsMoveOnlyOnEventsTheirPluginsRegistered() throws Exception {
        q.add(pod("p"));
        fail("NodeAffinity");
        assertThat(q.pendingPods()).containsEntry("default/p", "unschedulablePods");

        q.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE);
        assertThat(q.pendingPods()).containsEntry("default/p", "unschedulablePods");

        // Still backing off (1 s after the first attempt) → backoffQ, then activeQ once the flush runs.
        q.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD);
        assertThat(q.pendingPods()).containsEntry("default/p", "backoffQ");
        q.flushBackoffQCompleted();
        assertThat(q.pendingPods()).containsEntry("default/p", "backoffQ");
        clock.step(Duration.ofSeconds(1));
        q.flushBackoffQCompleted();
        assertThat(q.pendingPods()).containsEntry("default/p", "activeQ");
        assertThat(popNow().attempts).isEqualTo(2);
    }

    @Test
    void podPastItsBackoffGoesStraightToActiveQ() throws Exception {
        q.add(pod("p"));
        fail("NodeResourcesFit");
        clock.step(Duration.ofSeconds(5));
        q.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.Kind.Pod, ClusterEvent.Delete));
        assertThat(q.pendingPods()).containsEntry("default/p", "activeQ");
    }

    @Test
    void aMoveDuringTheCycleSendsTheFailedPodToBackoffNotUnschedulable() throws Exception {
        q.add(pod("p"));
        QueuedPodInfo qpi = popNow();
        long cycle = q.schedulingCycle();
        q.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD); // the cluster changed while we were scheduling
        qpi.unschedulablePlugins.add("NodeAffinity");
        q.addUnschedulableIfNotPresent(qpi, cycle);
        assertThat(q.pendingPods()).containsEntry("default/p", "backoffQ");
    }

    @Test
    void errorsGoToBackoffQ() throws Exception {
        q.add(pod("p"));
        fail();
        assertThat(q.pendingPods()).containsEntry("default/p", "backoffQ");
    }

    @Test
    void leftoverUnschedulablePodsAreRetriedAfterFiveMinutes() throws Exception {
        q.add(pod("p"));
        fail("NodeAffinity");
        clock.step(Duration.ofMinutes(4));
        q.flushUnschedulablePodsLeftover();
        assertThat(q.pendingPods()).containsEntry("default/p", "unschedulablePods");
        clock.step(Duration.ofMinutes(2));
        q.flushUnschedulablePodsLeftover();
        assertThat(q.pendingPods()).containsEntry("default/p", "activeQ");
    }

    @Test
    void specUpdateMovesAnUnschedulablePodStatusUpdateDoesNot() throws Exception {
        Pod p = pod("p");
        q.add(p);
        fail("NodeAffinity");
        Pod statusOnly = new PodBuilder(p).editStatus().withMessage("x").endStatus().build();
        q.update(p, statusOnly);
        assertThat(q.pendingPods()).containsEntry("default/p", "unschedulablePods");
        clock.step(Duration.ofSeconds(3));
        Pod relabeled = new PodBuilder(statusOnly).editMetadata().addToLabels("fixed", "yes").endMetadata().build();
        q.update(statusOnly, relabeled);
        assertThat(q.pendingPods()).containsEntry("default/p", "activeQ");
    }

    @Test
    void deletedWhileInFlightIsNotRequeued() throws Exception {
        Pod p = pod("p");
        q.add(p);
        QueuedPodInfo qpi = popNow();
        long cycle = q.schedulingCycle();
        q.delete(p);
        qpi.unschedulablePlugins.add("NodeAffinity");
        q.addUnschedulableIfNotPresent(qpi, cycle);
        assertThat(q.pendingPods()).isEmpty();
    }

    @Test
    void closeWakesPop() throws Exception {
        Thread t = new Thread(q::close);
        t.start();
        assertThat(q.pop()).isNull();
        t.join();
    }
}
