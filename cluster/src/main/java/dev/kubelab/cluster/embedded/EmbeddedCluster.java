package dev.kubelab.cluster.embedded;

import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubelab.apiserver.ApiServer;
import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ClusterNode;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ClusterStatus;
import dev.kubelab.client.ComponentClients;
import dev.kubelab.cluster.Clients;
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
import dev.kubelab.controller.KubeControllerManager;
import dev.kubelab.etcd.EtcdProcess;
import dev.kubelab.kubelet.NodeSimulator;
import dev.kubelab.scheduler.KubeScheduler;
import dev.kubelab.scheduler.SchedulerOptions;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.BooleanSupplier;

/**
 * The embedded cluster assembled in kubeadm's order: etcd → kube-apiserver → kubeconfig → kube-controller-manager →
 * kube-scheduler → kubelets and kube-proxies (the node simulator, kind-like node names) → addons (CoreDNS,
 * kube-proxy DaemonSet). Each component sees the cluster only through the API server, and each can be stopped and
 * started on its own for the failure drills.
 */
public final class EmbeddedCluster implements Cluster {
    static final String POD_SUBNET = "10.244.0.0/16";

    private final ClusterSpec spec;
    private volatile KubernetesVersion version;
    private final Path etcdBinary;
    private final Path etcdctl;
    private final EmbeddedTuning tuning;
    private final List<KubernetesClient> componentClients = new CopyOnWriteArrayList<>();
    /** The event loops and serializer the scheduler's and the nodes' clients share (one JVM, not one process each). */
    private volatile ComponentClients componentTransport;
    private volatile ClusterStatus.State state = ClusterStatus.State.NOT_STARTED;
    private volatile EtcdProcess etcd;
    private volatile ApiServer apiServer;
    private volatile KubeControllerManager controllerManager;
    private volatile boolean controllerManagerRunning;
    private volatile KubeScheduler scheduler;
    private volatile NodeSimulator nodes;
    private int apiServerPort;
    private KubernetesClient client;
    private Kubeconfig kubeconfig;

    EmbeddedCluster(ClusterSpec spec, KubernetesVersion version, Path etcdBinary, Path etcdctl) {
        this(spec, version, etcdBinary, etcdctl, EmbeddedTuning.defaults());
    }

