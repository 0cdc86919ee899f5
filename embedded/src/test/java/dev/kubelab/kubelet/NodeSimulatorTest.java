package dev.kubelab.kubelet;

import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.apiserver.TestCluster;
import static dev.kubelab.apiserver.TestCluster.eventually;
import dev.kubelab.proxy.ChainNames;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** Simulated nodes against the real embedded API server on real etcd. */
class NodeSimulatorTest {
    static final String CP = "kubelab-control-plane";
    static final String W1 = "kubelab-worker";
    static TestCluster cluster;
    static KubernetesClient client;
    static NodeSimulator nodes;
    static final AtomicBoolean schedulerUp = new AtomicBoolean(true);

    @BeforeAll
    static void up() {
        PodLogs logs = new PodLogs();
        cluster = new TestCluster(ApiServerOptions.defaults().withPlainHttp().withPodLogs(new KubeletPodLogSource(logs)));
        client = cluster.client();
        SimulationTiming timing = SimulationTiming.defaults()
                .withImagePull(Duration.ofMillis(200))
                .withRuns(Duration.ofMillis(200), Duration.ofMillis(300), Duration.ofMillis(200))
                .withBackOff(Duration.ofSeconds(1), Duration.ofSeconds(4))
                .withHeartbeat(Duration.ofMillis(500), Duration.ofMillis(500));
        nodes = cluster.own(new NodeSimulator(n -> client, NodeSimulator.Options.defaults("kubelab").withTiming(timing), logs));
        for (int i = 0; i <= 2; i++) {
            nodes.add(NodeConfig.kindLike("kubelab", i, "v1.31.4"), i == 0 ? Map.of("kube-scheduler", schedulerUp::get) : Map.of());
        }
        nodes.start();
    }

    @AfterAll
    static void down() {
        if (cluster != null) {
            cluster.close();
        }
    }

