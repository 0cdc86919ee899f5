package dev.kubelab.cluster.embedded;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ClusterStatus;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.cluster.ExecResult;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.StepEvent;
import dev.kubelab.cluster.StepState;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The embedded provider as far as its components are merged (etcd + kube-apiserver): the whole lifecycle through
 * the Cluster interface on the real etcd, the etcd drill and the API server drill, and no orphans after down.
 */
class EmbeddedClusterTest {
    @TempDir
    Path tmp;

    @Test
    void lifecycleEtcdAccessAndDrillsOnTheRealEtcd() throws Exception {
        ClusterSpec spec = ClusterSpec.defaults().withProvider(ProviderName.EMBEDDED).withName("emb").withDataDir(tmp);
        Cluster cluster = new EmbeddedProvider().create(spec);
        List<StepEvent> steps = new ArrayList<>();
        cluster.up(steps::add);
        long etcdPid;
        int apiPort;
        int etcdPort;
        try {
            assertThat(steps).filteredOn(e -> e.state() == StepState.SUCCEEDED).extracting(e -> e.title().en())
                    .containsExactly("Generating certificates (cluster CA, kube-apiserver, service-account key)", "Starting etcd", "Starting kube-apiserver", "Writing kubeconfig", "Starting kube-controller-manager",
                            "Starting kube-scheduler", "Registering nodes (kubelet, kube-proxy)", "Applying addons (CoreDNS, kube-proxy)",
                            "Waiting for nodes to be Ready");
            assertThat(cluster.nodes()).extracting(n -> n.name()).containsExactly("emb-control-plane", "emb-worker", "emb-worker2");
            assertThat(cluster.status().state()).isEqualTo(ClusterStatus.State.RUNNING);
            assertThat(cluster.client().namespaces().list().getItems()).extracting(n -> n.getMetadata().getName()).contains("default", "kube-system");
            assertThat(cluster.client().getKubernetesVersion().getGitVersion()).isEqualTo(cluster.version().toString());

            // what the API wrote is in etcd under /registry, read through the provider's etcd access
            cluster.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("probe")
                    .endMetadata().addToData("k", "v").build()).create();
            ExecResult get = cluster.etcd().etcdctl(List.of("get", "/registry/configmaps/default/probe", "--print-value-only"));
            assertThat(get.ok()).as(get.stderr()).isTrue();
            assertThat(get.stdout()).contains("\"probe\"");
            assertThat(cluster.etcd().commandLine(List.of("get", "x"))).contains("get", "x")
                    .anyMatch(a -> a.startsWith("--endpoints=http://127.0.0.1:"));

            ComponentStatus etcd = cluster.components().get(0);
            assertThat(etcd.component()).isEqualTo(Component.ETCD);
            etcdPid = Long.parseLong(etcd.detail().substring(4).split(",")[0]);
            apiPort = URI.create(cluster.kubeconfig().server()).getPort();
            etcdPort = URI.create(cluster.etcd().endpoints().get(0)).getPort();

            // drill: etcd down → the API answers errors; up → it serves again
            cluster.stop(Component.ETCD, Optional.empty());
            assertThat(ProcessHandle.of(etcdPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThatThrownBy(() -> cluster.client().configMaps().inNamespace("default").withName("probe").get()).isInstanceOf(RuntimeException.class);
            cluster.start(Component.ETCD, Optional.empty());
            awaitConfigMap(cluster);
            etcdPid = Long.parseLong(cluster.components().get(0).detail().substring(4).split(",")[0]);

            // drill: kube-apiserver down → connection refused; up again on the same port
            cluster.stop(Component.KUBE_APISERVER, Optional.empty());
            assertThat(portOpen(apiPort)).isFalse();
            assertThat(cluster.components().get(1).state()).isEqualTo(ComponentStatus.State.STOPPED);
            cluster.start(Component.KUBE_APISERVER, Optional.empty());
            assertThat(cluster.kubeconfig().server()).endsWith(":" + apiPort);
            awaitConfigMap(cluster);

            // backup → delete → restore brings the deleted object back (the %etcd restore flow)
            Path snapshot = tmp.resolve("snap.db");
            ExecResult save = cluster.etcd().etcdctl(List.of("snapshot", "save", snapshot.toString()));
            assertThat(save.ok()).as(save.stderr()).isTrue();
            cluster.client().configMaps().inNamespace("default").withName("probe").delete();
            awaitGone(cluster);
            List<StepEvent> restore = new ArrayList<>();
            cluster.etcd().restore(snapshot.toString(), restore::add);
            assertThat(restore).filteredOn(e -> e.state() == StepState.SUCCEEDED).extracting(e -> e.step())
                    .containsExactly("check-snapshot", "record-revision", "stop-kube-apiserver", "restore-snapshot", "stop-etcd",
                            "swap-data-dir", "start-etcd", "bump-revision", "start-kube-apiserver",
                            "restart-kube-controller-manager", "restart-kube-scheduler", "verify");
            awaitConfigMap(cluster);
            assertThat(cluster.client().configMaps().inNamespace("default").withName("probe").get().getData()).containsEntry("k", "v");
            etcdPid = Long.parseLong(cluster.components().get(0).detail().substring(4).split(",")[0]);

            // per-node components need a node when there are several
            assertThatThrownBy(() -> cluster.stop(Component.KUBELET, Optional.empty()))
                    .hasMessage("kubelet runs on every node: name one with --node (emb-control-plane, emb-worker, emb-worker2)");
            cluster.stop(Component.KUBELET, Optional.of("emb-worker"));
            assertThat(cluster.components()).filteredOn(c -> c.component() == Component.KUBELET)
                    .extracting(c -> c.node() + "=" + c.state())
                    .containsExactly("emb-control-plane=RUNNING", "emb-worker=STOPPED", "emb-worker2=RUNNING");
            cluster.start(Component.KUBELET, Optional.of("emb-worker"));
            assertThat(cluster.components()).filteredOn(c -> c.component() == Component.KUBELET).extracting(ComponentStatus::state)
                    .containsOnly(ComponentStatus.State.RUNNING);
            assertThatThrownBy(() -> cluster.stop(Component.ETCD, Optional.of("emb-worker"))).hasMessage("etcd runs on emb-control-plane, not on emb-worker");
        } finally {
            cluster.down(e -> {
                if (e.state() != StepState.STARTED) System.out.println(e.line("en"));
            });
        }
        assertThat(cluster.status().state()).isEqualTo(ClusterStatus.State.STOPPED);
        assertThat(ProcessHandle.of(etcdPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(portOpen(apiPort)).isFalse();
        assertThat(portOpen(etcdPort)).isFalse();
        assertThatThrownBy(cluster::client).hasMessageContaining("run %cluster up first");

        // up again on the kept data (a learner's kernel restarted): kubeadm's addons are created or updated, and what
        // the cluster stored before is still there
        Cluster again = new EmbeddedProvider().create(spec);
        try {
            again.up(ProgressListener.NONE);
            assertThat(again.client().services().inNamespace("kube-system").withName("kube-dns").get().getSpec().getClusterIP())
                    .isEqualTo("10.96.0.10");
            assertThat(again.client().configMaps().inNamespace("default").withName("probe").get().getData()).containsEntry("k", "v");
        } finally {
            again.down(ProgressListener.NONE);
        }
    }

    private static void awaitGone(Cluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (cluster.client().configMaps().inNamespace("default").withName("probe").get() != null) {
            assertThat(System.nanoTime()).as("configmap deleted").isLessThan(deadline);
            Thread.sleep(100);
        }
    }

    private static void awaitConfigMap(Cluster cluster) throws InterruptedException {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            try {
                if (cluster.client().configMaps().inNamespace("default").withName("probe").get() != null) return;
            } catch (RuntimeException e) {
                // not back yet
            }
            assertThat(System.nanoTime()).as("API back after the drill").isLessThan(deadline);
            Thread.sleep(200);
        }
    }

    private static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
