package dev.kubelab.controller.nodelifecycle;

import dev.kubelab.apiserver.TestCluster;
import static dev.kubelab.apiserver.TestCluster.eventually;
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
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
        // kube-apiserver's --default-{not-ready,unreachable}-toleration-seconds, shortened from 300 s as for a drill:
        // DefaultTolerationSeconds admission gives every pod that does not tolerate the taints itself 1 s.
        cluster = new TestCluster(dev.kubelab.apiserver.ApiServerOptions.defaults().withPlainHttp().withDefaultTolerationSeconds(1, 1));
        client = cluster.client();
        SimulationTiming timing = SimulationTiming.defaults().withImagePull(Duration.ofMillis(100))
                .withHeartbeat(Duration.ofMillis(500), Duration.ofMillis(500));
        nodes = cluster.own(NodeSimulator.kindLike(n -> client, "drill", 1, "v1.31.4", Map.of(),
                NodeSimulator.Options.defaults("drill").withTiming(timing).withKubeletServer(false)));
        nodes.start();
        informers = cluster.own(new SharedInformers(client, Duration.ZERO));
        controller = new NodeLifecycleController(new ControllerContext(client, informers, Clock.systemUTC(),
                Map.of("node-monitor-period", "500ms", "node-monitor-grace-period", "3s"),
                component -> new EventRecorder(client, component)));
        cluster.own(controller::stop);
        controller.start();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
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

        // no toleration of its own: evicted after the 1 s default toleration (stays Terminating: its kubelet is down)
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
