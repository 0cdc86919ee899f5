package dev.kubelab.embedded;

import dev.kubelab.apiserver.ApiServer;
import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.etcd.EtcdProcess;
import java.nio.file.Path;

/**
 * The embedded control plane's part 1: a real etcd plus our kube-apiserver, started and stopped
 * together. The CLI (`kubelab cluster up`) and the kernel both use this class.
 */
public final class EmbeddedControlPlane implements AutoCloseable {

    private final String name;
    private final Path home;
    private final EtcdProcess etcd;
    private final ApiServer apiServer;
    private final long startedNanos;
    private final long readyNanos;

    private EmbeddedControlPlane(String name, Path home, EtcdProcess etcd, ApiServer apiServer, long started, long ready) {
        this.name = name;
        this.home = home;
        this.etcd = etcd;
        this.apiServer = apiServer;
        this.startedNanos = started;
        this.readyNanos = ready;
    }

    /** Where a cluster keeps its files: $KUBELAB_HOME (default ~/.kubelab)/clusters/&lt;name&gt;. */
    public static Path clusterHome(String name) {
        String env = System.getenv("KUBELAB_HOME");
        Path base = env != null && !env.isBlank() ? Path.of(env) : Path.of(System.getProperty("user.home"), ".kubelab");
        return base.resolve("clusters").resolve(name);
    }

    /** Starts etcd (data in home/etcd) and the API server; returns when both answer. */
    public static EmbeddedControlPlane start(String name, Path home, ApiServerOptions options) {
        long t0 = System.nanoTime();
        EtcdProcess etcd = EtcdProcess.start(home.resolve("etcd"));
        try {
            ApiServer api = ApiServer.start(etcd.endpoint(), options);
            return new EmbeddedControlPlane(name, home, etcd, api, t0, System.nanoTime());
        } catch (RuntimeException e) {
            etcd.close();
            throw e;
        }
    }

    public String name() {
        return name;
    }

    public Path home() {
        return home;
    }

    public EtcdProcess etcd() {
        return etcd;
    }

    public ApiServer apiServer() {
        return apiServer;
    }

    /** The API server URL (what a kubeconfig's cluster.server holds). */
    public String server() {
        return apiServer.url();
    }

    /** Time from starting etcd to the API server listening with etcd healthy. */
    public long startupNanos() {
        return readyNanos - startedNanos;
    }

    @Override
    public void close() {
        try {
            apiServer.close();
        } finally {
            etcd.close();
        }
    }
}
