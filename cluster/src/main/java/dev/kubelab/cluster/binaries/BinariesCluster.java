package dev.kubelab.cluster.binaries;

import dev.kubelab.cluster.AbstractCluster;
import dev.kubelab.cluster.AuditPolicy;
import dev.kubelab.cluster.Clients;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ClusterNode;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ClusterStatus;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.cluster.EtcdAccess;
import dev.kubelab.cluster.ExecResult;
import dev.kubelab.cluster.Kubeconfig;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.LocalEtcdAccess;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.Realism;
import dev.kubelab.cluster.Steps;
import dev.kubelab.cluster.Text;
import dev.kubelab.cluster.Upgrade;
import dev.kubelab.kubelet.NodeSimulator;
import dev.kubelab.pki.Pki;
import dev.kubelab.pki.PkiFiles;
import dev.kubelab.pki.PkiOptions;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The real control-plane binaries as child processes, set up as kubeadm would: certificates and kubeconfigs from
 * {@link Pki}, flags from {@link KubeadmFlags}. Each process can be stopped and started for the drills; all of them
 * stop with the cluster, and with the JVM however it ends ({@link SupervisedProcess}).
 */
public final class BinariesCluster extends AbstractCluster {
    private final KubernetesVersion version;
    private final BinaryLocator.Found binaries;
    private final Path etcdctl;
    private final Map<Component, SupervisedProcess> processes = new EnumMap<>(Component.class);
    private final List<KubernetesClient> nodeClients = new java.util.concurrent.CopyOnWriteArrayList<>();
    private volatile NodeSimulator nodes;
    private ControlPlaneLayout layout;

    BinariesCluster(ClusterSpec spec, KubernetesVersion version, BinaryLocator.Found binaries, Path etcdctl) {
        super(spec, ProviderName.BINARIES);
        this.version = version;
        this.binaries = binaries;
        this.etcdctl = etcdctl;
    }

    /** The layout (ports, files) of a cluster with free ports — generated once per start. */
    static ControlPlaneLayout layout(ClusterSpec spec, ControlPlaneLayout.Ports ports) {
        return new ControlPlaneLayout(spec.dataDir(), spec.controlPlaneNodeName(), "127.0.0.1", ports,
                ControlPlaneLayout.SERVICE_SUBNET, ControlPlaneLayout.POD_SUBNET, "kubernetes");
    }

    static ControlPlaneLayout.Ports freePorts() {
        return new ControlPlaneLayout.Ports(FreePort.next(), FreePort.next(), FreePort.next(), FreePort.next(), FreePort.next());
    }

    @Override
    public synchronized void up(ProgressListener progress) {
        startUp(progress, steps -> {
            layout = layout(spec, freePorts());
            Pki pki = steps.run("certs", Text.of("Writing certificates", "인증서 작성"), () -> certificates(layout));
            steps.run("kubeconfigs", Text.of("Writing kubeconfig files", "kubeconfig 파일 작성"), () -> pki.writeKubeconfigs(layout.apiServerUrl()));
            for (Component c : List.of(Component.ETCD, Component.KUBE_APISERVER, Component.KUBE_CONTROLLER_MANAGER, Component.KUBE_SCHEDULER)) {
                steps.run("start-" + c.binary(), Text.of("Starting " + c.binary(), c.binary() + " 시작"), () -> {
                    startProcess(c);
                    if (c == Component.KUBE_APISERVER) connect();
                });
            }
            steps.run("register-nodes", Text.of("Registering nodes (simulated kubelet, kube-proxy)", "노드 등록 (시뮬레이션 kubelet, kube-proxy)"),
                    () -> startNodes(pki));
        });
    }

