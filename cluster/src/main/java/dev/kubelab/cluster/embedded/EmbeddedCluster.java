package dev.kubelab.cluster.embedded;

import dev.kubelab.apiserver.ApiServer;
import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.cluster.AbstractCluster;
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
import dev.kubelab.embedded.EmbeddedControlPlane;
import dev.kubelab.etcd.EtcdProcess;
import dev.kubelab.kubelet.NodeSimulator;
import dev.kubelab.pki.Pki;
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
 * The embedded cluster assembled in kubeadm's order: certificates → etcd → kube-apiserver → kubeconfig files →
 * kube-controller-manager → kube-scheduler → kubelets and kube-proxies (the node simulator, kind-like node names) →
 * addons (CoreDNS, kube-proxy DaemonSet). Each component sees the cluster only through the API server, and each can be
 * stopped and started on its own for the failure drills.
 *
 * <p>Security as kubeadm sets it up: the PKI lives under {@code <dataDir>/kubernetes} (kubeadm's /etc/kubernetes:
 * {@code pki/ca.crt}, {@code apiserver.crt}, {@code sa.key}, front-proxy and etcd CAs, and admin.conf,
 * super-admin.conf, controller-manager.conf, scheduler.conf, kubelet.conf); kube-apiserver serves HTTPS and
 * authenticates client certificates and service-account tokens, and authorizes with Node+RBAC. Each component uses its
 * own credentials: the controller manager {@code system:kube-controller-manager}, the scheduler
 * {@code system:kube-scheduler}, each kubelet {@code system:node:<node>} in {@code system:nodes}, kube-proxy
 * {@code system:kube-proxy}; the user's kubeconfig is admin.conf.
 */
public final class EmbeddedCluster extends AbstractCluster {
    static final String POD_SUBNET = "10.244.0.0/16";

    private volatile KubernetesVersion version;
    private final Path etcdBinary;
    private final Path etcdctl;
    private final EmbeddedTuning tuning;
    private final List<KubernetesClient> componentClients = new CopyOnWriteArrayList<>();
    private volatile Pki pki;
    /** The event loops and serializer the scheduler's and the nodes' clients share (one JVM, not one process each). */
    private volatile ComponentClients componentTransport;
    private volatile EtcdProcess etcd;
    private volatile ApiServer apiServer;
    private volatile KubeControllerManager controllerManager;
    private volatile boolean controllerManagerRunning;
    private volatile KubeScheduler scheduler;
    private volatile NodeSimulator nodes;
    private int apiServerPort;

    EmbeddedCluster(ClusterSpec spec, KubernetesVersion version, Path etcdBinary, Path etcdctl) {
        this(spec, version, etcdBinary, etcdctl, EmbeddedTuning.defaults());
    }

    EmbeddedCluster(ClusterSpec spec, KubernetesVersion version, Path etcdBinary, Path etcdctl, EmbeddedTuning tuning) {
        super(spec, ProviderName.EMBEDDED);
        this.tuning = tuning;
        this.version = version;
        this.etcdBinary = etcdBinary;
        this.etcdctl = etcdctl;
    }

