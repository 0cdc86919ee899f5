package dev.kubelab.cluster;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.List;
import java.util.Optional;

/**
 * A Kubernetes cluster a notebook drives, whichever provider runs it. Notebooks and magics see only this
 * interface, so one notebook runs unchanged on kind, binaries and embedded.
 *
 * <p>Lifecycle: {@link #up} starts it (each step reported; on failure everything already started is torn down
 * before the one-line {@link ClusterException} is thrown), {@link #down} stops it and leaves no process or
 * container behind. Operations a provider cannot perform throw {@link UnsupportedClusterOperationException}
 * with a plain message.
 */
public interface Cluster extends AutoCloseable {
    ClusterSpec spec();

    default String name() {
        return spec().name();
    }

    /** The provider actually running it (never AUTO). */
    ProviderName provider();

    // ---- lifecycle

    /** Starts the cluster, reporting named steps ("Starting etcd", "Writing certificates", …). Idempotent once running. */
    void up(ProgressListener progress);

    /** Stops everything it started (processes, containers, simulated nodes); idempotent. */
    void down(ProgressListener progress);

    /** {@link #down} without progress reporting. */
    @Override
    default void close() {
        down(ProgressListener.NONE);
    }

    ClusterStatus status();

    // ---- access

    /** The admin kubeconfig (file + contents). Requires a running cluster. */
    Kubeconfig kubeconfig();

    /** A fabric8 client with admin rights, shared; closed by {@link #down}. Requires a running cluster. */
    KubernetesClient client();

    /** The nodes the provider runs (real containers or simulated). */
    List<ClusterNode> nodes();

    /** The real etcd behind this cluster. */
    EtcdAccess etcd();

    // ---- components (failure drills)

    /** Live state of every component instance (per node for kubelet and kube-proxy). */
    List<ComponentStatus> components();

    /**
     * Stops {@code component}; {@code node} names the node for kubelet/kube-proxy (required there when the cluster
     * has several nodes) and must be empty or the control-plane node for control-plane components.
     */
    void stop(Component component, Optional<String> node);

    void start(Component component, Optional<String> node);

    default void restart(Component component, Optional<String> node) {
        stop(component, node);
        start(component, node);
    }

    // ---- versions

    /** The control plane's Kubernetes version. */
    KubernetesVersion version();

    /** kubeadm-style upgrade steps this provider implements. */
    Upgrade upgrade();

    /** What is real and what is simulated here, for learners. */
    Realism realism();

    /**
     * The record of API requests, etcd writes and watch notifications that {@code %%trace} draws, where this provider
     * has one (embedded: the API server's audit stream; kind and binaries: its audit log and watches); empty elsewhere.
     */
    default java.util.Optional<TraceSource> trace() {
        return java.util.Optional.empty();
    }

    /**
     * The scheduler's per-pod decisions (each filter's verdict, each plugin's score) that {@code %explain} shows, where
     * the provider's scheduler records them (embedded); empty elsewhere, where %explain falls back to events.
     */
    default java.util.Optional<SchedulingDecisions> schedulingDecisions() {
        return java.util.Optional.empty();
    }

    /**
     * Provider-specific capabilities (e.g. the embedded scheduler's decision records, kube-proxy's rules, kind's
     * audit log), so a magic can use them where they exist and say so where they don't.
     */
    default <T> Optional<T> unwrap(Class<T> type) {
        return type.isInstance(this) ? Optional.of(type.cast(this)) : Optional.empty();
    }
}
