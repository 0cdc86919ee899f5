package dev.kubelab.scheduler;

import static dev.kubelab.scheduler.Fixtures.controlPlane;
import static dev.kubelab.scheduler.Fixtures.node;
import static dev.kubelab.scheduler.Fixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Disabled;
import org.junit.jupiter.api.Test;

/**
 * kube-scheduler end to end against the real (etcd-backed) embedded API server: informers, pods/binding,
 * events, the PodScheduled condition, the Lease, stop/start and preemption through the API.
 *
 * <p>The embedded API server is built on another branch; {@link #newClient()} is where the lead's test
 * fixture (a started cluster without a scheduler, e.g. {@code dev.kubelab.testing}) plugs in at merge.
 */
@Disabled("needs the embedded apiserver — enabled at merge")
class KubeSchedulerEndToEndTest {

    KubernetesClient client;
    KubeScheduler scheduler;

    /** Returns a client of a freshly started embedded API server (real etcd) with no scheduler running. */
    static KubernetesClient newClient() {
        throw new UnsupportedOperationException("wire the embedded API server fixture here at merge");
    }

    @BeforeEach
    void setUp() {
        client = newClient();
        register(controlPlane("kubelab-control-plane"));
        register(worker("kubelab-worker"));
        register(worker("kubelab-worker2"));
        scheduler = new KubeScheduler(client, SchedulerOptions.defaults().withRandomSeed(1));
        scheduler.start();
    }

    @AfterEach
    void tearDown() {
        if (scheduler != null) {
            scheduler.stop();
        }
        if (client != null) {
            client.close();
        }
    }

    void register(Node n) {
        Node created = client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder(n).withStatus(null).build()).create();
        created.setStatus(n.getStatus());
        client.nodes().resource(created).updateStatus();
    }

    Pod create(Pod p) {
        return client.pods().inNamespace("default").resource(p).create();
    }

    Pod get(String name) {
        return client.pods().inNamespace("default").withName(name).get();
    }

    static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (!Boolean.TRUE.equals(condition.get())) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(50);
        }
    }

    List<Event> eventsFor(String pod, String reason) {
        return client.v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> pod.equals(e.getInvolvedObject().getName()) && reason.equals(e.getReason())).toList();
    }

    @Test
    void bindsThroughTheBindingSubresourceAndRecordsScheduled() throws Exception {
        create(Fixtures.pod("nginx"));
        await("nginx bound", () -> get("nginx").getSpec().getNodeName() != null);
        String node = get("nginx").getSpec().getNodeName();
        assertThat(node).startsWith("kubelab-worker");
        await("Scheduled event", () -> !eventsFor("nginx", "Scheduled").isEmpty());
        Event e = eventsFor("nginx", "Scheduled").get(0);
        assertThat(e.getType()).isEqualTo("Normal");
        assertThat(e.getMessage()).isEqualTo("Successfully assigned default/nginx to " + node);
        assertThat(e.getReportingComponent()).isEqualTo("default-scheduler");
        assertThat(e.getAction()).isEqualTo("Binding");
        assertThat(scheduler.recorder().decisionFor("default", "nginx")).isPresent();
    }

    @Test
    void unschedulablePodGetsFailedSchedulingAndConditionThenRunsWhenANodeJoins() throws Exception {
        create(Fixtures.pod("big", "6", "1Gi"));
        String msg = "0/3 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
                + "2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                + "2 No preemption victims found for incoming pod.";
        await("FailedScheduling", () -> !eventsFor("big", "FailedScheduling").isEmpty());
        Event e = eventsFor("big", "FailedScheduling").get(0);
        assertThat(e.getType()).isEqualTo("Warning");
        assertThat(e.getMessage()).isEqualTo(msg);
        await("PodScheduled=False", () -> podScheduled(get("big")) != null);
        PodCondition c = podScheduled(get("big"));
        assertThat(c.getStatus()).isEqualTo("False");
        assertThat(c.getReason()).isEqualTo("Unschedulable");
        assertThat(c.getMessage()).isEqualTo(msg);

        register(node("kubelab-worker3", "8", "16Gi", 110));
        await("big bound to the new node", () -> "kubelab-worker3".equals(get("big").getSpec().getNodeName()));
    }

    static PodCondition podScheduled(Pod p) {
        return p.getStatus().getConditions() == null ? null
                : p.getStatus().getConditions().stream().filter(c -> "PodScheduled".equals(c.getType())).findFirst().orElse(null);
    }

    @Test
    void holdsTheKubeSchedulerLease() throws Exception {
        await("leader", scheduler::isLeader);
        Lease lease = client.leases().inNamespace("kube-system").withName("kube-scheduler").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(scheduler.identity()).startsWith("kubelab-control-plane_");
    }

    @Test
    void stoppedSchedulerLeavesPodsPendingUntilStarted() throws Exception {
        await("leader", scheduler::isLeader);
        scheduler.stop();
        create(Fixtures.pod("waiting"));
        Thread.sleep(1000); // nothing may bind it while stopped
        assertThat(get("waiting").getSpec().getNodeName()).isNull();
        scheduler.start();
        await("waiting bound after restart", () -> get("waiting").getSpec().getNodeName() != null);
    }

    @Test
    void preemptsALowerPriorityPodThroughTheApi() throws Exception {
        for (String w : List.of("kubelab-worker", "kubelab-worker2")) {
            create(new PodBuilder(Fixtures.pod("low-" + w, "3", "1Gi")).editSpec().withNodeName(w).withPriority(0).endSpec().build());
        }
        Pod high = new PodBuilder(Fixtures.pod("high", "2", "1Gi")).editSpec().withPriority(1000).endSpec().build();
        high.getSpec().getContainers().get(0).getResources().getRequests().put("cpu", new Quantity("2"));
        create(high);
        await("nominated", () -> get("high").getStatus().getNominatedNodeName() != null);
        String nominated = get("high").getStatus().getNominatedNodeName();
        await("victim deleted or terminating", () -> {
            Pod v = get("low-" + nominated);
            return v == null || v.getMetadata().getDeletionTimestamp() != null;
        });
        await("Preempted event", () -> !eventsFor("low-" + nominated, "Preempted").isEmpty());
    }
}