    @Override
    public synchronized void up(ProgressListener progress) {
        startUp(progress, steps -> {
            steps.run("certs", Text.of("Generating certificates (cluster CA, kube-apiserver, service-account key)",
                    "인증서 생성 (클러스터 CA, kube-apiserver, 서비스 어카운트 키)"),
                    () -> { pki = EmbeddedControlPlane.ensurePki(spec.dataDir(), spec.controlPlaneNodeName()); });
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
                    () -> {
                        await(Duration.ofSeconds(60), "nodes to be Ready", this::allNodesReady);
                        // Pods in "default" need its default ServiceAccount, which only the controller manager's
                        // serviceaccount controller creates (kubernetes#66689 is that race on real clusters); it is
                        // normally long there by now, this only spares a first pod the admission plugin's retries.
                        await(Duration.ofSeconds(60), "the default ServiceAccount in namespace default",
                                () -> client.serviceAccounts().inNamespace("default").withName("default").get() != null);
                    });
        });
    }

    private void startApiServer(int port) {
        ApiServerOptions options = ApiServerOptions.defaults().withVersion(version.toString()).withPort(port)
                .withPodLogs(new KubeletPodLogs(() -> nodes == null ? null : nodes.podLogs()));
        if (port == 0) {
            apiServer = EmbeddedControlPlane.startApiServer(etcd.endpoint(), options, pki);
        } else {
            // a restart on the same port (kubeconfigs and clients stay valid): the old listener's socket may still be
            // closing, so a bind refused as "in use" is retried for a while, as a restarted static pod's would be
            ApiServer[] started = new ApiServer[1];
            RuntimeException[] last = new RuntimeException[1];
            try {
                await(Duration.ofSeconds(30), "port " + port + " to be free for kube-apiserver", () -> {
                    try {
                        started[0] = EmbeddedControlPlane.startApiServer(etcd.endpoint(), options, pki);
                        return true;
                    } catch (IllegalStateException e) {
                        if (!String.valueOf(e.getMessage()).contains("in use")) throw e;
                        last[0] = e;
                        return false;
                    }
                });
            } catch (RuntimeException e) {
                throw last[0] != null ? last[0] : e;
            }
            apiServer = started[0];
        }
        apiServerPort = apiServer.port();
    }

    /** The user's kubeconfig: kubeadm's admin.conf under the context kubelab-&lt;name&gt;. */
    private void writeKubeconfig() throws IOException {
        String context = "kubelab-" + spec.name();
        Path file = spec.dataDir().resolve("kubeconfig");
        dev.kubelab.embedded.Kubeconfig.writeFrom(file, context, pki.files().adminConf());
        String yaml = Files.readString(file);
        kubeconfig = new Kubeconfig(file, yaml, apiServer.url(), context);
        client = Clients.forKubeconfig(yaml);
    }

    private void startControllerManager() {
        if (controllerManager == null) {
            SharedControllerCredentials.grant(client);
            KubeControllerManager.Options o = KubeControllerManager.Options.defaults();
            o = new KubeControllerManager.Options(o.version(), o.gitCommit(), o.controllers(), o.flags(), o.clock(), o.leaderElect(),
                    spec.controlPlaneNodeName() + "_" + UUID.randomUUID(), o.leaseDuration(), o.renewDeadline(), o.retryPeriod());
            controllerManager = new KubeControllerManager(Config.fromKubeconfig(read(pki.files().controllerManagerConf())),
                    o.withFlags(tuning.controllerManagerFlags()));
        }
        controllerManager.start();
        controllerManagerRunning = true;
    }

    private void startScheduler() {
        if (scheduler == null) {
            KubernetesClient c = componentClient(read(pki.files().schedulerConf()), "kube-scheduler");
            SchedulerOptions options = SchedulerOptions.defaults().withHostname(spec.controlPlaneNodeName());
            // kube-scheduler breaks ties between equally scored nodes at random; handouts pin that choice
            // (KUBELAB_SCHEDULER_SEED, set by scripts/handouts.py) so that two runs place pods alike and can be diffed
            String seed = System.getenv("KUBELAB_SCHEDULER_SEED");
            if (seed != null && seed.matches("-?\\d{1,18}")) {
                options = options.withRandomSeed(Long.parseLong(seed));
            }
            scheduler = new KubeScheduler(c, options);
        }
        scheduler.start();
    }

    private void startNodes() {
        Map<String, BooleanSupplier> health = Map.of(
                "etcd", () -> etcd != null && etcd.isRunning(),
                "kube-apiserver", () -> apiServer != null,
                "kube-controller-manager", () -> controllerManagerRunning,
                "kube-scheduler", () -> scheduler != null && scheduler.isRunning());
        // each kubelet as system:node:<node> (the control plane's kubelet.conf, a join's certificate elsewhere); the
        // simulator's shared pod informer reads as the control-plane node; kube-proxy as system:kube-proxy
        String controlPlaneKubelet = read(pki.files().kubeletConf());
        nodes = NodeSimulator.kindLike(node -> componentClient(node == null || node.equals(spec.controlPlaneNodeName())
                        ? controlPlaneKubelet : pki.nodeKubeconfig(node), "kubelet"), spec.name(), spec.workers(),
                version.toString(), health, NodeSimulator.Options.defaults(spec.name())
                        .withTiming(dev.kubelab.kubelet.SimulationTiming.defaults().withHeartbeat(tuning.nodeLeaseRenew(), tuning.nodeStatusUpdate()))
                        .withThreads(tuning.nodeSimulatorThreads()));
        nodes.withKubeProxyClient(() -> componentClient(pki.userKubeconfig(KUBE_PROXY_USER, List.of()), "kube-proxy"));
        nodes.start();
    }

    /**
     * kube-proxy's identity. kubeadm's kube-proxy DaemonSet uses the kube-system/kube-proxy service account (bound to
     * system:node-proxier by kubeadm:node-proxier); the simulated kube-proxy, which runs no pod, uses a client
     * certificate for the user the default system:node-proxier binding names.
     */
    static final String KUBE_PROXY_USER = "system:kube-proxy";

    private static String read(Path file) {
        try {
            return Files.readString(file);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    private KubernetesClient componentClient(String componentKubeconfig, String component) {
        ComponentClients transport;
        synchronized (componentClients) {
            if (componentTransport == null) componentTransport = new ComponentClients();
            transport = componentTransport;
        }
        KubernetesClient c = Clients.forComponent(componentKubeconfig, component, version, transport);
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
    @Override
    protected void teardown() {
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

    @Override
    public List<ClusterNode> nodes() {
        requireRunning();
        return simulatedNodes(nodes.nodeNames());
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
        return perNode(c, node, nodes.nodeNames());
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