    static String condition(Pod p, String type) {
        return p.getStatus() == null || p.getStatus().getConditions() == null ? null
                : p.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).map(PodCondition::getStatus).findFirst().orElse(null);
    }

    static Pod pod(String name, String node, Map<String, String> annotations, String restartPolicy) {
        return new PodBuilder().withNewMetadata().withName(name).withNamespace("default").withAnnotations(annotations).endMetadata()
                .withNewSpec().withNodeName(node).withRestartPolicy(restartPolicy)
                .addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec().build();
    }

    @Test
    void nodesRegisterLikeKindNodes() {
        List<Node> list = eventually("3 ready nodes", () -> {
            List<Node> ns = client.nodes().list().getItems();
            return ns.size() == 3 && ns.stream().allMatch(n -> n.getStatus() != null && n.getStatus().getConditions() != null
                    && n.getStatus().getConditions().stream().anyMatch(c -> c.getType().equals("Ready") && c.getStatus().equals("True"))) ? ns : null;
        });
        assertThat(list).extracting(n -> n.getMetadata().getName()).containsExactlyInAnyOrder(CP, W1, "kubelab-worker2");
        Node cp = client.nodes().withName(CP).get();
        assertThat(cp.getMetadata().getLabels()).containsEntry("node-role.kubernetes.io/control-plane", "")
                .containsEntry("kubernetes.io/hostname", CP).containsEntry("kubernetes.io/os", "linux");
        // TaintNodesByCondition admission also adds node.kubernetes.io/not-ready:NoSchedule to a new node; the node
        // lifecycle controller (not running in this test) would lift it once the node is Ready.
        assertThat(cp.getSpec().getTaints()).filteredOn(t -> !t.getKey().equals("node.kubernetes.io/not-ready"))
                .singleElement().satisfies(t -> {
                    assertThat(t.getKey()).isEqualTo("node-role.kubernetes.io/control-plane");
                    assertThat(t.getEffect()).isEqualTo("NoSchedule");
                });
        Node w = client.nodes().withName(W1).get();
        assertThat(w.getSpec().getPodCIDR()).isEqualTo("10.244.1.0/24");
        assertThat(w.getStatus().getNodeInfo().getContainerRuntimeVersion()).isEqualTo("kubelab-simulated://1.0");
        assertThat(w.getStatus().getNodeInfo().getKubeletVersion()).isEqualTo("v1.31.4");
        assertThat(w.getStatus().getAllocatable()).containsKeys("cpu", "memory", "pods");
        assertThat(w.getStatus().getDaemonEndpoints().getKubeletEndpoint().getPort()).isEqualTo(nodes.kubeletPort().orElseThrow());
        NodeCondition ready = w.getStatus().getConditions().stream().filter(c -> c.getType().equals("Ready")).findFirst().orElseThrow();
        assertThat(ready.getReason()).isEqualTo("KubeletReady");
        assertThat(ready.getMessage()).isEqualTo("kubelet is posting ready status");
        Lease lease = eventually("lease", () -> client.leases().inNamespace("kube-node-lease").withName(W1).get());
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(W1);
        assertThat(lease.getSpec().getLeaseDurationSeconds()).isEqualTo(40);
        var first = lease.getSpec().getRenewTime();
        eventually("lease renewal", () -> client.leases().inNamespace("kube-node-lease").withName(W1).get().getSpec().getRenewTime().isAfter(first));
    }

    @Test
    void podRunsWithEventsIpAndLogs() throws Exception {
        client.pods().inNamespace("default").resource(pod("web", W1, Map.of(), "Always")).create();
        Pod running = eventually("web Ready", () -> {
            Pod p = client.pods().inNamespace("default").withName("web").get();
            return "True".equals(condition(p, "Ready")) ? p : null;
        });
        assertThat(running.getStatus().getPhase()).isEqualTo("Running");
        assertThat(running.getStatus().getPodIP()).startsWith("10.244.1.");
        assertThat(running.getStatus().getHostIP()).isEqualTo("172.18.0.3");
        assertThat(running.getStatus().getContainerStatuses().get(0).getContainerID()).startsWith("kubelab-simulated://");
        assertThat(running.getStatus().getConditions()).extracting(PodCondition::getType)
                .contains("PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled");
        List<Event> events = eventually("kubelet events", () -> {
            List<Event> ev = client.v1().events().inNamespace("default").list().getItems().stream()
                    .filter(e -> "web".equals(e.getInvolvedObject().getName())).toList();
            return ev.size() >= 4 ? ev : null;
        });
        assertThat(events).extracting(Event::getReason).contains("Pulling", "Pulled", "Created", "Started");
        assertThat(events).allSatisfy(e -> {
            assertThat(e.getSource().getComponent()).isEqualTo("kubelet");
            assertThat(e.getSource().getHost()).isEqualTo(W1);
        });
        // pods/log through the API server, then straight from the kubelet endpoint
        String log = client.pods().inNamespace("default").withName("web").getLog();
        assertThat(log).contains("no process runs").contains("container started");
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + nodes.kubeletPort().orElseThrow() + "/containerLogs/default/web/nginx?tailLines=1&timestamps=true")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.body().lines()).singleElement().asString().matches("^\\d{4}-\\d\\d-\\d\\dT.*Z kubelab: .*");

        client.pods().inNamespace("default").withName("web").delete();
        eventually("web gone", () -> client.pods().inNamespace("default").withName("web").get() == null);
        assertThat(client.v1().events().inNamespace("default").list().getItems()).anyMatch(e ->
                "Killing".equals(e.getReason()) && "Stopping container nginx".equals(e.getMessage()));
    }

    @Test
    void aPodMarkedNotReadyByAnotherComponentIsReportedReadyAgain() {
        // its own image on its own node: the image cache of kubelab-worker stays as the other tests expect it
        Pod steady = pod("steady", "kubelab-worker2", Map.of(), "Always");
        steady.getSpec().getContainers().get(0).setImage("httpd:2.4");
        client.pods().inNamespace("default").resource(steady).create();
        eventually("steady Ready", () -> "True".equals(condition(client.pods().inNamespace("default").withName("steady").get(), "Ready")));
        // what the node lifecycle controller does while the node looks down
        client.pods().inNamespace("default").withName("steady").subresource("status").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"False\",\"reason\":\"NodeNotReady\"}]}}");
        assertThat(condition(client.pods().inNamespace("default").withName("steady").get(), "Ready")).isEqualTo("False");
        // the kubelet's status manager notices the API disagrees with what it wrote, and writes its status again
        eventually("steady Ready again", () -> "True".equals(condition(client.pods().inNamespace("default").withName("steady").get(), "Ready")));
        client.pods().inNamespace("default").withName("steady").delete();
    }

    @Test
    void aNodeMarkedUnknownByTheNodeLifecycleControllerIsReportedReadyAgain() {
        eventually("kubelab-worker2 Ready", () -> "True".equals(nodeReady("kubelab-worker2")));
        // what the node lifecycle controller writes after missed heartbeats (e.g. while etcd was down)
        client.nodes().withName("kubelab-worker2").subresource("status").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.STRATEGIC_MERGE),
                "{\"status\":{\"conditions\":[{\"type\":\"Ready\",\"status\":\"Unknown\",\"reason\":\"NodeStatusUnknown\","
                        + "\"message\":\"Kubelet stopped posting node status.\"}]}}");
        assertThat(nodeReady("kubelab-worker2")).isEqualTo("Unknown");
        // the kubelet's next status sync compares with the Node in the API, not with what it sent last, and corrects it
        eventually("kubelab-worker2 Ready again", () -> "True".equals(nodeReady("kubelab-worker2")));
    }

    private String nodeReady(String node) {
        return client.nodes().withName(node).get().getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(io.fabric8.kubernetes.api.model.NodeCondition::getStatus).findFirst().orElse(null);
    }

    @Test
    void completingAndCrashingPods() {
        client.pods().inNamespace("default").resource(pod("once", W1, Map.of(), "Never")).create();
        client.pods().inNamespace("default").resource(pod("crashy", "kubelab-worker2", Map.of(Directives.ANNOTATION, "crash-loop"), "Always")).create();
        Pod done = eventually("once Succeeded", () -> {
            Pod p = client.pods().inNamespace("default").withName("once").get();
            return "Succeeded".equals(p.getStatus().getPhase()) ? p : null;
        });
        assertThat(done.getStatus().getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
        Pod crashy = eventually("crashy in CrashLoopBackOff", () -> {
            Pod p = client.pods().inNamespace("default").withName("crashy").get();
            var w = p.getStatus().getContainerStatuses().get(0).getState().getWaiting();
            return w != null && "CrashLoopBackOff".equals(w.getReason()) ? p : null;
        });
        assertThat(crashy.getStatus().getContainerStatuses().get(0).getRestartCount()).isGreaterThanOrEqualTo(1);
        assertThat(client.pods().inNamespace("default").withName("crashy").getLog(true)).contains("exited with code 1");
        client.pods().inNamespace("default").withName("once").delete();
        client.pods().inNamespace("default").withName("crashy").delete();
    }

    @Test
    void mirrorPodsFollowComponentHealth() {
        for (String c : StaticPods.COMPONENTS) {
            Pod p = eventually(c + " mirror pod Ready", () -> {
                Pod m = client.pods().inNamespace("kube-system").withName(c + "-" + CP).get();
                return "True".equals(condition(m, "Ready")) ? m : null;
            });
            assertThat(p.getMetadata().getAnnotations()).containsEntry("kubernetes.io/config.source", "file").containsKey("kubernetes.io/config.mirror");
            assertThat(p.getSpec().getHostNetwork()).isTrue();
            assertThat(p.getSpec().getPriorityClassName()).isEqualTo("system-node-critical");
            assertThat(p.getStatus().getPodIP()).isEqualTo("172.18.0.2");
        }
        assertThat(client.pods().inNamespace("kube-system").withName("kube-scheduler-" + CP).get().getSpec().getContainers().get(0).getCommand())
                .contains("kube-scheduler", "--leader-elect=true");
        schedulerUp.set(false);
        try {
            eventually("scheduler mirror pod not Ready", () ->
                    "False".equals(condition(client.pods().inNamespace("kube-system").withName("kube-scheduler-" + CP).get(), "Ready")));
            eventually("Unhealthy event", () -> client.v1().events().inNamespace("kube-system").list().getItems().stream()
                    .anyMatch(e -> "Unhealthy".equals(e.getReason()) && e.getMessage().contains("127.0.0.1:10259")));
        } finally {
            schedulerUp.set(true);
        }
        eventually("scheduler mirror pod Ready again", () ->
                "True".equals(condition(client.pods().inNamespace("kube-system").withName("kube-scheduler-" + CP).get(), "Ready")));
        // a deleted mirror pod comes back
        client.pods().inNamespace("kube-system").withName("etcd-" + CP).withGracePeriod(0).delete();
        eventually("etcd mirror pod recreated", () -> "True".equals(condition(client.pods().inNamespace("kube-system").withName("etcd-" + CP).get(), "Ready")));
    }

    @Test
    void kubeProxyProgramsRulesForServices() {
        client.services().inNamespace("default").resource(new ServiceBuilder().withNewMetadata().withName("hello").endMetadata()
                .withNewSpec().withClusterIP("10.96.7.7").addNewPort().withName("http").withPort(80).withProtocol("TCP").endPort().endSpec().build()).create();
        client.discovery().v1().endpointSlices().inNamespace("default").resource(new EndpointSliceBuilder()
                .withNewMetadata().withName("hello-x1").addToLabels("kubernetes.io/service-name", "hello").endMetadata()
                .withAddressType("IPv4").addNewPort().withName("http").withPort(8080).withProtocol("TCP").endPort()
                .addNewEndpoint().withAddresses("10.244.1.9").withNewConditions().withReady(true).endConditions().endEndpoint().build()).create();
        String svcChain = ChainNames.service("default/hello:http", "tcp");
        var proxy = nodes.kubeProxy(W1).orElseThrow();
        eventually("rules for hello", () -> proxy.iptablesSave().contains("-j " + svcChain));
        assertThat(proxy.route("10.96.7.7", 80, "TCP", 1).orElseThrow().endpoint()).isEqualTo("10.244.1.9:8080");
        // a stopped kube-proxy keeps its rules but no longer follows changes
        nodes.stopKubeProxy(W1);
        client.discovery().v1().endpointSlices().inNamespace("default").withName("hello-x1").delete();
        var other = nodes.kubeProxy("kubelab-worker2").orElseThrow();
        eventually("worker2 drops the endpoint", () -> other.route("10.96.7.7", 80, "TCP", 1).isEmpty());
        assertThat(proxy.route("10.96.7.7", 80, "TCP", 1)).isPresent();
        nodes.startKubeProxy(W1);
        assertThat(proxy.route("10.96.7.7", 80, "TCP", 1)).isEmpty();
    }

    @Test
    void logsOfAContainerThatNeverStartedAreRefusedLikeTheKubelet() throws Exception {
        client.pods().inNamespace("default").resource(pod("nopull", W1, Map.of(Directives.ANNOTATION, "image-pull-error"), "Always")).create();
        eventually("ImagePullBackOff", () -> {
            var w = client.pods().inNamespace("default").withName("nopull").get().getStatus().getContainerStatuses().get(0).getState().getWaiting();
            return w != null && "ImagePullBackOff".equals(w.getReason());
        });
        var http = HttpClient.newHttpClient();
        HttpResponse<String> waiting = http.send(HttpRequest.newBuilder(URI.create(cluster.cp.server()
                + "/api/v1/namespaces/default/pods/nopull/log")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(waiting.statusCode()).isEqualTo(400);
        assertThat(waiting.body()).contains("container \\\"nginx\\\" in pod \\\"nopull\\\" is waiting to start: ImagePullBackOff");
        HttpResponse<String> unknown = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + nodes.kubeletPort().orElseThrow()
                + "/containerLogs/default/nosuchpod/nginx")).build(), HttpResponse.BodyHandlers.ofString());
        assertThat(unknown.statusCode()).isEqualTo(404);
        client.pods().inNamespace("default").withName("nopull").delete();
        eventually("nopull gone", () -> client.pods().inNamespace("default").withName("nopull").get() == null);
    }
}