    /** kubeadm's "certs" phase and the audit policy: everything the flags name, before any process starts. */
    static Pki certificates(ControlPlaneLayout layout) throws IOException {
        Files.createDirectories(layout.runDir());
        Files.createDirectories(layout.kubernetesDir());
        Files.writeString(layout.auditPolicy(), AuditPolicy.yaml());
        PkiOptions o = PkiOptions.defaults(layout.nodeName());
        return Pki.ensure(layout.kubernetesDir(), new PkiOptions(o.nodeName(), layout.advertiseAddress(), layout.serviceSubnet(),
                o.dnsDomain(), layout.clusterName(), o.keyAlgorithm(), o.extraSans()));
    }

    /**
     * kubelab's node simulator against the real kube-apiserver: each kubelet authenticates as
     * {@code system:node:<name>} with a certificate from the cluster CA (as kubeadm join would give it), so the Node
     * authorizer and NodeRestriction apply to it as to a real kubelet.
     */
    private void startNodes(Pki pki) {
        Map<String, java.util.function.BooleanSupplier> health = new java.util.HashMap<>();
        for (Component c : List.of(Component.ETCD, Component.KUBE_APISERVER, Component.KUBE_CONTROLLER_MANAGER, Component.KUBE_SCHEDULER)) {
            health.put(c.binary(), () -> processes.containsKey(c) && processes.get(c).isRunning());
        }
        nodes = NodeSimulator.kindLike(node -> {
            KubernetesClient c = Clients.forComponent(node == null ? kubeconfig.contents() : pki.nodeKubeconfig(node), "kubelet", version);
            nodeClients.add(c);
            return c;
        }, spec.name(), spec.workers(), version.toString(), health, NodeSimulator.Options.defaults(spec.name()));
        nodes.start();
    }

    private void connect() throws IOException {
        PkiFiles files = layout.pki();
        String yaml = Files.readString(files.adminConf());
        Path copy = spec.dataDir().resolve("kubeconfig");
        Files.writeString(copy, yaml);
        Config config = Config.fromKubeconfig(yaml);
        client = Clients.forKubeconfig(yaml);
        kubeconfig = new Kubeconfig(copy, yaml, config.getMasterUrl(), config.getCurrentContext() == null ? "" : config.getCurrentContext().getName());
    }

    private List<String> command(Component c) {
        return switch (c) {
            case ETCD -> KubeadmFlags.etcd(binaries.get("etcd").toString(), layout);
            case KUBE_APISERVER -> KubeadmFlags.kubeApiServer(binaries.get("kube-apiserver").toString(), layout);
            case KUBE_CONTROLLER_MANAGER -> KubeadmFlags.kubeControllerManager(binaries.get("kube-controller-manager").toString(), layout);
            case KUBE_SCHEDULER -> KubeadmFlags.kubeScheduler(binaries.get("kube-scheduler").toString(), layout);
            default -> throw new IllegalArgumentException(c + " is not a binary here");
        };
    }

