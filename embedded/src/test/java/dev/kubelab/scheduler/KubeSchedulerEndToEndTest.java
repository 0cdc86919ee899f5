package dev.kubelab.scheduler;

import static dev.kubelab.apiserver.TestCluster.await;
import static dev.kubelab.scheduler.Fixtures.controlPlane;
import static dev.kubelab.scheduler.Fixtures.node;
import static dev.kubelab.scheduler.Fixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.apiserver.TestCluster;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * kube-scheduler end to end against the real (etcd-backed) embedded API server over HTTPS: informers (fabric8
 * watches over WebSocket), pods/binding, events, the PodScheduled condition, the Lease, stop/start and preemption
 * through the API. The client is configured from kubeadm's admin.conf; each test gets a fresh cluster.
 */
class KubeSchedulerEndToEndTest {

    TestCluster cluster;
    KubernetesClient client;
    KubeScheduler scheduler;

    /** A client (from kubeadm's admin.conf) of a freshly started embedded API server (real etcd) with no scheduler running. */
    KubernetesClient newClient() {
        cluster = TestCluster.secure();
        return cluster.client();
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
        if (cluster != null) {
            cluster.close();
        }
    }

    /**
     * Registers a node as a kubelet would (create, then status). TaintNodesByCondition admission gives every new
     * node the not-ready:NoSchedule taint; the node lifecycle controller lifts it once the node reports Ready —
     * done here by hand until kubelab's controller manager runs.
     */
    void register(Node n) {
        Node created = client.nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder(n).withStatus(null).build()).create();
        created.setStatus(n.getStatus());
        client.nodes().resource(created).updateStatus();
        client.nodes().withName(n.getMetadata().getName()).edit(node -> {
            if (node.getSpec().getTaints() != null) {
                node.getSpec().getTaints().removeIf(t -> t.getKey().equals("node.kubernetes.io/not-ready"));
            }
            return node;
        });
    }

    /** A PriorityClass, as the Priority admission plugin resolves spec.priorityClassName to spec.priority. */
    void priorityClass(String name, int value) {
        client.scheduling().v1().priorityClasses().resource(new io.fabric8.kubernetes.api.model.scheduling.v1.PriorityClassBuilder()
                .withNewMetadata().withName(name).endMetadata().withValue(value).build()).create();
    }

    Pod create(Pod p) {
        return client.pods().inNamespace("default").resource(p).create();
    }

    Pod get(String name) {
        return client.pods().inNamespace("default").withName(name).get();
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
        priorityClass("low", 0);
        priorityClass("high", 1000);
        for (String w : List.of("kubelab-worker", "kubelab-worker2")) {
            create(new PodBuilder(Fixtures.pod("low-" + w, "3", "1Gi")).editSpec().withNodeName(w).withPriorityClassName("low").endSpec().build());
        }
        Pod high = new PodBuilder(Fixtures.pod("high", "2", "1Gi")).editSpec().withPriorityClassName("high").endSpec().build();
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
