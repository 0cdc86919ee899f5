package dev.kubelab.cluster.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.ProviderName;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The failure drills of issue 4 against one full embedded cluster (through the Cluster interface's component control),
 * with {@link EmbeddedTuning#drills()}: a node turns NotReady 8 s after its kubelet stops. Each drill shows what breaks
 * while the component is stopped and that starting it heals the cluster. "Stays broken" is checked after a pause long
 * enough for the component's peers to have acted (not a speed threshold: the check is that nothing happened).
 */
class EmbeddedDrillsTest {
    @TempDir
    static Path tmp;
    static EmbeddedCluster cluster;
    static KubernetesClient client;
    static String cp;

    @BeforeAll
    static void up() {
        ClusterSpec spec = ClusterSpec.defaults().withProvider(ProviderName.EMBEDDED).withName("drill").withDataDir(tmp.resolve("c"));
        cluster = new EmbeddedProvider().create(spec, EmbeddedTuning.drills());
        cluster.up(ProgressListener.NONE);
        client = cluster.client();
        cp = spec.controlPlaneNodeName();
    }

    @AfterAll
    static void down() {
        if (cluster != null) cluster.down(ProgressListener.NONE);
    }

    /**
     * kubeadm's security set-up: HTTPS with the cluster CA, admin.conf's client certificate, and each component
     * authenticated as itself and authorized (Node+RBAC) for what it does — no component request refused.
     */
    @Test
    void componentsAuthenticateAsThemselvesAndRbacRefusesOthers() throws Exception {
        Path kubernetes = tmp.resolve("c").resolve("kubernetes");
        for (String f : List.of("pki/ca.crt", "pki/ca.key", "pki/apiserver.crt", "pki/apiserver-kubelet-client.crt", "pki/sa.key",
                "pki/sa.pub", "pki/front-proxy-ca.crt", "admin.conf", "super-admin.conf", "controller-manager.conf", "scheduler.conf",
                "kubelet.conf")) {
            assertThat(kubernetes.resolve(f)).as(f).isRegularFile();
        }
        String kubeconfig = cluster.kubeconfig().contents();
        assertThat(cluster.kubeconfig().server()).startsWith("https://127.0.0.1:");
        assertThat(kubeconfig).contains("certificate-authority-data", "client-certificate-data", "client-key-data");
        // kubeadm ≥ 1.29: admin.conf's user is kubernetes-admin in kubeadm:cluster-admins
        assertThat(client.authentication().v1().selfSubjectReviews()
                .create(new io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder().build())
                .getStatus().getUserInfo()).satisfies(u -> {
                    assertThat(u.getUsername()).isEqualTo("kubernetes-admin");
                    assertThat(u.getGroups()).contains("kubeadm:cluster-admins", "system:authenticated");
                });

        // every component is still working with its own identity: a deployment rolls out (controllers, scheduler, kubelets)
        client.apps().deployments().inNamespace("default").resource(new DeploymentBuilder().withNewMetadata().withName("authz").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "authz").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "authz").endMetadata()
                .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.25").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        await("authz deployment available", () -> running("app", "authz").size() == 2);

        List<dev.kubelab.apiserver.audit.AuditEvent> audit = cluster.apiServer().orElseThrow().audit().since(0).stream()
                .filter(e -> "ResponseComplete".equals(e.stage()) && e.userAgent() != null).toList();
        Map<String, Set<String>> usersByComponent = audit.stream().collect(Collectors.groupingBy(
                e -> e.userAgent().split("/")[0], Collectors.mapping(dev.kubelab.apiserver.audit.AuditEvent::user, Collectors.toSet())));
        assertThat(usersByComponent.get("kube-scheduler")).containsExactly("system:kube-scheduler");
        assertThat(usersByComponent.get("kube-controller-manager")).containsExactly("system:kube-controller-manager");
        assertThat(usersByComponent.get("kube-proxy")).containsExactly("system:kube-proxy");
        assertThat(usersByComponent.get("kubelet")).allMatch(u -> u.startsWith("system:node:"))
                .contains("system:node:" + cp, "system:node:drill-worker");
        assertThat(audit).as("component requests refused by authorization")
                .filteredOn(e -> e.code() == 403 && e.user() != null && e.user().startsWith("system:"))
                .extracting(e -> e.user() + " " + e.verb() + " " + e.resource() + " " + e.namespace()).isEmpty();

        // a user with no role binding gets kube-apiserver's 403 wording; kubeadm's bootstrap roles answer can-i
        try (KubernetesClient jane = dev.kubelab.cluster.Clients.forKubeconfig(
                dev.kubelab.pki.Pki.ensure(kubernetes, dev.kubelab.pki.PkiOptions.defaults(cp))
                        .userKubeconfig("jane", List.of(), cluster.kubeconfig().server()))) {
            assertThatThrownBy(() -> jane.pods().inNamespace("default").list())
                    .isInstanceOfSatisfying(io.fabric8.kubernetes.client.KubernetesClientException.class, e -> {
                        assertThat(e.getCode()).isEqualTo(403);
                        assertThat(e.getStatus().getMessage()).isEqualTo(
                                "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"");
                    });
        }
    }

    @Test
    void schedulerStoppedLeavesNewPodsPendingUntilStarted() throws Exception {
        String mirror = "kube-scheduler-" + cp;
        try {
            await("scheduler mirror pod Ready", () -> ready(client.pods().inNamespace("kube-system").withName(mirror).get()));
        } catch (AssertionError e) {
            throw new AssertionError(e.getMessage() + "; mirror pod: " + client.pods().inNamespace("kube-system").withName(mirror).get()
                    + "; components: " + cluster.components(), e);
        }
        cluster.stop(Component.KUBE_SCHEDULER, Optional.empty());
        try {
            assertThat(cluster.components()).filteredOn(c -> c.component() == Component.KUBE_SCHEDULER)
                    .extracting(ComponentStatus::state).containsExactly(ComponentStatus.State.STOPPED);
            await("scheduler mirror pod not Ready", () -> !ready(client.pods().inNamespace("kube-system").withName(mirror).get()));
            client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName("waits").endMetadata()
                    .withNewSpec().addNewContainer().withName("app").withImage("nginx:1.25").endContainer().endSpec().build()).create();
            Thread.sleep(3000);
            Pod p = client.pods().inNamespace("default").withName("waits").get();
            assertThat(p.getSpec().getNodeName()).as("bound without a scheduler").isNull();
            assertThat(p.getStatus().getPhase()).isEqualTo("Pending");
        } finally {
            cluster.start(Component.KUBE_SCHEDULER, Optional.empty());
        }
        await("pod scheduled and Running", () -> "Running".equals(phase("default", "waits")));
        assertThat(client.pods().inNamespace("default").withName("waits").get().getSpec().getNodeName()).startsWith("drill-worker");
        await("scheduler mirror pod Ready again", () -> ready(client.pods().inNamespace("kube-system").withName(mirror).get()));
    }

    @Test
    void controllerManagerStoppedMeansNoSelfHealingUntilStarted() throws Exception {
        client.apps().replicaSets().inNamespace("default").resource(new ReplicaSetBuilder().withNewMetadata().withName("heal").endMetadata()
                .withNewSpec().withReplicas(2).withNewSelector().addToMatchLabels("app", "heal").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "heal").endMetadata().withNewSpec().addNewContainer()
                .withName("app").withImage("nginx:1.25").endContainer().endSpec().endTemplate().endSpec().build()).create();
        await("2 heal pods Running", () -> running("app", "heal").size() == 2);
        String victim = running("app", "heal").get(0).getMetadata().getName();
        cluster.stop(Component.KUBE_CONTROLLER_MANAGER, Optional.empty());
        try {
            await("kube-controller-manager mirror pod not Ready",
                    () -> !ready(client.pods().inNamespace("kube-system").withName("kube-controller-manager-" + cp).get()));
            client.pods().inNamespace("default").withName(victim).withGracePeriod(0).delete();
            await("victim gone", () -> client.pods().inNamespace("default").withName(victim).get() == null);
            Thread.sleep(3000);
            assertThat(client.pods().inNamespace("default").withLabel("app", "heal").list().getItems()).as("not healed while stopped").hasSize(1);
        } finally {
            cluster.start(Component.KUBE_CONTROLLER_MANAGER, Optional.empty());
        }
        await("replica set healed to 2 Running", () -> running("app", "heal").size() == 2);
        assertThat(running("app", "heal")).extracting(p -> p.getMetadata().getName()).doesNotContain(victim);
    }

    @Test
    void kubeletStoppedMakesTheNodeNotReadyAndItsPodsMoveUntilStarted() throws Exception {
        // pods tolerate NotReady/unreachable nodes for 2 s (instead of DefaultTolerationSeconds' 300 s), as a demo sets it
        Deployment d = new DeploymentBuilder().withNewMetadata().withName("mover").endMetadata().withNewSpec().withReplicas(4)
                .withNewSelector().addToMatchLabels("app", "mover").endSelector().withNewTemplate().withNewMetadata().addToLabels("app", "mover")
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("nginx:1.25").endContainer()
                .addNewToleration().withKey("node.kubernetes.io/not-ready").withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(2L).endToleration()
                .addNewToleration().withKey("node.kubernetes.io/unreachable").withOperator("Exists").withEffect("NoExecute").withTolerationSeconds(2L).endToleration()
                .endSpec().endTemplate().endSpec().build();
        client.apps().deployments().inNamespace("default").resource(d).create();
        await("4 mover pods Running", () -> running("app", "mover").size() == 4);
        Map<String, Set<String>> byNode = running("app", "mover").stream().collect(Collectors.groupingBy(p -> p.getSpec().getNodeName(),
                Collectors.mapping(p -> p.getMetadata().getName(), Collectors.toSet())));
        String node = byNode.keySet().stream().sorted().findFirst().orElseThrow();
        Set<String> onNode = byNode.get(node);
        cluster.stop(Component.KUBELET, Optional.of(node));
        try {
            await(node + " NotReady (Unknown: kubelet stopped posting)", () -> "Unknown".equals(readyStatus(node)));
            await(node + " tainted node.kubernetes.io/unreachable:NoExecute", () -> Optional.ofNullable(client.nodes().withName(node).get()
                    .getSpec().getTaints()).orElse(List.of()).stream()
                    .anyMatch(t -> t.getKey().equals("node.kubernetes.io/unreachable") && t.getEffect().equals("NoExecute")));
            await("pods on " + node + " evicted and replaced elsewhere", () -> {
                List<Pod> r = running("app", "mover");
                return r.size() == 4 && r.stream().noneMatch(p -> node.equals(p.getSpec().getNodeName()))
                        && r.stream().noneMatch(p -> onNode.contains(p.getMetadata().getName()));
            });
        } finally {
            cluster.start(Component.KUBELET, Optional.of(node));
        }
        await(node + " Ready again", () -> "True".equals(readyStatus(node)));
        await("taints lifted from " + node, () -> Optional.ofNullable(client.nodes().withName(node).get().getSpec().getTaints()).orElse(List.of())
                .stream().noneMatch(t -> t.getKey().equals("node.kubernetes.io/unreachable")));
    }

    @Test
    void etcdStoppedMakesTheApiAnswer5xxNamingEtcdUntilStarted() throws Exception {
        // over HTTPS with the admin's client certificate, as kubectl would send it
        URI uri = URI.create(cluster.kubeconfig().server() + "/api/v1/namespaces/default/configmaps");
        assertThat(uri.getScheme()).isEqualTo("https");
        assertThat(get(uri).code()).isEqualTo(200);
        cluster.stop(Component.ETCD, Optional.empty());
        HttpResponse<String> down;
        try {
            down = get(uri);
        } finally {
            cluster.start(Component.ETCD, Optional.empty());
        }
        assertThat(down.code()).isBetween(500, 599);
        JsonNode status = new ObjectMapper().readTree(down.body());
        assertThat(status.path("kind").asText()).isEqualTo("Status");
        assertThat(status.path("status").asText()).isEqualTo("Failure");
        assertThat(status.path("message").asText()).contains("etcd");
        await("API serving again", () -> {
            try {
                return get(uri).code() == 200;
            } catch (Exception e) {
                return false;
            }
        });
    }

    private static HttpResponse<String> get(URI uri) throws Exception {
        HttpClient http = client.getHttpClient();
        return http.sendAsync(http.newHttpRequestBuilder().uri(uri).build(), String.class).get(60, java.util.concurrent.TimeUnit.SECONDS);
    }

    // ---------------------------------------------------------------- helpers

    private static List<Pod> running(String key, String value) {
        return client.pods().inNamespace("default").withLabel(key, value).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null && ready(p)).toList();
    }

    private static String phase(String ns, String name) {
        Pod p = client.pods().inNamespace(ns).withName(name).get();
        return p == null || p.getStatus() == null ? null : p.getStatus().getPhase();
    }

    private static boolean ready(Pod p) {
        return p != null && p.getStatus() != null && p.getStatus().getConditions() != null
                && p.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()));
    }

    private static String readyStatus(String node) {
        Node n = client.nodes().withName(node).get();
        return n.getStatus().getConditions().stream().filter(c -> "Ready".equals(c.getType())).map(c -> c.getStatus()).findFirst().orElse(null);
    }

    /** Polls until the condition holds; a generous bound (the machine is shared), failing with what was awaited. */
    private static void await(String what, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(120).toNanos();
        while (true) {
            try {
                if (Boolean.TRUE.equals(condition.get())) return;
            } catch (RuntimeException e) {
                // API momentarily unavailable (drills): keep polling
            }
            assertThat(System.nanoTime()).as("timed out waiting for " + what).isLessThan(deadline);
            Thread.sleep(200);
        }
    }
}
