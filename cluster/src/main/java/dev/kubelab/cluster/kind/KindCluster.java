package dev.kubelab.cluster.kind;

import com.dajudge.kindcontainer.KindContainer;
import dev.kubelab.cluster.AbstractCluster;
import dev.kubelab.cluster.Clients;
import dev.kubelab.cluster.ClusterNode;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ClusterStatus;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.cluster.EtcdAccess;
import dev.kubelab.cluster.Kubeconfig;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.Realism;
import dev.kubelab.cluster.Steps;
import dev.kubelab.cluster.Text;
import dev.kubelab.cluster.UnsupportedClusterOperationException;
import dev.kubelab.cluster.Upgrade;
import dev.kubelab.kubelet.NodeConfig;
import dev.kubelab.kubelet.NodeSimulator;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * A real Kind cluster through Testcontainers (kindcontainer): one kind node container running kubeadm's control
 * plane and a real kubelet. Testcontainers' reaper (Ryuk) removes the container when this JVM exits, however it exits.
 */
public final class KindCluster extends AbstractCluster {
    private static final Logger LOG = LoggerFactory.getLogger(KindCluster.class);

    private final KubernetesVersion version;
    private KindContainer<?> container;
    private NodeShell node;
    private volatile NodeSimulator workers;
    private final List<KubernetesClient> workerClients = new java.util.concurrent.CopyOnWriteArrayList<>();

    KindCluster(ClusterSpec spec, KubernetesVersion version) {
        super(spec, ProviderName.KIND);
        this.version = version;
    }

    @Override
    public synchronized void up(ProgressListener progress) {
        String image = KindVersions.image(version);
        startUp(progress, steps -> {
            Steps.Step pull = steps.begin("pull-image", Text.of("Ensuring node image (" + image + ")", "노드 이미지 준비 (" + image + ")"));
            try {
                pull.succeed(ImagePull.ensure(image, pull) ? "pulled" : "present");
            } catch (RuntimeException e) {
                pull.fail(Steps.asClusterException(Text.plain("pull"), e).getMessage());
                throw e;
            }
            steps.run("start-node", Text.of("Preparing node and running kubeadm init", "노드 준비 및 kubeadm init 실행"), () -> {
                KindContainer<?> c = new KindContainer<>(KindVersions.toKind(version)).withNodeReadyTimeout(Duration.ofMinutes(5));
                container = c;
                c.start();
                node = new NodeShell(c);
            });
            steps.run("write-kubeconfig", Text.of("Writing kubeconfig", "kubeconfig 작성"), this::writeKubeconfig);
            steps.run("enable-audit", Text.of("Enabling the API server audit log", "API 서버 감사 로그 활성화"), this::enableAudit);
            if (spec.workers() > 0) {
                steps.run("simulated-workers", Text.of("Joining " + spec.workers() + " simulated workers (KWOK-style)",
                        "시뮬레이션 워커 " + spec.workers() + "개 합류 (KWOK 방식)"), this::joinSimulatedWorkers);
            }
            steps.run("wait-ready", Text.of("Waiting for nodes to be Ready", "노드가 Ready가 되기를 대기"),
                    () -> await(Duration.ofMinutes(3), "nodes to be Ready", this::allNodesReady));
        });
    }

    private void writeKubeconfig() throws IOException {
        String yaml = container.getKubeconfig();
        Config config = Config.fromKubeconfig(yaml);
        Path file = spec.dataDir().resolve("kubeconfig");
        Files.createDirectories(spec.dataDir());
        Files.writeString(file, yaml);
        kubeconfig = new Kubeconfig(file, yaml, config.getMasterUrl(), config.getCurrentContext() == null ? "" : config.getCurrentContext().getName());
        client = Clients.forKubeconfig(yaml);
    }

    /**
     * Extra workers from kubelab's node simulator registered with the real kind API server, as KWOK does: pods bound
     * to them are simulated, pods on the kind node really run. Named as kind names workers ({@code NAME-worker}, …).
     */
    private void joinSimulatedWorkers() {
        workers = new NodeSimulator(node -> {
            KubernetesClient c = Clients.forComponent(kubeconfig.contents(), "kubelet", version);
            workerClients.add(c);
            return c;
        }, NodeSimulator.Options.defaults(spec.name()).withKubeletServer(false));
        for (int i = 1; i <= spec.workers(); i++) {
            workers.add(NodeConfig.worker(spec.workerNodeName(i), i, version.toString()), java.util.Map.of());
        }
        workers.start();
    }

