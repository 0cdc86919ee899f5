package dev.kubelab.embedded;

import dev.kubelab.apiserver.ApiServer;
import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.etcd.EtcdProcess;
import dev.kubelab.pki.Pki;
import dev.kubelab.pki.PkiOptions;
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
    private final Pki pki;
    private final long startedNanos;
    private final long readyNanos;

    private EmbeddedControlPlane(String name, Path home, EtcdProcess etcd, ApiServer apiServer, Pki pki, long started, long ready) {
        this.name = name;
        this.pki = pki;
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

    /** The node name the PKI is issued for (the apiserver certificate's DNS SAN, kubelet.conf's user). */
    public static final String CONTROL_PLANE_NODE = "kubelab-control-plane";

    /**
     * Starts etcd (data in home/etcd) and the API server; returns when both answer. Unless options ask for plain
     * HTTP (or bring their own PKI), the cluster PKI is created (or reused) under home/kubernetes like kubeadm's
     * /etc/kubernetes, the server speaks HTTPS, and admin.conf/super-admin.conf/… are written for its URL.
     */
    public static EmbeddedControlPlane start(String name, Path home, ApiServerOptions options) {
        Pki pki = options.plainHttp() ? null
                : options.pki() != null ? options.pki() : Pki.ensure(home.resolve("kubernetes"), PkiOptions.defaults(CONTROL_PLANE_NODE));
        ApiServerOptions effective = pki == null ? options : options.withPki(pki);
        long t0 = System.nanoTime();
        EtcdProcess etcd = EtcdProcess.start(home.resolve("etcd"));
        try {
            ApiServer api = ApiServer.start(etcd.endpoint(), effective);
            long ready = System.nanoTime();
            if (pki != null) pki.writeKubeconfigs(api.url());
            return new EmbeddedControlPlane(name, home, etcd, api, pki, t0, ready);
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

    /** The cluster PKI, or null when serving plain HTTP. */
    public Pki pki() {
        return pki;
    }

    /** kubeadm's admin.conf (kubernetes-admin in kubeadm:cluster-admins), or null when serving plain HTTP. */
    public Path adminKubeconfig() {
        return pki == null ? null : pki.files().adminConf();
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
