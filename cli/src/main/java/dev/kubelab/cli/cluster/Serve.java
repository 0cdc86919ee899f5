package dev.kubelab.cli.cluster;

import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.StepState;
import dev.kubelab.cluster.embedded.EmbeddedCluster;
import dev.kubelab.cluster.embedded.EmbeddedProvider;
import dev.kubelab.cluster.embedded.EmbeddedTuning;
import dev.kubelab.embedded.EmbeddedControlPlane;
import dev.kubelab.embedded.Kubeconfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The background process `cluster up` starts: runs the full embedded cluster (the Cluster interface's embedded provider:
 * etcd, kube-apiserver, kube-controller-manager, kube-scheduler, kubelets and kube-proxies, addons) with its component
 * control endpoint until terminated, then stops it (the shutdown hook; etcd's watchdog covers SIGKILL).
 * Both serve kube-apiserver over HTTPS with the cluster PKI kept in the cluster directory (kubeadm's layout under
 * {@code kubernetes/}); {@code --api-only} keeps part 1's etcd + kube-apiserver (what the apiserver benchmark measures).
 */
@Command(name = "serve", hidden = true, description = "Run a cluster in the foreground (what 'up' starts in the background).")
public final class Serve implements Callable<Integer> {

    @Option(names = "--name", defaultValue = "kubelab") String name;
    @Option(names = "--version", defaultValue = ApiServerOptions.DEFAULT_VERSION) String version;
    @Option(names = "--workers", defaultValue = "2") int workers;
    @Option(names = "--api-only", description = "etcd and kube-apiserver only (HTTPS with the cluster PKI)") boolean apiOnly;
    @Option(names = "--insecure-http", description = "with --api-only: serve plain HTTP without authentication") boolean plainHttp;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(ClusterState.dir(name));
        Files.deleteIfExists(ClusterState.file(name));
        return apiOnly ? serveApiOnly() : serveCluster();
    }

    private int serveCluster() throws Exception {
        ClusterSpec spec = ClusterSpec.defaults().withProvider(ProviderName.EMBEDDED).withName(name).withWorkers(workers)
                .withVersion(KubernetesVersion.parse(version)).withDataDir(ClusterState.dir(name));
        // every `up` creates a fresh cluster, as `kind create cluster` does: the previous one's etcd data (left by a
        // killed serve JVM) would hold its nodes, leases and addons
        deleteTree(ClusterState.dir(name).resolve("etcd"));
        EmbeddedCluster cluster = new EmbeddedProvider().create(spec, EmbeddedTuning.defaults());
        long t0 = System.nanoTime();
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteState();
            cluster.down(e -> {
                if (e.state() != StepState.STARTED) System.out.println(e.line("en"));
            });
            done.countDown();
        }, "cluster-shutdown"));
        cluster.up(e -> {
            if (e.state() != StepState.STARTED) System.out.println(e.line("en"));
        });
        ControlEndpoint control = ControlEndpoint.start(cluster);
        String ctx = ClusterState.contextName(name);
        Path own = ClusterState.dir(name).resolve("kubeconfig");
        // the provider wrote its kubeconfig there; `up` merges it into the user's under ctx
        String server = cluster.kubeconfig().server();
        new ClusterState(ProcessHandle.current().pid(), server, cluster.etcd().endpoints().get(0), ctx, version,
                control.url(), control.token()).write(name);
        System.out.println("cluster " + name + " (" + spec.workers() + " workers, kubeconfig " + own + ") ready in "
                + (System.nanoTime() - t0) / 1_000_000 + " ms; component control on " + control.url());
        done.await();
        return 0;
    }

    private int serveApiOnly() throws Exception {
        ApiServerOptions options = ApiServerOptions.defaults().withVersion(version);
        if (plainHttp) options = options.withPlainHttp();
        EmbeddedControlPlane cp = EmbeddedControlPlane.start(name, ClusterState.dir(name), options);
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            deleteState();
            cp.close();
            done.countDown();
        }, "cluster-shutdown"));
        String ctx = ClusterState.contextName(name);
        // the cluster's own kubeconfig: kubeadm's admin.conf credentials (kubernetes-admin in kubeadm:cluster-admins)
        Path own = ClusterState.dir(name).resolve("kubeconfig");
        if (cp.adminKubeconfig() != null) {
            Kubeconfig.writeFrom(own, ctx, cp.adminKubeconfig());
        } else {
            Kubeconfig.write(own, Kubeconfig.single(ctx, cp.server()));
        }
        new ClusterState(ProcessHandle.current().pid(), cp.server(), cp.etcd().endpoint(), ctx, version).write(name);
        System.out.println("kube-apiserver " + cp.server() + " (etcd " + cp.etcd().endpoint() + ") ready in "
                + cp.startupNanos() / 1_000_000 + " ms");
        done.await();
        return 0;
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) return;
        try (var walk = Files.walk(dir)) {
            for (Path p : walk.sorted(java.util.Comparator.reverseOrder()).toList()) Files.delete(p);
        }
    }

    private void deleteState() {
        try {
            Files.deleteIfExists(ClusterState.file(name));
        } catch (Exception ignored) {
            // best effort
        }
    }
}
