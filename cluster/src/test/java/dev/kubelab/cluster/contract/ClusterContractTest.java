package dev.kubelab.cluster.contract;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterProviders;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ClusterStatus;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.cluster.ExecResult;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.StepEvent;
import dev.kubelab.cluster.StepState;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.extension.ExtendWith;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every provider promises, checked against a real cluster of that provider: up, the client works, nodes are
 * Ready, a pod runs, etcd holds it (read through the provider's etcd access), a component can be stopped and started,
 * and down leaves nothing running. A subclass per provider; one that cannot run here is reported as skipped with the
 * reason ({@link ProviderAvailable}).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@ExtendWith(ProviderAvailable.class)
public abstract class ClusterContractTest {
    protected Cluster cluster;
    protected Path dataDir;
    private final List<StepEvent> steps = Collections.synchronizedList(new ArrayList<>());
    private final List<Long> pids = new ArrayList<>();
    private final List<Integer> ports = new ArrayList<>();

    /** The provider under test. */
    protected abstract ProviderName provider();

    /** The component the stop/start drill uses (one this provider controls). */
    protected abstract Component drillComponent();

    @BeforeAll
    void up() throws Exception {
        dataDir = Files.createTempDirectory("kubelab-contract-" + provider().id());
        ClusterSpec spec = ClusterSpec.defaults().withProvider(provider()).withName("contract").withWorkers(1).withDataDir(dataDir);
        cluster = ClusterProviders.defaults().create(spec);
        cluster.up(e -> {
            steps.add(e);
            if (e.state() != StepState.PROGRESS) System.out.println(e.line("en"));
        });
    }

    @AfterAll
    void downLeavesNothingRunning() {
        if (cluster == null) return;
        List<Long> before = new ArrayList<>(pids);
        cluster.down(e -> {
            steps.add(e);
            if (e.state() != StepState.STARTED) System.out.println(e.line("en"));
        });
        assertThat(cluster.status().state()).isEqualTo(ClusterStatus.State.STOPPED);
        for (long pid : before) {
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).as("process %d still alive after down", pid).isFalse();
        }
        for (int port : ports) {
            assertThat(portOpen(port)).as("port %d still open after down", port).isFalse();
        }
    }

    @Test
    @Order(1)
    void upReportsNamedStepsAndTheClusterRuns() {
        assertThat(cluster.status().state()).isEqualTo(ClusterStatus.State.RUNNING);
        assertThat(cluster.provider()).isEqualTo(provider());
        assertThat(steps).extracting(StepEvent::state).contains(StepState.STARTED, StepState.SUCCEEDED).doesNotContain(StepState.FAILED);
        assertThat(Files.exists(cluster.kubeconfig().path())).isTrue();
        assertThat(cluster.kubeconfig().contents()).contains(cluster.kubeconfig().server());
        assertThat(cluster.realism().render("en")).isNotBlank();
        // remember what must be gone after down
        URI server = URI.create(cluster.kubeconfig().server());
        ports.add(server.getPort());
        for (String e : cluster.etcd().endpoints()) {
            if (cluster.etcd().local()) ports.add(URI.create(e).getPort());
        }
        for (ComponentStatus c : cluster.components()) {
            if (c.detail().startsWith("pid ")) pids.add(Long.parseLong(c.detail().substring(4).split("[ ,]")[0]));
        }
    }

    @Test
    @Order(2)
    void clientWorks() {
        KubernetesClient client = cluster.client();
        assertThat(client.namespaces().list().getItems()).extracting(n -> n.getMetadata().getName()).contains("default", "kube-system");
        assertThat(client.getKubernetesVersion().getGitVersion()).startsWith(cluster.version().toString());
    }

    @Test
    @Order(3)
    void nodesAreReady() {
        await(Duration.ofMinutes(2), () -> !cluster.client().nodes().list().getItems().isEmpty()
                && cluster.client().nodes().list().getItems().stream().allMatch(n -> n.getStatus().getConditions().stream()
                .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus()))));
        assertThat(cluster.nodes()).isNotEmpty();
    }

    @Test
    @Order(4)
    void aPodRunsAndEtcdHoldsIt() {
        KubernetesClient client = cluster.client();
        Pod pod = new PodBuilder().withNewMetadata().withName("contract-web").withNamespace("default").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage("nginx:1.27").endContainer().endSpec().build();
        client.pods().inNamespace("default").resource(pod).create();
        await(Duration.ofMinutes(3), () -> {
            Pod p = client.pods().inNamespace("default").withName("contract-web").get();
            return p != null && p.getStatus() != null && "Running".equals(p.getStatus().getPhase());
        });
        ExecResult get = cluster.etcd().etcdctl(List.of("get", "/registry/pods/default/contract-web", "--keys-only"));
        assertThat(get.ok()).as(get.stderr()).isTrue();
        assertThat(get.stdout()).contains("/registry/pods/default/contract-web");
    }

    @Test
    @Order(5)
    void aComponentStopsAndStartsAgain() {
        Component c = drillComponent();
        cluster.stop(c, Optional.empty());
        assertThat(cluster.components()).filteredOn(s -> s.component() == c).extracting(ComponentStatus::state)
                .containsOnly(ComponentStatus.State.STOPPED);
        cluster.start(c, Optional.empty());
        assertThat(cluster.components()).filteredOn(s -> s.component() == c).extracting(ComponentStatus::state)
                .containsOnly(ComponentStatus.State.RUNNING);
        await(Duration.ofMinutes(2), () -> {
            try {
                return !cluster.client().namespaces().list().getItems().isEmpty();
            } catch (RuntimeException e) {
                return false;
            }
        });
        // the component's new process (if any) must be stopped by down as well
        for (ComponentStatus s : cluster.components()) {
            if (s.detail().startsWith("pid ")) pids.add(Long.parseLong(s.detail().substring(4).split("[ ,]")[0]));
        }
    }

    protected static void await(Duration timeout, java.util.function.BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within " + timeout).isLessThan(deadline);
            try {
                TimeUnit.MILLISECONDS.sleep(200);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
