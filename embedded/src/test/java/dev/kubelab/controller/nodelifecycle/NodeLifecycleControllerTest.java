package dev.kubelab.controller.nodelifecycle;

import dev.kubelab.apiserver.TestCluster;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.SharedInformers;
import dev.kubelab.kubelet.NodeSimulator;
import dev.kubelab.kubelet.SimulationTiming;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;

/** The stop-a-kubelet drill on the real embedded API server: NotReady, taints, eviction, recovery. */
class NodeLifecycleControllerTest {
    static final String W = "drill-worker";
    static TestCluster cluster;
    static KubernetesClient client;
    static NodeSimulator nodes;
    static NodeLifecycleController controller;
    static SharedInformers informers;

    @BeforeAll
    static void up() {
        cluster = new TestCluster();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(cluster.cp.server())
                .withRequestTimeout(10_000).withOnlyHttpWatches(true).build()).build();
        SimulationTiming timing = SimulationTiming.defaults().withImagePull(Duration.ofMillis(100))
                .withHeartbeat(Duration.ofMillis(500), Duration.ofMillis(500));
        nodes = NodeSimulator.kindLike(n -> client, "drill", 1, "v1.31.4", Map.of(),
                NodeSimulator.Options.defaults("drill").withTiming(timing).withKubeletServer(false));
        nodes.start();
        informers = new SharedInformers(client, Duration.ZERO);
        controller = new NodeLifecycleController(new ControllerContext(client, informers, Clock.systemUTC(),
                Map.of("node-monitor-period", "500ms", "node-monitor-grace-period", "3s"),
                component -> new EventRecorder(client, component)));
        controller.start();
    }

    @AfterAll
    static void down() {
        if (controller != null) {
            controller.stop();
        }
        if (informers != null) {
            informers.close();
        }
        if (nodes != null) {
            nodes.close();
        }
        if (client != null) {
            client.close();
        }
        if (cluster != null) {
            cluster.close();
        }
    }

    static <T> T eventually(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + Duration.ofSeconds(40).toNanos();
        T last = null;
        while (System.nanoTime() < deadline) {
            try {
                last = probe.get();
                if (last != null && !Boolean.FALSE.equals(last)) {
                    return last;
                }
            } catch (RuntimeException ignored) {
                // not yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("timed out waiting for " + what + " (last: " + last + ")");
    }

    static Pod pod(String name, List<Toleration> tolerations) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withNodeName(W).withTolerations(tolerations)
                .addNewContainer().withName("app").withImage("nginx:1.27").endContainer().endSpec().build();
    }

    static String ready(Node n) {
        return n.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).map(NodeCondition::getStatus).findFirst().orElse(null);
    }

    @Test
    void stoppedKubeletMakesNodeUnknownTaintedAndPodsEvicted() {
        client.pods().inNamespace("default").resource(pod("plain", List.of())).create();
        client.pods().inNamespace("default").resource(pod("patient", List.of(
                new Toleration("NoExecute", NodeLifecycleController.UNREACHABLE, "Exists", 4L, null)))).create();
        for (String p : List.of("plain", "patient")) {
            eventually(p + " running", () -> "Running".equals(client.pods().inNamespace("default").withName(p).get().getStatus().getPhase()));
        }

        nodes.stopKubelet(W);

        Node unknown = eventually("node Unknown", () -> {
            Node n = client.nodes().withName(W).get();
            return "Unknown".equals(ready(n)) ? n : null;
        });
        NodeCondition rc = unknown.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
        assertThat(rc.getReason()).isEqualTo("NodeStatusUnknown");
        assertThat(rc.getMessage()).isEqualTo("Kubelet stopped posting node status.");
        Node tainted = eventually("unreachable taints", () -> {
            Node n = client.nodes().withName(W).get();
            return n.getSpec().getTaints() != null && n.getSpec().getTaints().size() == 2 ? n : null;
        });
        assertThat(tainted.getSpec().getTaints()).extracting(Taint::getKey, Taint::getEffect).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple(NodeLifecycleController.UNREACHABLE, "NoSchedule"),
                org.assertj.core.groups.Tuple.tuple(NodeLifecycleController.UNREACHABLE, "NoExecute"));

        // no toleration: evicted at once (stays Terminating: its kubelet is down)
        eventually("plain marked for deletion", () -> client.pods().inNamespace("default").withName("plain").get().getMetadata().getDeletionTimestamp() != null);
        Pod patient = client.pods().inNamespace("default").withName("patient").get();
        assertThat(patient.getStatus().getConditions()).filteredOn(c -> c.getType().equals("Ready"))
                .extracting(PodCondition::getStatus).containsExactly("False");
        // tolerated for 4 s, then evicted too
        eventually("patient marked for deletion", () -> client.pods().inNamespace("default").withName("patient").get().getMetadata().getDeletionTimestamp() != null);
        List<Event> events = eventually("eviction events", () -> {
            List<Event> ev = client.v1().events().inAnyNamespace().list().getItems();
            return ev.stream().filter(e -> "TaintManagerEviction".equals(e.getReason())).count() >= 2 ? ev : null;
        });
        assertThat(events).anyMatch(e -> "Marking for deletion Pod default/plain".equals(e.getMessage())
                && "taint-eviction-controller".equals(e.getSource().getComponent()));
        assertThat(events).anyMatch(e -> "NodeNotReady".equals(e.getReason()) && ("Node " + W + " status is now: NodeNotReady").equals(e.getMessage()));

        nodes.startKubelet(W);

        eventually("node Ready again", () -> "True".equals(ready(client.nodes().withName(W).get())));
        eventually("taints removed", () -> {
            var t = client.nodes().withName(W).get().getSpec().getTaints();
            return t == null || t.isEmpty();
        });
        // the kubelet is back and finishes the deletions
        eventually("evicted pods gone", () -> client.pods().inNamespace("default").withName("plain").get() == null
                && client.pods().inNamespace("default").withName("patient").get() == null);
    }
}
