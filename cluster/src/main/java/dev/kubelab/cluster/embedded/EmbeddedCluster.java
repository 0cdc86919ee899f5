package dev.kubelab.cluster.embedded;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubelab.apiserver.ApiServer;
import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ClusterNode;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ClusterStatus;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.cluster.EtcdAccess;
import dev.kubelab.cluster.Kubeconfig;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.LocalEtcdAccess;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.Realism;
import dev.kubelab.cluster.Steps;
import dev.kubelab.cluster.Text;
import dev.kubelab.cluster.UnsupportedClusterOperationException;
import dev.kubelab.cluster.Upgrade;
import dev.kubelab.etcd.EtcdProcess;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The embedded cluster assembled as kubeadm brings a control plane up: etcd → kube-apiserver → (bootstrap objects,
 * kube-controller-manager, kube-scheduler, kubelets and kube-proxies as those components are merged). Each
 * component is started and stopped on its own for the failure drills.
 */
public final class EmbeddedCluster implements Cluster {
    private final ClusterSpec spec;
    private volatile KubernetesVersion version;
    private final Path etcdBinary;
    private final Path etcdctl;
    private volatile ClusterStatus.State state = ClusterStatus.State.NOT_STARTED;
    private EtcdProcess etcd;
    private ApiServer apiServer;
    private int apiServerPort;
    private KubernetesClient client;
    private Kubeconfig kubeconfig;

    EmbeddedCluster(ClusterSpec spec, KubernetesVersion version, Path etcdBinary, Path etcdctl) {
        this.spec = spec;
        this.version = version;
        this.etcdBinary = etcdBinary;
        this.etcdctl = etcdctl;
    }

    @Override
    public ClusterSpec spec() {
        return spec;
    }

    @Override
    public ProviderName provider() {
        return ProviderName.EMBEDDED;
    }

    @Override
    public synchronized void up(ProgressListener progress) {
        if (state == ClusterStatus.State.RUNNING) return;
        state = ClusterStatus.State.STARTING;
        Steps steps = new Steps(progress);
        try {
            steps.run("start-etcd", Text.of("Starting etcd", "etcd 시작"), () -> {
                etcd = EtcdProcess.start(etcdBinary, spec.dataDir().resolve("etcd"), spec.controlPlaneNodeName());
            });
            steps.run("start-kube-apiserver", Text.of("Starting kube-apiserver", "kube-apiserver 시작"), () -> startApiServer(0));
            steps.run("write-kubeconfig", Text.of("Writing kubeconfig", "kubeconfig 작성"), this::writeKubeconfig);
            String notYet = "not part of this build yet";
            steps.skip("start-kube-controller-manager", Text.of("Starting kube-controller-manager", "kube-controller-manager 시작"), notYet);
            steps.skip("start-kube-scheduler", Text.of("Starting kube-scheduler", "kube-scheduler 시작"), notYet);
            steps.skip("register-nodes", Text.of("Registering nodes", "노드 등록"), "the node simulator (kubelet, kube-proxy) is " + notYet);
            state = ClusterStatus.State.RUNNING;
        } catch (RuntimeException e) {
            state = ClusterStatus.State.FAILED;
            teardown();
            throw Steps.asClusterException(Text.plain("embedded cluster start"), e);
        }
    }

    private void startApiServer(int port) {
        apiServer = ApiServer.start(etcd.endpoint(), ApiServerOptions.defaults().withVersion(version.toString()).withPort(port));
        apiServerPort = apiServer.port();
    }

    private void writeKubeconfig() throws IOException {
        String context = "kubelab-" + spec.name();
        var config = dev.kubelab.embedded.Kubeconfig.single(context, apiServer.url());
        config.put("current-context", context);
        String yaml = new YAMLMapper().writeValueAsString(config);
        Path file = spec.dataDir().resolve("kubeconfig");
        Files.createDirectories(spec.dataDir());
        Files.writeString(file, yaml);
        kubeconfig = new Kubeconfig(file, yaml, apiServer.url(), context);
        client = dev.kubelab.cluster.Clients.forKubeconfig(yaml);
    }

    @Override
    public synchronized void down(ProgressListener progress) {
        if (etcd == null && apiServer == null) {
            if (state != ClusterStatus.State.NOT_STARTED) state = ClusterStatus.State.STOPPED;
            return;
        }
        state = ClusterStatus.State.STOPPING;
        Steps steps = new Steps(progress);
        if (client != null) {
            client.close();
            client = null;
        }
        if (apiServer != null) steps.run("stop-kube-apiserver", Text.of("Stopping kube-apiserver", "kube-apiserver 중지"), this::stopApiServer);
        if (etcd != null) steps.run("stop-etcd", Text.of("Stopping etcd", "etcd 중지"), () -> {
            etcd.close();
            etcd = null;
        });
        state = ClusterStatus.State.STOPPED;
    }

    private void stopApiServer() {
        if (apiServer != null) {
            apiServer.close();
            apiServer = null;
        }
    }

    private void teardown() {
        if (client != null) {
            client.close();
            client = null;
        }
        stopApiServer();
        if (etcd != null) {
            etcd.close();
            etcd = null;
        }
    }

