package dev.kubelab.controller;

import dev.kubelab.client.ComponentClients;
import dev.kubelab.controller.framework.Controller;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.SharedInformers;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElector;
import dev.kubelab.leaderelection.UpdatingLeaseLock;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded kube-controller-manager: one process-like unit running the controllers named in its
 * {@code --controllers} flag ({@code *} = all enabled by default, {@code -name} disables one), after winning
 * leader election on the Lease {@code kube-system/kube-controller-manager}. Every controller talks to the API
 * server with its own client whose user agent ends in {@code /<name>-controller}, exactly as kube-controller-manager
 * builds per-controller clients, so a request trace shows which loop made each call. Informers are shared
 * (one list+watch per resource, client {@code shared-informers}).
 *
 * <p>{@link #stop()} stops every loop (failure drill: self-healing stops); {@link #start()} starts again.
 */
public final class KubeControllerManager implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(KubeControllerManager.class);
    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-controller-manager";

    /**
     * Settings, with kube-controller-manager's defaults. {@code version}/{@code gitCommit} null: taken from the API
     * server's {@code /version} at start (the control plane's components share one build).
     */
    public record Options(String version, String gitCommit, List<String> controllers, Map<String, String> flags,
                          Clock clock, boolean leaderElect, String identity, Duration leaseDuration,
                          Duration renewDeadline, Duration retryPeriod) {
        public static Options defaults() {
            return new Options(null, null, List.of("*"), Map.of(),
                    Clock.systemUTC(), true, "kubelab-control-plane_" + java.util.UUID.randomUUID(),
                    Duration.ofSeconds(15), Duration.ofSeconds(10), Duration.ofSeconds(2));
        }

        public Options withControllers(List<String> c) {
            return new Options(version, gitCommit, c, flags, clock, leaderElect, identity, leaseDuration, renewDeadline, retryPeriod);
        }

        public Options withFlags(Map<String, String> f) {
            return new Options(version, gitCommit, controllers, f, clock, leaderElect, identity, leaseDuration, renewDeadline, retryPeriod);
        }

        public Options withClock(Clock c) {
            return new Options(version, gitCommit, controllers, flags, c, leaderElect, identity, leaseDuration, renewDeadline, retryPeriod);
        }

        public Options withLeaderElect(boolean le) {
            return new Options(version, gitCommit, controllers, flags, clock, le, identity, leaseDuration, renewDeadline, retryPeriod);
        }

        public Options withIdentity(String id) {
            return new Options(version, gitCommit, controllers, flags, clock, leaderElect, id, leaseDuration, renewDeadline, retryPeriod);
        }

        public Options withVersion(String v, String commit) {
            return new Options(v, commit, controllers, flags, clock, leaderElect, identity, leaseDuration, renewDeadline, retryPeriod);
        }
    }

    private final Config baseConfig;
    private final Options options;
    private final Map<String, Function<ControllerContext, Controller>> factories = new LinkedHashMap<>();
    private final Set<String> disabledByDefault = Set.of("bootstrapsigner", "tokencleaner");
    private Vertx vertx;
    private VertxHttpClientFactory httpFactory;
    private final List<KubernetesClient> clients = new ArrayList<>();
    private final List<EventRecorder> recorders = new ArrayList<>();
    private final List<Controller> running = new ArrayList<>();
    private SharedInformers informers;
    private LeaderElector elector;
    private CompletableFuture<?> election;
    private volatile boolean leading;
    private volatile String observedLeader;
    private volatile String version;
    private volatile String gitCommit;

    public KubeControllerManager(Config baseConfig, Options options) {
        this.baseConfig = baseConfig;
        this.options = options;
        ControllerRegistry.registerBuiltins(this);
    }

    /** Adds a controller under its kube-controller-manager name (e.g. the node lifecycle controller). */
    public synchronized void register(String name, Function<ControllerContext, Controller> factory) {
        factories.put(name, factory);
    }

    public synchronized Set<String> knownControllers() {
        return Collections.unmodifiableSet(factories.keySet());
    }

    /** The {@code --controllers} semantics: {@code *} enables defaults, {@code name} enables, {@code -name} disables. */
    public synchronized List<String> enabledControllers() {
        List<String> out = new ArrayList<>();
        for (String name : factories.keySet()) {
            boolean enabled = false;
            for (String c : options.controllers()) {
                if (c.equals("-" + name)) {
                    enabled = false;
                    break;
                }
                if (c.equals(name) || c.equals("*") && !disabledByDefault.contains(name)) {
                    enabled = true;
                }
            }
            if (enabled) {
                out.add(name);
            }
        }
        return out;
    }

    /** {@code kube-controller-manager/v1.31.0 (linux/amd64) kubernetes/9edcffc/<suffix>}. */
    public String userAgent(String suffix) {
        String commit = gitCommit == null ? "" : gitCommit.length() > 7 ? gitCommit.substring(0, 7) : gitCommit;
        return "kube-controller-manager/" + version + " (linux/amd64) kubernetes/" + commit + "/" + suffix;
    }

    private void resolveVersion() {
        version = options.version();
        gitCommit = options.gitCommit();
        if (version == null || gitCommit == null) {
            try {
                var info = client("version-probe").getKubernetesVersion();
                version = version != null ? version : info.getGitVersion();
                gitCommit = gitCommit != null ? gitCommit : info.getGitCommit();
            } catch (RuntimeException e) {
                version = version != null ? version : "v0.0.0-unknown";
                gitCommit = gitCommit != null ? gitCommit : "unknown";
            }
        }
    }

    private synchronized KubernetesClient client(String suffix) {
        Config cfg = new ConfigBuilder(baseConfig)
                .withUserAgent(userAgent(suffix))
                .withMaxConcurrentRequests(256)
                .withMaxConcurrentRequestsPerHost(256)
                // client-go watches with plain HTTP streaming, never WebSockets: do the same.
                .withOnlyHttpWatches(true)
                .build();
        // one serializer for all controllers' clients (and the JVM's other components): per-client Jackson caches add up
        KubernetesClient c = ComponentClients.build(cfg, httpFactory);
        clients.add(c);
        return c;
    }

    /** Starts leader election (or the controllers directly when leader election is off); returns at once. */
    public synchronized void start() {
        if (vertx != null) {
            return;
        }
        vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(2).setWorkerPoolSize(4));
        httpFactory = new dev.kubelab.client.NativeTlsHttpClientFactory(vertx);
        resolveVersion();
        if (!options.leaderElect()) {
            startControllers();
            return;
        }
        KubernetesClient leClient = client("leader-election");
        elector = leClient.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                .withName(LEASE_NAME)
                .withLock(new UpdatingLeaseLock(LEASE_NAMESPACE, LEASE_NAME, options.identity()))
                .withLeaseDuration(options.leaseDuration())
                .withRenewDeadline(options.renewDeadline())
                .withRetryPeriod(options.retryPeriod())
                .withReleaseOnCancel(true)
                .withLeaderCallbacks(new LeaderCallbacks(this::startControllers, this::lostLease,
                        leader -> {
                            observedLeader = leader;
                            LOG.debug("kube-controller-manager leader is {}", leader);
                        }))
                .build()).build();
        election = elector.start();
    }

    /**
     * Lost the lease (e.g. the API server was unreachable past the renew deadline): the real process exits and is
     * restarted by its kubelet; here the loops stop and the manager campaigns again.
     */
    private void lostLease() {
        stopControllers();
        synchronized (this) {
            if (elector != null && election != null) {
                election = elector.start();
            }
        }
    }

    public boolean isLeading() {
        return leading;
    }

    /** The holder of the kube-controller-manager Lease as this instance last saw it. */
    public String observedLeader() {
        return observedLeader;
    }

    public String identity() {
        return options.identity();
    }

    private synchronized void startControllers() {
        if (leading) {
            return;
        }
        leading = true;
        informers = new SharedInformers(client("shared-informers"), Duration.ZERO);
        for (String name : enabledControllers()) {
            KubernetesClient c = client(name + "-controller");
            ControllerContext ctx = new ControllerContext(c, informers, options.clock(), options.flags(), component -> {
                EventRecorder r = new EventRecorder(c, component, null, options.clock());
                synchronized (recorders) {
                    recorders.add(r);
                }
                return r;
            });
            Controller controller = factories.get(name).apply(ctx);
            running.add(controller);
        }
        informers.start();
        for (Controller controller : running) {
            try {
                controller.start();
            } catch (RuntimeException e) {
                LOG.warn("controller {} failed to start: {}", controller.name(), e.toString());
            }
        }
    }

    private synchronized void stopControllers() {
        if (!leading) {
            return;
        }
        leading = false;
        for (Controller c : running) {
            try {
                c.stop();
            } catch (RuntimeException e) {
                LOG.debug("stopping {}: {}", c.name(), e.toString());
            }
        }
        running.clear();
        synchronized (recorders) {
            recorders.forEach(EventRecorder::close);
            recorders.clear();
        }
        if (informers != null) {
            informers.stop();
            informers = null;
        }
    }

    /** Names of the controllers running now (empty when not leading or stopped). */
    public synchronized List<String> runningControllers() {
        return running.stream().map(Controller::name).toList();
    }

    public synchronized void stop() {
        if (election != null) {
            CompletableFuture<?> e = election;
            election = null;
            e.cancel(true);
        }
        stopControllers();
        clients.forEach(KubernetesClient::close);
        clients.clear();
        if (vertx != null) {
            vertx.close();
            vertx = null;
        }
        elector = null;
    }

    @Override
    public void close() {
        stop();
    }
}