    private void startProcess(Component c) {
        SupervisedProcess p = processes.computeIfAbsent(c, k -> new SupervisedProcess(k.binary(), command(k), layout.runDir()));
        p.start();
        BooleanSupplier ready = switch (c) {
            case ETCD -> () -> etcd().etcdctl(List.of("endpoint", "health")).ok();
            case KUBE_APISERVER -> () -> Health.ok(layout.apiServerUrl() + "/readyz");
            case KUBE_CONTROLLER_MANAGER -> () -> Health.ok("https://127.0.0.1:" + layout.ports().controllerManager() + "/healthz");
            case KUBE_SCHEDULER -> () -> Health.ok("https://127.0.0.1:" + layout.ports().scheduler() + "/healthz");
            default -> () -> true;
        };
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!ready.getAsBoolean()) {
            if (!p.isRunning()) {
                throw new ClusterException(c.binary() + " exited at start: " + p.lastLogLine() + " (log: " + p.logFile() + ")");
            }
            if (System.nanoTime() > deadline) {
                throw new ClusterException(c.binary() + " did not become ready within 60 s: " + p.lastLogLine() + " (log: " + p.logFile() + ")");
            }
            sleep(200);
        }
    }

    private static void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted");
        }
    }

    @Override
    public synchronized void down(ProgressListener progress) {
        if (processes.isEmpty() && client == null) {
            if (state != ClusterStatus.State.NOT_STARTED) state = ClusterStatus.State.STOPPED;
            return;
        }
        state = ClusterStatus.State.STOPPING;
        Steps steps = new Steps(progress);
        if (nodes != null) steps.run("stop-nodes", Text.of("Stopping simulated kubelets and kube-proxies", "시뮬레이션 kubelet과 kube-proxy 중지"),
                this::stopNodes);
        if (client != null) {
            client.close();
            client = null;
        }
        for (Component c : List.of(Component.KUBE_SCHEDULER, Component.KUBE_CONTROLLER_MANAGER, Component.KUBE_APISERVER, Component.ETCD)) {
            SupervisedProcess p = processes.remove(c);
            if (p != null) steps.run("stop-" + c.binary(), Text.of("Stopping " + c.binary(), c.binary() + " 중지"), p::stop);
        }
        state = ClusterStatus.State.STOPPED;
    }

    private void stopNodes() {
        if (nodes != null) {
            nodes.close();
            nodes = null;
        }
        nodeClients.forEach(KubernetesClient::close);
        nodeClients.clear();
    }

    @Override
    protected void teardown() {
        try {
            stopNodes();
        } catch (RuntimeException ignored) {
            // tearing down after a failure: keep going
        }
        if (client != null) {
            client.close();
            client = null;
        }
        List<Component> order = new ArrayList<>(processes.keySet());
        java.util.Collections.reverse(order);
        for (Component c : order) processes.remove(c).stop();
    }

    @Override
    public List<ClusterNode> nodes() {
        requireRunning();
        return simulatedNodes(nodes.nodeNames());
    }

    @Override
    public EtcdAccess etcd() {
        if (layout == null) throw notRunning();
        PkiFiles p = layout.pki();
        return new LocalEtcdAccess(etcdctl, List.of("https://127.0.0.1:" + layout.ports().etcdClient()),
                Optional.of(new EtcdAccess.Tls(p.etcdCaCert().toString(), p.etcdHealthcheckClientCert().toString(), p.etcdHealthcheckClientKey().toString())),
                this::restoreEtcd);
    }

    /** kubeadm's restore procedure with processes instead of static pods. */
    private void restoreEtcd(String snapshot, ProgressListener progress) {
        Steps steps = new Steps(progress);
        Path target = spec.dataDir().resolve("etcd-restore-" + System.currentTimeMillis());
        steps.run("stop-apiserver", Text.of("Stopping kube-apiserver", "kube-apiserver 중지"), () -> stop(Component.KUBE_APISERVER, Optional.empty()));
        steps.run("stop-etcd", Text.of("Stopping etcd", "etcd 중지"), () -> stop(Component.ETCD, Optional.empty()));
        steps.run("restore-snapshot", Text.of("Restoring " + snapshot + " into " + target, snapshot + "를 " + target + "에 복원"), () -> {
            ExecResult r = etcd().etcdctl(List.of("snapshot", "restore", snapshot, "--data-dir=" + target, "--name=" + layout.nodeName(),
                    "--initial-cluster=" + layout.nodeName() + "=" + layout.etcdPeerUrl(), "--initial-advertise-peer-urls=" + layout.etcdPeerUrl()));
            r.stdoutOrThrow("etcdctl snapshot restore");
        });
        steps.run("swap-data-dir", Text.of("Moving the restored data into place (old data kept as a backup)",
                "복원된 데이터를 제자리로 이동 (이전 데이터는 백업으로 보관)"), () -> {
            Path old = layout.etcdDataDir();
            Files.move(old, old.resolveSibling("etcd.before-restore-" + System.currentTimeMillis()));
            Files.move(target, old);
        });
        steps.run("start-etcd", Text.of("Starting etcd", "etcd 시작"), () -> start(Component.ETCD, Optional.empty()));
        steps.run("start-apiserver", Text.of("Starting kube-apiserver", "kube-apiserver 시작"), () -> start(Component.KUBE_APISERVER, Optional.empty()));
    }

    @Override
    public List<ComponentStatus> components() {
        requireRunning();
        List<ComponentStatus> out = new ArrayList<>();
        for (Component c : List.of(Component.ETCD, Component.KUBE_APISERVER, Component.KUBE_CONTROLLER_MANAGER, Component.KUBE_SCHEDULER)) {
            SupervisedProcess p = processes.get(c);
            boolean running = p != null && p.isRunning();
            out.add(new ComponentStatus(c, layout.nodeName(), running ? ComponentStatus.State.RUNNING : ComponentStatus.State.STOPPED,
                    version.toString(), true, running ? "pid " + p.pid().map(String::valueOf).orElse("?") : "stopped"));
        }
        NodeSimulator sim = nodes;
        if (sim != null) {
            for (String n : sim.nodeNames()) {
                out.add(new ComponentStatus(Component.KUBELET, n, sim.kubelet(n).map(k -> k.isRunning()).orElse(false)
                        ? ComponentStatus.State.RUNNING : ComponentStatus.State.STOPPED, version.toString(), false, "simulated"));
            }
            for (String n : sim.nodeNames()) {
                out.add(new ComponentStatus(Component.KUBE_PROXY, n, sim.kubeProxy(n).map(k -> k.isRunning()).orElse(false)
                        ? ComponentStatus.State.RUNNING : ComponentStatus.State.STOPPED, version.toString(), false, "simulated"));
            }
        }
        return out;
    }

    /** The node of a per-node component (required when there are several). */
    private String perNode(Component c, Optional<String> node) {
        return perNode(c, node, nodes.nodeNames());
    }

    private void checkNode(Component c, Optional<String> node) {
        if (node.isPresent() && !node.get().equals(layout.nodeName())) {
            throw new ClusterException(c + " runs on " + layout.nodeName() + ", not on " + node.get());
        }
    }

    @Override
    public synchronized void stop(Component c, Optional<String> node) {
        requireRunning();
        if (c == Component.KUBELET) {
            nodes.stopKubelet(perNode(c, node));
            return;
        }
        if (c == Component.KUBE_PROXY) {
            nodes.stopKubeProxy(perNode(c, node));
            return;
        }
        checkNode(c, node);
        SupervisedProcess p = processes.get(c);
        if (p != null) p.stop();
    }

    @Override
    public synchronized void start(Component c, Optional<String> node) {
        requireRunning();
        if (c == Component.KUBELET) {
            nodes.startKubelet(perNode(c, node));
            return;
        }
        if (c == Component.KUBE_PROXY) {
            nodes.startKubeProxy(perNode(c, node));
            return;
        }
        checkNode(c, node);
        startProcess(c);
    }

    @Override
    public KubernetesVersion version() {
        return version;
    }

    @Override
    public Upgrade upgrade() {
        return Upgrade.unsupported("kubeadm upgrade on the binaries provider needs the binaries of the target version; "
                + "install them and start a new cluster with --version");
    }

    /** %%trace from kube-apiserver's audit log (the flags name it; see {@link KubeadmFlags}) and watches through the API. */
    @Override
    public java.util.Optional<dev.kubelab.cluster.TraceSource> trace() {
        requireRunning();
        String kc = kubeconfig().contents();
        return java.util.Optional.of(new dev.kubelab.cluster.audit.AuditLogTraceSource(
                dev.kubelab.cluster.audit.AuditLogFile.local(layout.auditLog()),
                () -> dev.kubelab.cluster.Clients.forComponent(kc, "kubelab-trace", version)));
    }

    @Override
    public Realism realism() {
        return BinariesProvider.REALISM;
    }

    /** The layout in use, for tests and for %%trace (audit log path). */
    public ControlPlaneLayout layout() {
        return layout;
    }
}