    private void requireRunning() {
        if (state != ClusterStatus.State.RUNNING) {
            throw new ClusterException("the embedded cluster " + spec.name() + " is not running: run %cluster up first");
        }
    }

    @Override
    public ClusterStatus status() {
        return new ClusterStatus(state, ProviderName.EMBEDDED, version, kubeconfig == null ? "" : kubeconfig.server(),
                state == ClusterStatus.State.RUNNING ? components() : List.of());
    }

    @Override
    public Kubeconfig kubeconfig() {
        requireRunning();
        return kubeconfig;
    }

    @Override
    public KubernetesClient client() {
        requireRunning();
        return client;
    }

    @Override
    public List<ClusterNode> nodes() {
        requireRunning();
        return client.nodes().list().getItems().stream().map(n -> new ClusterNode(n.getMetadata().getName(),
                n.getMetadata().getLabels() != null && n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane"),
                ClusterNode.Backing.SIMULATED, Text.of("simulated by kubelab's kubelet", "kubelab kubelet이 시뮬레이션"))).toList();
    }

    @Override
    public EtcdAccess etcd() {
        requireRunning();
        return new LocalEtcdAccess(etcdctl, List.of(etcd.endpoint()), Optional.empty(), new EmbeddedEtcdRestore(this, () -> etcd, this::etcd)::restore);
    }

    @Override
    public List<ComponentStatus> components() {
        List<ComponentStatus> out = new ArrayList<>();
        String node = spec.controlPlaneNodeName();
        boolean etcdUp = etcd != null && etcd.isRunning();
        out.add(new ComponentStatus(Component.ETCD, node, etcdUp ? ComponentStatus.State.RUNNING : ComponentStatus.State.STOPPED,
                "3.x", true, etcdUp ? "pid " + etcd.pid().map(String::valueOf).orElse("?") + ", " + etcd.endpoint() : "stopped"));
        out.add(new ComponentStatus(Component.KUBE_APISERVER, node, apiServer != null ? ComponentStatus.State.RUNNING : ComponentStatus.State.STOPPED,
                version.toString(), false, apiServer != null ? apiServer.url() : "stopped"));
        return out;
    }

    @Override
    public synchronized void stop(Component c, Optional<String> node) {
        requireRunning();
        checkNode(c, node);
        switch (c) {
            case ETCD -> etcd.stop();
            case KUBE_APISERVER -> stopApiServer();
            default -> throw notYet(c);
        }
    }

    @Override
    public synchronized void start(Component c, Optional<String> node) {
        requireRunning();
        checkNode(c, node);
        switch (c) {
            case ETCD -> {
                if (!etcd.isRunning()) etcd.restart();
            }
            case KUBE_APISERVER -> {
                if (apiServer == null) startApiServer(apiServerPort); // same port: kubeconfigs and clients stay valid
            }
            default -> throw notYet(c);
        }
    }

    private void checkNode(Component c, Optional<String> node) {
        if (c.controlPlane() && node.isPresent() && !node.get().equals(spec.controlPlaneNodeName())) {
            throw new ClusterException(c + " runs on " + spec.controlPlaneNodeName() + ", not on " + node.get());
        }
    }

    private static UnsupportedClusterOperationException notYet(Component c) {
        return new UnsupportedClusterOperationException(c + " is not part of this embedded build yet");
    }

    @Override
    public KubernetesVersion version() {
        return version;
    }

    @Override
    public Upgrade upgrade() {
        return new dev.kubelab.cluster.KubeadmUpgradeModel(new dev.kubelab.cluster.KubeadmUpgradeModel.Target() {
            @Override
            public KubernetesVersion controlPlaneVersion() {
                return version;
            }

            @Override
            public void upgradeControlPlane(KubernetesVersion to, Steps steps) {
                steps.run("upgrade-kube-apiserver", Text.of("[upgrade/staticpods] Upgrading kube-apiserver to " + to,
                        "[upgrade/staticpods] kube-apiserver 를 " + to + " 로 업그레이드"), () -> {
                    synchronized (EmbeddedCluster.this) {
                        stopApiServer();
                        version = to;
                        startApiServer(apiServerPort);
                    }
                });
            }

            @Override
            public void upgradeKubelet(String node, KubernetesVersion to) {
                throw new UnsupportedClusterOperationException("kubelet upgrade needs the node simulator, not part of this embedded build yet");
            }

            @Override
            public KubernetesClient client() {
                return EmbeddedCluster.this.client();
            }

            @Override
            public String controlPlaneNode() {
                return spec.controlPlaneNodeName();
            }
        });
    }

    @Override
    public Realism realism() {
        return EmbeddedProvider.REALISM;
    }

    /** The running API server (its audit records feed %%trace). */
    public Optional<ApiServer> apiServer() {
        return Optional.ofNullable(apiServer);
    }

    @Override
    public Optional<dev.kubelab.cluster.TraceSource> trace() {
        return Optional.of(new EmbeddedTraceSource(this::apiServer));
    }
}
