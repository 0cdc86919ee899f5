package dev.kubelab.proxy;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The simulated kube-proxy of one node, iptables mode. It watches Services and EndpointSlices
 * (through {@link ProxyInputs}) and "programs" the rules it computes: nothing reaches a kernel, the
 * programmed ruleset is kept here for {@link #iptablesSave()} and {@link #route}.
 *
 * <p>As with the real one, a stopped kube-proxy leaves its last rules in place (the kernel keeps
 * them); they just stop following Service and endpoint changes. Syncs are rate-limited like
 * kube-proxy's {@code --iptables-min-sync-period} (default 1 s).
 */
public final class KubeProxy {
    private final String nodeName;
    private final String clusterCidr;
    private final ProxyInputs inputs;
    private final ScheduledExecutorService scheduler;
    private final long minSyncMillis;
    private final Clock clock;
    private final Runnable listener = this::requestSync;
    private volatile IptablesRules programmed;
    private volatile Instant lastSync;
    private volatile boolean running;
    private ScheduledFuture<?> pending;

    public KubeProxy(String nodeName, String clusterCidr, ProxyInputs inputs, ScheduledExecutorService scheduler,
                     long minSyncMillis, Clock clock) {
        this.nodeName = nodeName;
        this.clusterCidr = clusterCidr;
        this.inputs = inputs;
        this.scheduler = scheduler;
        this.minSyncMillis = minSyncMillis;
        this.clock = clock;
    }

    public String nodeName() {
        return nodeName;
    }

    public boolean isRunning() {
        return running;
    }

    /** Starts following changes, syncing once right away (kube-proxy's initial full sync). */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        inputs.onChange(listener);
        sync();
    }

    /** Stops following changes; the programmed rules stay as they are, as in the kernel. */
    public synchronized void stop() {
        running = false;
        inputs.removeListener(listener);
        if (pending != null) {
            pending.cancel(false);
            pending = null;
        }
    }

    private synchronized void requestSync() {
        if (!running || pending != null) {
            return;
        }
        pending = scheduler.schedule(() -> {
            synchronized (this) {
                pending = null;
            }
            sync();
        }, minSyncMillis, TimeUnit.MILLISECONDS);
    }

    /** One iptables-restore: recompute and replace the programmed rules. */
    void sync() {
        if (!running) {
            return;
        }
        programmed = inputs.rules(clusterCidr);
        lastSync = clock.instant();
    }

    /** When the rules were last programmed, if ever. */
    public Optional<Instant> lastSync() {
        return Optional.ofNullable(lastSync);
    }

    /** The nat and filter rules currently programmed ({@code -A …} lines), empty before the first sync. */
    public List<String> rules() {
        IptablesRules r = programmed;
        if (r == null) {
            return List.of();
        }
        List<String> all = new java.util.ArrayList<>(r.filterRules());
        all.addAll(r.natRules());
        return all;
    }

    /** What {@code iptables-save} would print on this node. */
    public String iptablesSave() {
        IptablesRules r = programmed;
        if (r == null) {
            return "";
        }
        return r.iptablesSave("kubelab simulated kube-proxy on " + nodeName + " (no kernel rules were written)");
    }

    /**
     * Which endpoint a new connection to {@code clusterIp:port} would be DNATed to, walking the
     * KUBE-SVC chain's statistic matches with a pseudo-random generator seeded by {@code seed}
     * (same seed, same answer).
     *
     * @return the endpoint {@code ip:port} and the chain path, or empty if the service has no rules here
     *         (an unknown ClusterIP, or no ready endpoints — then the connection is rejected)
     */
    public Optional<Route> route(String clusterIp, int port, String protocol, long seed) {
        IptablesRules r = programmed;
        if (r == null) {
            return Optional.empty();
        }
        return r.pick(clusterIp, port, protocol, seed)
                .map(step -> new Route(step.endpoint(), List.of("KUBE-SERVICES", step.serviceChain(), step.chain())));
    }

    /** A connection's path through the nat table: {@code KUBE-SERVICES → KUBE-SVC-… → KUBE-SEP-…}, then DNAT to {@code endpoint}. */
    public record Route(String endpoint, List<String> chains) {
    }
}
