package dev.kubelab.kubelet;

import dev.kubelab.client.DropManagedFields;
import dev.kubelab.proxy.KubeProxy;
import dev.kubelab.proxy.ProxyInputs;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import java.util.function.Function;

/**
 * Runs simulated nodes — one {@link Kubelet} and one {@link KubeProxy} each — against any
 * Kubernetes API server: the embedded one, real {@code kube-apiserver} binaries, or a Kind cluster
 * (extra simulated workers, as KWOK does).
 *
 * <p>Built to be cheap at 100 nodes / 10,000 pods: one scheduler thread pool for all kubelets'
 * timers and pod workers, one pod informer whose events are dispatched by {@code spec.nodeName}
 * (instead of one {@code fieldSelector=spec.nodeName=<node>} watch per kubelet), and one
 * Service/EndpointSlice informer pair shared by all kube-proxies.
 */
public final class NodeSimulator implements AutoCloseable {

    /**
     * @param threads            scheduler threads shared by all kubelets and kube-proxies
     * @param clusterCidr        the pod network ({@code --cluster-cidr}), for kube-proxy's masquerade rule
     * @param kubeletServer      serve {@code /containerLogs} over HTTP ({@link KubeletServer})
     * @param proxyMinSyncMillis kube-proxy {@code --iptables-min-sync-period}
     */
    public record Options(SimulationTiming timing, Clock clock, int threads, String clusterCidr,
                          StaticPods.Settings staticPods, boolean kubeletServer, long proxyMinSyncMillis) {
        public static Options defaults(String clusterName) {
            return new Options(SimulationTiming.defaults(), Clock.systemUTC(), 4, "10.244.0.0/16",
                    StaticPods.Settings.kind(clusterName), true, 1000);
        }

        public Options withTiming(SimulationTiming t) {
            return new Options(t, clock, threads, clusterCidr, staticPods, kubeletServer, proxyMinSyncMillis);
        }

        public Options withThreads(int n) {
            return new Options(timing, clock, n, clusterCidr, staticPods, kubeletServer, proxyMinSyncMillis);
        }

        public Options withKubeletServer(boolean on) {
            return new Options(timing, clock, threads, clusterCidr, staticPods, on, proxyMinSyncMillis);
        }
    }

    private final Function<String, KubernetesClient> clients;
    private java.util.function.Supplier<KubernetesClient> kubeProxyClient;
    private final Options options;
    private final ScheduledThreadPoolExecutor scheduler;
    private final Map<String, Kubelet> kubelets = new LinkedHashMap<>();
    private final Map<String, KubeProxy> proxies = new LinkedHashMap<>();
    private final PodLogs podLogs;
    private SharedIndexInformer<Pod> pods;
    private ProxyInputs proxyInputs;
    private volatile KubeletServer server;
    private boolean started;

    /**
     * @param clients gives the client a component uses: called with a node name for that node's kubelet
     *                and kube-proxy (a real kubelet authenticates as {@code system:node:<name>}), and with
     *                null for the shared informers. The caller owns (and closes) the clients.
     */
    public NodeSimulator(Function<String, KubernetesClient> clients, Options options) {
        this(clients, options, new PodLogs());
    }

