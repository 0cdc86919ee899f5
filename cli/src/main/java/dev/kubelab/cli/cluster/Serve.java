package dev.kubelab.cli.cluster;

import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.embedded.EmbeddedControlPlane;
import dev.kubelab.embedded.Kubeconfig;
import java.nio.file.Files;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The background process `cluster up` starts: runs the control plane until terminated, then
 * stops it (the shutdown hook; etcd's watchdog covers SIGKILL).
 */
@Command(name = "serve", hidden = true, description = "Run a cluster in the foreground (what 'up' starts in the background).")
public final class Serve implements Callable<Integer> {

    @Option(names = "--name", defaultValue = "kubelab") String name;
    @Option(names = "--version", defaultValue = ApiServerOptions.DEFAULT_VERSION) String version;

    @Override
    public Integer call() throws Exception {
        Files.createDirectories(ClusterState.dir(name));
        Files.deleteIfExists(ClusterState.file(name));
        EmbeddedControlPlane cp = EmbeddedControlPlane.start(name, ClusterState.dir(name), ApiServerOptions.defaults().withVersion(version));
        CountDownLatch done = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                Files.deleteIfExists(ClusterState.file(name));
            } catch (Exception ignored) {
                // best effort
            }
            cp.close();
            done.countDown();
        }, "cluster-shutdown"));
        String ctx = ClusterState.contextName(name);
        Kubeconfig.write(ClusterState.dir(name).resolve("kubeconfig"), Kubeconfig.single(ctx, cp.server()));
        new ClusterState(ProcessHandle.current().pid(), cp.server(), cp.etcd().endpoint(), ctx, version).write(name);
        System.out.println("kube-apiserver " + cp.server() + " (etcd " + cp.etcd().endpoint() + ") ready in "
                + cp.startupNanos() / 1_000_000 + " ms");
        done.await();
        return 0;
    }
}