    private void enableAudit() {
        String before = node.runningContainer("kube-apiserver");
        node.writeFile(AuditConfig.POLICY_PATH, AuditConfig.policy());
        String manifest = node.readFile(AuditConfig.APISERVER_MANIFEST);
        String patched = AuditConfig.patchApiServerManifest(manifest);
        // Write outside the manifests directory first: the kubelet must never see a half-written manifest.
        node.writeFile("/etc/kubernetes/kube-apiserver.yaml.new", patched);
        node.sh("mv /etc/kubernetes/kube-apiserver.yaml.new " + AuditConfig.APISERVER_MANIFEST).stdoutOrThrow("installing the audited manifest");
        await(Duration.ofMinutes(2), "kube-apiserver to restart with auditing", () -> {
            String now = node.runningContainer("kube-apiserver");
            return !now.isEmpty() && !now.equals(before) && apiServerReady();
        });
    }

    private boolean apiServerReady() {
        try {
            return "ok".equals(client.raw("/readyz"));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private boolean allNodesReady() {
        try {
            List<Node> nodes = client.nodes().list().getItems();
            return !nodes.isEmpty() && nodes.stream().allMatch(n -> n.getStatus().getConditions().stream()
                    .anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        dev.kubelab.cluster.Await.until(timeout, Duration.ofMillis(500), what, condition);
    }

    @Override
    public synchronized void down(ProgressListener progress) {
        if (container == null && client == null) {
            state = state == ClusterStatus.State.NOT_STARTED ? state : ClusterStatus.State.STOPPED;
            return;
        }
        state = ClusterStatus.State.STOPPING;
        new Steps(progress).run("delete-node", Text.of("Deleting the kind node container", "kind 노드 컨테이너 삭제"), this::teardown);
        state = ClusterStatus.State.STOPPED;
    }

    @Override
    protected void teardown() {
        if (workers != null) {
            try {
                workers.close();
            } catch (RuntimeException ignored) {
                // keep tearing down
            }
            workers = null;
        }
        workerClients.forEach(KubernetesClient::close);
        workerClients.clear();
        if (client != null) {
            client.close();
            client = null;
        }
        if (container != null) {
            try {
                container.stop();
            } catch (RuntimeException e) {
                LOG.warn("could not stop the kind container (the Testcontainers reaper removes it when the JVM exits): {}", e.getMessage());
            }
            container = null;
            node = null;
        }
    }

    /** Running also means the node container is still there. */
    @Override
    protected void requireRunning() {
        super.requireRunning();
        if (node == null) {
            throw notRunning();
        }
    }

    @Override
    public List<ClusterNode> nodes() {
        requireRunning();
        String real = container.getInternalHostname();
        return client.nodes().list().getItems().stream().map(n -> {
            boolean cp = n.getMetadata().getLabels() != null && n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane");
            boolean sim = workers != null && workers.nodeNames().contains(n.getMetadata().getName());
            return new ClusterNode(n.getMetadata().getName(), cp, sim ? ClusterNode.Backing.SIMULATED : ClusterNode.Backing.CONTAINER,
                    sim ? Text.of("simulated by kubelab's node simulator", "kubelab 노드 시뮬레이터가 시뮬레이션")
                            : Text.of("Docker container " + node.containerName() + " (" + KindVersions.image(version) + ", " + real + ")",
                            "Docker 컨테이너 " + node.containerName() + " (" + KindVersions.image(version) + ")"));
        }).toList();
    }

    @Override
    public EtcdAccess etcd() {
        requireRunning();
        return new KindEtcdAccess(node, this);
    }

    @Override
    public List<ComponentStatus> components() {
        requireRunning();
        String nodeName = controlPlaneNode();
        List<ComponentStatus> out = new ArrayList<>();
        for (Component c : Component.values()) {
            if (c.controlPlane()) {
                String id = node.runningContainer(c.binary());
                boolean parked = node.sh("test -f " + StaticPods.parked(c)).ok();
                ComponentStatus.State s = !id.isEmpty() ? ComponentStatus.State.RUNNING
                        : parked ? ComponentStatus.State.STOPPED : ComponentStatus.State.NOT_READY;
                out.add(new ComponentStatus(c, nodeName, s, version.toString(), true,
                        parked ? "manifest moved to " + StaticPods.PARKED : "static pod " + c.binary() + "-" + nodeName));
            } else if (c == Component.KUBELET) {
                boolean active = node.exec(List.of("systemctl", "is-active", "--quiet", "kubelet")).ok();
                out.add(new ComponentStatus(c, nodeName, active ? ComponentStatus.State.RUNNING : ComponentStatus.State.STOPPED,
                        version.toString(), true, "systemd unit kubelet.service"));
            } else {
                String id = node.runningContainer("kube-proxy");
                out.add(new ComponentStatus(c, nodeName, id.isEmpty() ? ComponentStatus.State.NOT_READY : ComponentStatus.State.RUNNING,
                        version.toString(), true, "DaemonSet kube-system/kube-proxy"));
            }
        }
        return out;
    }

    private String controlPlaneNode() {
        return client.nodes().list().getItems().stream()
                .filter(n -> n.getMetadata().getLabels() != null && n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane"))
                .map(n -> n.getMetadata().getName()).findFirst().orElse(container.getInternalHostname());
    }

    private boolean simulatedWorker(Optional<String> nodeName) {
        return nodeName.isPresent() && workers != null && workers.nodeNames().contains(nodeName.get());
    }

    private void checkNode(Component c, Optional<String> nodeName) {
        if (nodeName.isPresent() && !nodeName.get().equals(controlPlaneNode())) {
            throw new UnsupportedClusterOperationException(c + " on " + nodeName.get()
                    + ": that node is simulated; on kind only the node " + controlPlaneNode() + " runs real components");
        }
    }

    @Override
    public void stop(Component c, Optional<String> nodeName) {
        requireRunning();
        if (c.perNode() && simulatedWorker(nodeName)) {
            if (c == Component.KUBELET) workers.stopKubelet(nodeName.get());
            else workers.stopKubeProxy(nodeName.get());
            return;
        }
        checkNode(c, nodeName);
        switch (c) {
            case KUBELET -> node.exec(List.of("systemctl", "stop", "kubelet")).stdoutOrThrow("systemctl stop kubelet");
            case KUBE_PROXY -> throw new UnsupportedClusterOperationException(
                    "kube-proxy runs as a DaemonSet on kind: the kubelet would restart it at once; delete or patch the DaemonSet with %kubectl instead");
            default -> {
                String before = node.runningContainer(c.binary());
                node.sh(StaticPods.stopScript(c)).stdoutOrThrow("moving the " + c + " manifest out");
                // The kubelet notices within its file-check period (20 s) and kills the pod.
                if (!before.isEmpty()) await(Duration.ofMinutes(1), c + " to stop", () -> node.runningContainer(c.binary()).isEmpty());
            }
        }
    }

    @Override
    public void start(Component c, Optional<String> nodeName) {
        requireRunning();
        if (c.perNode() && simulatedWorker(nodeName)) {
            if (c == Component.KUBELET) workers.startKubelet(nodeName.get());
            else workers.startKubeProxy(nodeName.get());
            return;
        }
        checkNode(c, nodeName);
        switch (c) {
            case KUBELET -> node.exec(List.of("systemctl", "start", "kubelet")).stdoutOrThrow("systemctl start kubelet");
            case KUBE_PROXY -> throw new UnsupportedClusterOperationException(
                    "kube-proxy runs as a DaemonSet on kind: it is managed by its DaemonSet, not started by hand");
            default -> {
                node.sh(StaticPods.startScript(c)).stdoutOrThrow("moving the " + c + " manifest back");
                await(Duration.ofMinutes(2), c + " to start", () -> !node.runningContainer(c.binary()).isEmpty()
                        && (c != Component.KUBE_APISERVER || apiServerReady()));
            }
        }
    }

    @Override
    public KubernetesVersion version() {
        return version;
    }

    @Override
    public Upgrade upgrade() {
        requireRunning();
        return new KindUpgrade(node, this);
    }

    @Override
    public Realism realism() {
        return KindRealism.get();
    }

    /** The audit log inside the node, for %%trace (read with {@code etcd()}-style exec or copied out). */
    public String readAuditLog() {
        requireRunning();
        return node.readFile(AuditConfig.LOG_PATH);
    }

    /** %%trace from the real kube-apiserver's audit log in the node (enabled at start-up) and watches through the API. */
    @Override
    public java.util.Optional<dev.kubelab.cluster.TraceSource> trace() {
        requireRunning();
        return java.util.Optional.of(new dev.kubelab.cluster.audit.AuditLogTraceSource(new NodeAuditLog(node, AuditConfig.LOG_PATH),
                () -> Clients.forComponent(kubeconfig.contents(), "kubelab-trace", version)));
    }
}