    /**
     * @param podLogs the registry the kubelets join — create it first and hand it to the API server
     *                ({@code ApiServerOptions.withPodLogs(new KubeletPodLogSource(podLogs))}) so the API
     *                server can start before the nodes
     */
    public NodeSimulator(Function<String, KubernetesClient> clients, Options options, PodLogs podLogs) {
        this.podLogs = podLogs;
        this.clients = clients;
        this.options = options;
        AtomicInteger n = new AtomicInteger();
        ThreadFactory tf = r -> {
            Thread t = new Thread(r, "kubelab-nodes-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
        this.scheduler = new ScheduledThreadPoolExecutor(Math.max(1, options.threads()), tf);
        this.scheduler.setRemoveOnCancelPolicy(true);
    }

    /**
     * A kind-like cluster's nodes: {@code <cluster>-control-plane} (with the static pods) and
     * {@code workers} workers.
     *
     * @param staticPodHealth component → is it up (see {@link StaticPods#COMPONENTS})
     */
    public static NodeSimulator kindLike(Function<String, KubernetesClient> clients, String clusterName, int workers,
                                         String kubernetesVersion, Map<String, BooleanSupplier> staticPodHealth, Options options) {
        NodeSimulator sim = new NodeSimulator(clients, options);
        for (int i = 0; i <= workers; i++) {
            sim.add(NodeConfig.kindLike(clusterName, i, kubernetesVersion), i == 0 ? staticPodHealth : Map.of());
        }
        return sim;
    }

    /** Adds a node; started right away if the simulator runs. */
    public synchronized Kubelet add(NodeConfig cfg, Map<String, BooleanSupplier> staticPodHealth) {
        if (kubelets.containsKey(cfg.name())) {
            throw new IllegalArgumentException("node \"" + cfg.name() + "\" is already simulated");
        }
        KubernetesClient client = clients.apply(cfg.name());
        Kubelet k = new Kubelet(cfg, client, scheduler, options.timing(), options.clock(), staticPodHealth,
                options.staticPods(), this::kubeletEndpointPort);
        kubelets.put(cfg.name(), k);
        podLogs.register(k);
        if (started) {
            startNode(k);
        }
        return k;
    }

    /**
     * The client kube-proxy's Service and EndpointSlice informers use (kubeadm's kube-proxy runs as the
     * kube-system/kube-proxy service account, bound to system:node-proxier); by default the shared informers' client.
     * Set before {@link #start()}; the caller owns the client.
     */
    public synchronized NodeSimulator withKubeProxyClient(java.util.function.Supplier<KubernetesClient> client) {
        if (started) throw new IllegalStateException("kube-proxy's client is chosen before the nodes start");
        this.kubeProxyClient = client;
        return this;
    }

    /** Starts informers, the kubelet endpoint, and every node's kubelet and kube-proxy. */
    public synchronized void start() {
        if (started) {
            return;
        }
        KubernetesClient shared = clients.apply(null);
        if (options.kubeletServer()) {
            server = KubeletServer.start(podLogs);
        }
        // the kubelets read no managedFields: the one shared cache of all pods keeps them out (10,000 pods' worth)
        pods = DropManagedFields.on(shared.pods().inAnyNamespace().runnableInformer(0));
        pods.addEventHandler(new ResourceEventHandler<Pod>() {
            @Override
            public void onAdd(Pod pod) {
                kubeletOf(pod).ifPresent(k -> k.onPod(pod));
            }

            @Override
            public void onUpdate(Pod oldPod, Pod pod) {
                kubeletOf(pod).ifPresent(k -> k.onPod(pod));
            }

            @Override
            public void onDelete(Pod pod, boolean deletedFinalStateUnknown) {
                kubeletOf(pod).ifPresent(k -> k.onPodDeleted(pod));
            }
        });
        try {
            pods.start().toCompletableFuture().get(60, TimeUnit.SECONDS);
            proxyInputs = ProxyInputs.start(kubeProxyClient == null ? shared : kubeProxyClient.get());
        } catch (Exception e) {
            pods.close();
            if (server != null) {
                server.close();
                server = null;
            }
            throw new IllegalStateException("simulated nodes cannot list and watch pods/services on the API server: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.toString()), e);
        }
        started = true;
        kubelets.values().forEach(this::startNode);
    }

    private void startNode(Kubelet k) {
        k.start();
        pods.getStore().list().stream().filter(p -> k.nodeName().equals(p.getSpec().getNodeName())).forEach(k::onPod);
        KubeProxy proxy = new KubeProxy(k.nodeName(), options.clusterCidr(), proxyInputs, scheduler,
                options.proxyMinSyncMillis(), options.clock());
        proxies.put(k.nodeName(), proxy);
        proxy.start();
    }

    private synchronized Optional<Kubelet> kubeletOf(Pod pod) {
        String node = pod.getSpec() == null ? null : pod.getSpec().getNodeName();
        return node == null ? Optional.empty() : Optional.ofNullable(kubelets.get(node));
    }

    public synchronized Optional<Kubelet> kubelet(String node) {
        return Optional.ofNullable(kubelets.get(node));
    }

    public synchronized Optional<KubeProxy> kubeProxy(String node) {
        return Optional.ofNullable(proxies.get(node));
    }

    public synchronized List<String> nodeNames() {
        return List.copyOf(kubelets.keySet());
    }

    /** Drill: stop a node's kubelet (its lease stops being renewed). */
    public void stopKubelet(String node) {
        require(kubelet(node), node).stop();
    }

    public void startKubelet(String node) {
        Kubelet k = require(kubelet(node), node);
        k.start();
        if (pods != null) {
            pods.getStore().list().stream().filter(p -> node.equals(p.getSpec().getNodeName())).forEach(k::onPod);
        }
    }

    public void stopKubeProxy(String node) {
        require(kubeProxy(node), node).stop();
    }

    public void startKubeProxy(String node) {
        require(kubeProxy(node), node).start();
    }

    private static <T> T require(Optional<T> o, String node) {
        return o.orElseThrow(() -> new IllegalArgumentException("no simulated node named \"" + node + "\""));
    }

    /** For the API server's {@code pods/log}. */
    public PodLogs podLogs() {
        return podLogs;
    }

    private int kubeletEndpointPort() {
        KubeletServer s = server;
        return s == null ? 10250 : s.port();
    }

    /** The port of the kubelet HTTP endpoint on 127.0.0.1, if it runs. */
    public Optional<Integer> kubeletPort() {
        return Optional.ofNullable(server).map(KubeletServer::port);
    }

    @Override
    public synchronized void close() {
        proxies.values().forEach(KubeProxy::stop);
        kubelets.values().forEach(Kubelet::close);
        if (pods != null) {
            pods.close();
        }
        if (proxyInputs != null) {
            proxyInputs.close();
        }
        if (server != null) {
            server.close();
        }
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        started = false;
    }
}
