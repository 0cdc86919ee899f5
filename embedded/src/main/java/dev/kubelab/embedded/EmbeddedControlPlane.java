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
        Pki pki = options.plainHttp() ? null : options.pki() != null ? options.pki() : ensurePki(home, CONTROL_PLANE_NODE);
        long t0 = System.nanoTime();
        EtcdProcess etcd = EtcdProcess.start(home.resolve("etcd"));
        try {
            ApiServer api = startApiServer(etcd.endpoint(), options, pki);
            long ready = System.nanoTime();
            return new EmbeddedControlPlane(name, home, etcd, api, pki, t0, ready);
        } catch (RuntimeException e) {
            etcd.close();
            throw e;
        }
    }

    /**
     * kubeadm's certs phase for a cluster directory: the PKI under home/kubernetes (standing for /etc/kubernetes),
     * created where missing and reused where present ("Using existing ca certificate authority").
     */
    public static Pki ensurePki(Path home, String controlPlaneNode) {
        return Pki.ensure(home.resolve("kubernetes"), PkiOptions.defaults(controlPlaneNode));
    }

    /**
     * kube-apiserver as kubeadm runs it — HTTPS with the PKI's serving certificate, x509 client-certificate and
     * service-account token authentication, Node+RBAC authorization — then kubeadm's kubeconfig phase for its URL
     * (admin.conf, super-admin.conf from 1.29, controller-manager.conf, scheduler.conf, kubelet.conf). pki null:
     * the options as they are (plain HTTP for tests). Used by part 1's control plane and by the full embedded cluster.
     */
    public static ApiServer startApiServer(String etcdEndpoint, ApiServerOptions options, Pki pki) {
        if (pki == null) return ApiServer.start(etcdEndpoint, options);
        ApiServer api = ApiServer.start(etcdEndpoint, options.withPki(pki));
        try {
            pki.writeKubeconfigs(api.url(), separateSuperAdmin(options.gitVersion()));
        } catch (RuntimeException e) {
            api.close();
            throw e;
        }
        return api;
    }

    /** kubeadm 1.29 moved admin.conf from system:masters to kubeadm:cluster-admins and added super-admin.conf. */
    public static boolean separateSuperAdmin(String gitVersion) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^v?(\\d+)\\.(\\d+)").matcher(gitVersion == null ? "" : gitVersion);
        if (!m.find()) return true;
        int major = Integer.parseInt(m.group(1));
        int minor = Integer.parseInt(m.group(2));
        return major > 1 || minor >= 29;
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