    EmbeddedCluster(ClusterSpec spec, KubernetesVersion version, Path etcdBinary, Path etcdctl, EmbeddedTuning tuning) {
        this.tuning = tuning;
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
            steps.run("start-etcd", Text.of("Starting etcd", "etcd 시작"),
                    () -> { etcd = EtcdProcess.start(etcdBinary, spec.dataDir().resolve("etcd"), spec.controlPlaneNodeName()); });
            steps.run("start-kube-apiserver", Text.of("Starting kube-apiserver", "kube-apiserver 시작"), () -> startApiServer(0));
            steps.run("write-kubeconfig", Text.of("Writing kubeconfig", "kubeconfig 작성"), this::writeKubeconfig);
            steps.run("start-kube-controller-manager", Text.of("Starting kube-controller-manager", "kube-controller-manager 시작"),
                    this::startControllerManager);
            steps.run("start-kube-scheduler", Text.of("Starting kube-scheduler", "kube-scheduler 시작"), this::startScheduler);
            steps.run("register-nodes", Text.of("Registering nodes (kubelet, kube-proxy)", "노드 등록 (kubelet, kube-proxy)"), this::startNodes);
            steps.run("addons", Text.of("Applying addons (CoreDNS, kube-proxy)", "애드온 적용 (CoreDNS, kube-proxy)"),
                    () -> KubeadmAddons.apply(client, version, POD_SUBNET));
            steps.run("nodes-ready", Text.of("Waiting for nodes to be Ready", "노드가 Ready가 되기를 대기"),
                    () -> await(Duration.ofSeconds(60), "nodes to be Ready", this::allNodesReady));
            state = ClusterStatus.State.RUNNING;
        } catch (RuntimeException e) {
            state = ClusterStatus.State.FAILED;
            teardown();
            throw Steps.asClusterException(Text.plain("embedded cluster start"), e);
        }
    }

    private void startApiServer(int port) {
        ApiServerOptions options = ApiServerOptions.defaults().withVersion(version.toString()).withPort(port)
                .withPodLogs(new KubeletPodLogs(() -> nodes == null ? null : nodes.podLogs()));
        apiServer = ApiServer.start(etcd.endpoint(), options);
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
        client = Clients.forKubeconfig(yaml);
    }

    private void startControllerManager() {
        if (controllerManager == null) {
            KubeControllerManager.Options o = KubeControllerManager.Options.defaults();
            o = new KubeControllerManager.Options(o.version(), o.gitCommit(), o.controllers(), o.flags(), o.clock(), o.leaderElect(),
                    spec.controlPlaneNodeName() + "_" + UUID.randomUUID(), o.leaseDuration(), o.renewDeadline(), o.retryPeriod());
            controllerManager = new KubeControllerManager(Config.fromKubeconfig(kubeconfig.contents()),
                    o.withFlags(tuning.controllerManagerFlags()));
        }
        controllerManager.start();
        controllerManagerRunning = true;
    }

    private void startScheduler() {
        if (scheduler == null) {
            KubernetesClient c = componentClient("kube-scheduler");
            scheduler = new KubeScheduler(c, SchedulerOptions.defaults().withHostname(spec.controlPlaneNodeName()));
        }
        scheduler.start();
    }

    private void startNodes() {
        Map<String, BooleanSupplier> health = Map.of(
                "etcd", () -> etcd != null && etcd.isRunning(),
                "kube-apiserver", () -> apiServer != null,
                "kube-controller-manager", () -> controllerManagerRunning,
                "kube-scheduler", () -> scheduler != null && scheduler.isRunning());
        nodes = NodeSimulator.kindLike(node -> componentClient("kubelet"), spec.name(), spec.workers(),
                version.toString(), health, NodeSimulator.Options.defaults(spec.name())
                        .withTiming(dev.kubelab.kubelet.SimulationTiming.defaults().withHeartbeat(tuning.nodeLeaseRenew(), tuning.nodeStatusUpdate()))
                        .withThreads(tuning.nodeSimulatorThreads()));
        nodes.start();
    }

    private KubernetesClient componentClient(String component) {
        ComponentClients transport;
        synchronized (componentClients) {
            if (componentTransport == null) componentTransport = new ComponentClients();
            transport = componentTransport;
        }
        KubernetesClient c = Clients.forComponent(kubeconfig.contents(), component, version, transport);
        componentClients.add(c);
        return c;
    }

    private boolean allNodesReady() {
        try {
            List<Node> list = client.nodes().list().getItems();
            return list.size() == spec.workers() + 1 && list.stream().allMatch(n -> n.getStatus() != null && n.getStatus().getConditions() != null
                    && n.getStatus().getConditions().stream().anyMatch(c -> "Ready".equals(c.getType()) && "True".equals(c.getStatus())));
        } catch (RuntimeException e) {
            return false;
        }
    }

    static void await(Duration timeout, String what, BooleanSupplier condition) {
        dev.kubelab.cluster.Await.until(timeout, Duration.ofMillis(100), what, condition);
    }

    @Override
    public synchronized void down(ProgressListener progress) {
        if (etcd == null && apiServer == null) {
            if (state != ClusterStatus.State.NOT_STARTED) state = ClusterStatus.State.STOPPED;
            return;
        }
        state = ClusterStatus.State.STOPPING;
        Steps steps = new Steps(progress);
        if (nodes != null) steps.run("stop-nodes", Text.of("Stopping kubelets and kube-proxies", "kubelet과 kube-proxy 중지"), () -> {
            nodes.close();
            nodes = null;
        });
        if (scheduler != null) steps.run("stop-kube-scheduler", Text.of("Stopping kube-scheduler", "kube-scheduler 중지"), () -> {
            scheduler.close();
            scheduler = null;
        });
        if (controllerManager != null) steps.run("stop-kube-controller-manager", Text.of("Stopping kube-controller-manager",
                "kube-controller-manager 중지"), () -> {
            stopControllerManagerBounded(controllerManager);
            controllerManager = null;
            controllerManagerRunning = false;
        });
        closeClients();
        if (apiServer != null) steps.run("stop-kube-apiserver", Text.of("Stopping kube-apiserver", "kube-apiserver 중지"), this::stopApiServer);
        if (etcd != null) steps.run("stop-etcd", Text.of("Stopping etcd", "etcd 중지"), () -> {
            etcd.close();
            etcd = null;
        });
        state = ClusterStatus.State.STOPPED;
    }

    /**
     * KubeControllerManager.stop() waits for its lock, which it holds while its controllers start (informer syncs);
     * down must not hang on that, so the stop finishes in the background after 15 s. It owns no process or port.
     */
    private static void stopControllerManagerBounded(KubeControllerManager kcm) {
        Thread t = new Thread(kcm::close, "kube-controller-manager-stop");
        t.setDaemon(true);
        t.start();
        try {
            t.join(15_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void closeClients() {
        componentClients.forEach(KubernetesClient::close);
        componentClients.clear();
        synchronized (componentClients) {
            if (componentTransport != null) componentTransport.close();
            componentTransport = null;
        }
        if (client != null) {
            client.close();
            client = null;
        }
    }

    private void stopApiServer() {
        if (apiServer != null) {
            apiServer.close();
            apiServer = null;
        }
    }

    /** Undo a failed start: everything started so far, in reverse order, errors ignored (the start error is what counts). */
    private void teardown() {
        quietly(() -> { if (nodes != null) nodes.close(); });
        quietly(() -> { if (scheduler != null) scheduler.close(); });
        quietly(() -> { if (controllerManager != null) controllerManager.close(); });
        quietly(this::closeClients);
        quietly(this::stopApiServer);
        quietly(() -> { if (etcd != null) etcd.close(); });
        nodes = null;
        scheduler = null;
        controllerManager = null;
        controllerManagerRunning = false;
        etcd = null;
    }

    private static void quietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException ignored) {
            // tearing down after a failure: keep going
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
        return nodes.nodeNames().stream().map(n -> new ClusterNode(n, n.equals(spec.controlPlaneNodeName()), ClusterNode.Backing.SIMULATED,
                Text.of("simulated by kubelab's kubelet and kube-proxy: no container runs", "kubelab의 kubelet과 kube-proxy가 시뮬레이션: 컨테이너는 실행되지 않음")))
                .toList();
    }

    @Override
    public EtcdAccess etcd() {
        requireRunning();
        return new LocalEtcdAccess(etcdctl, List.of(etcd.endpoint()), Optional.empty(), new EmbeddedEtcdRestore(this, () -> etcd, this::etcd)::restore);
    }

    private static ComponentStatus.State state(boolean running) {
        return running ? ComponentStatus.State.RUNNING : ComponentStatus.State.STOPPED;
    }

    @Override
    public List<ComponentStatus> components() {
        List<ComponentStatus> out = new ArrayList<>();
        String cp = spec.controlPlaneNodeName();
        String v = version.toString();
        EtcdProcess e = etcd;
        boolean etcdUp = e != null && e.isRunning();
        out.add(new ComponentStatus(Component.ETCD, cp, state(etcdUp), "3.x", true,
                etcdUp ? "pid " + e.pid().map(String::valueOf).orElse("?") + ", " + e.endpoint() : "stopped"));
        ApiServer a = apiServer;
        out.add(new ComponentStatus(Component.KUBE_APISERVER, cp, state(a != null), v, false, a != null ? a.url() : "stopped"));
        out.add(new ComponentStatus(Component.KUBE_CONTROLLER_MANAGER, cp, state(controllerManagerRunning), v, false,
                // isLeading() only: runningControllers() waits on the manager's lock while controllers start
                controllerManagerRunning && controllerManager != null ? (controllerManager.isLeading() ? "leader" : "not leading") : "stopped"));
        KubeScheduler s = scheduler;
        // started = the process runs, also while it restarts itself after a lost lease; leading is shown as detail
        boolean schedulerUp = s != null && s.isStarted();
        out.add(new ComponentStatus(Component.KUBE_SCHEDULER, cp, state(schedulerUp), v, false,
                schedulerUp ? (s.isLeader() ? "leader" : "not leading") : "stopped"));
        NodeSimulator sim = nodes;
        if (sim != null) {
            for (String n : sim.nodeNames()) {
                out.add(new ComponentStatus(Component.KUBELET, n, state(sim.kubelet(n).map(k -> k.isRunning()).orElse(false)),
                        sim.kubelet(n).map(dev.kubelab.kubelet.Kubelet::kubeletVersion).orElse(v), false, "simulated"));
            }
            for (String n : sim.nodeNames()) {
                out.add(new ComponentStatus(Component.KUBE_PROXY, n, state(sim.kubeProxy(n).map(k -> k.isRunning()).orElse(false)), v, false, "simulated"));
            }
        }
        return out;
    }

    /** The node a per-node component is meant on; control-plane components run on the control-plane node only. */
    private String node(Component c, Optional<String> node) {
        String cp = spec.controlPlaneNodeName();
        if (c.controlPlane()) {
            if (node.isPresent() && !node.get().equals(cp)) throw new ClusterException(c + " runs on " + cp + ", not on " + node.get());
            return cp;
        }
        List<String> names = nodes.nodeNames();
        if (node.isEmpty()) {
            if (names.size() == 1) return names.get(0);
            throw new ClusterException(c + " runs on every node: name one with --node (" + String.join(", ", names) + ")");
        }
        if (!names.contains(node.get())) {
            throw new ClusterException("no node \"" + node.get() + "\": nodes are " + String.join(", ", names));
        }
        return node.get();
    }

    @Override
    public synchronized void stop(Component c, Optional<String> node) {
        requireRunning();
        String n = node(c, node);
        switch (c) {
            case ETCD -> etcd.stop();
            case KUBE_APISERVER -> stopApiServer();
            case KUBE_CONTROLLER_MANAGER -> {
                controllerManager.stop();
                controllerManagerRunning = false;
            }
            case KUBE_SCHEDULER -> scheduler.stop();
            case KUBELET -> nodes.stopKubelet(n);
            case KUBE_PROXY -> nodes.stopKubeProxy(n);
        }
    }

    @Override
    public synchronized void start(Component c, Optional<String> node) {
        requireRunning();
        String n = node(c, node);
        switch (c) {
            case ETCD -> {
                if (!etcd.isRunning()) etcd.restart();
            }
            case KUBE_APISERVER -> {
                if (apiServer == null) startApiServer(apiServerPort); // same port: kubeconfigs and clients stay valid
            }
            case KUBE_CONTROLLER_MANAGER -> startControllerManager();
            case KUBE_SCHEDULER -> {
                scheduler.start();
                // it released its lease when stopped, so it leads again at once; wait so the drill sees it scheduling
                await(Duration.ofSeconds(30), "kube-scheduler to lead again", scheduler::isRunning);
            }
            case KUBELET -> nodes.startKubelet(n);
            case KUBE_PROXY -> nodes.startKubeProxy(n);
        }
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
                NodeSimulator sim = nodes;
                var kubelet = sim == null ? Optional.<dev.kubelab.kubelet.Kubelet>empty() : sim.kubelet(node);
                if (kubelet.isEmpty()) throw new ClusterException("nodes \"" + node + "\" not found");
                // the package upgrade, then systemctl restart kubelet
                stop(Component.KUBELET, Optional.of(node));
                kubelet.get().upgradeTo(to.toString());
                start(Component.KUBELET, Optional.of(node));
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

    /** The kube-scheduler (its decision records feed %explain). */
    public Optional<KubeScheduler> scheduler() {
        return Optional.ofNullable(scheduler);
    }

    /** The simulated nodes (kube-proxy rules, kubelets). */
    public Optional<NodeSimulator> nodeSimulator() {
        return Optional.ofNullable(nodes);
    }

    @Override
    public Optional<dev.kubelab.cluster.SchedulingDecisions> schedulingDecisions() {
        return Optional.of(new EmbeddedSchedulingDecisions(() -> scheduler == null ? null : scheduler.recorder()));
    }

    @Override
    public Optional<dev.kubelab.cluster.TraceSource> trace() {
        return Optional.of(new EmbeddedTraceSource(this::apiServer));
    }
}
