package dev.kubelab.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Optional;

/**
 * What the providers' clusters (kind, binaries, embedded) share: the spec, the lifecycle state, the admin kubeconfig
 * and client, the start-up frame of {@link #up} (state check, steps, teardown of whatever started when a step fails)
 * and the accessors that need a running cluster.
 */
public abstract class AbstractCluster implements Cluster {
    /** One start-up sequence: the provider's steps, in order. */
    @FunctionalInterface
    protected interface StartSequence {
        void run(Steps steps);
    }

    protected final ClusterSpec spec;
    private final ProviderName provider;
    protected volatile ClusterStatus.State state = ClusterStatus.State.NOT_STARTED;
    /** Set by the provider's start-up once the API server answers; cleared with the client on down. */
    protected Kubeconfig kubeconfig;
    protected KubernetesClient client;

    protected AbstractCluster(ClusterSpec spec, ProviderName provider) {
        this.spec = spec;
        this.provider = provider;
    }

    @Override
    public final ClusterSpec spec() {
        return spec;
    }

    @Override
    public final ProviderName provider() {
        return provider;
    }

    /**
     * Runs the provider's start-up unless the cluster already runs (up is idempotent): on failure everything
     * already started is torn down before the one-line {@link ClusterException} is thrown.
     */
    protected final synchronized void startUp(ProgressListener progress, StartSequence sequence) {
        if (state == ClusterStatus.State.RUNNING) return;
        state = ClusterStatus.State.STARTING;
        Steps steps = new Steps(progress);
        try {
            sequence.run(steps);
            state = ClusterStatus.State.RUNNING;
        } catch (RuntimeException e) {
            state = ClusterStatus.State.FAILED;
            teardown();
            throw Steps.asClusterException(Text.plain(provider.id() + " cluster start"), e);
        }
    }

    /** Undoes a failed start: stops everything started so far, ignoring errors (the start error is what counts). */
    protected abstract void teardown();

    protected final ClusterException notRunning() {
        return new ClusterException("the " + provider.id() + " cluster " + spec.name() + " is not running: run %cluster up first");
    }

    protected void requireRunning() {
        if (state != ClusterStatus.State.RUNNING) {
            throw notRunning();
        }
    }

    @Override
    public ClusterStatus status() {
        return new ClusterStatus(state, provider, version(), kubeconfig == null ? "" : kubeconfig.server(),
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

    /** Nodes that kubelab's node simulator runs (embedded, binaries): no container behind them. */
    protected final List<ClusterNode> simulatedNodes(List<String> names) {
        return names.stream().map(n -> new ClusterNode(n, n.equals(spec.controlPlaneNodeName()), ClusterNode.Backing.SIMULATED,
                Text.of("simulated by kubelab's kubelet and kube-proxy: no container runs", "kubelab의 kubelet과 kube-proxy가 시뮬레이션: 컨테이너는 실행되지 않음")))
                .toList();
    }

    /** The node a kubelet or kube-proxy command means: the one named, or the only one (when there is one). */
    protected static String perNode(Component c, Optional<String> node, List<String> names) {
        if (node.isEmpty()) {
            if (names.size() == 1) return names.get(0);
            throw new ClusterException(c + " runs on every node: name one with --node (" + String.join(", ", names) + ")");
        }
        if (!names.contains(node.get())) {
            throw new ClusterException("no node \"" + node.get() + "\": nodes are " + String.join(", ", names));
        }
        return node.get();
    }
}
