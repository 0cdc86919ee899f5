package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ClusterStatus;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The cluster this kernel is attached to (one per kernel, kept in {@link MagicContext#state}). A cluster the kernel
 * started itself is stopped when the JVM exits (shutdown hook); etcd additionally watches its parent process, so
 * even kill -9 of the kernel leaves no etcd behind.
 */
public final class ClusterSession {
    private volatile Cluster cluster;
    private volatile boolean owned;
    private Thread hook;
    /** Per-cluster resources of other magics (the tracer's watch), closed when the kernel leaves the cluster. */
    private final List<AutoCloseable> onDetach = new ArrayList<>();

    public static ClusterSession of(MagicContext context) {
        return context.state(ClusterSession.class, ClusterSession::new);
    }

    public Optional<Cluster> current() {
        return Optional.ofNullable(cluster);
    }

    /** The running cluster, or the one-line "run %cluster up first" error in the notebook's language. */
    public static Cluster require(MagicContext context) {
        Cluster c = of(context).cluster;
        if (c == null || c.status().state() != ClusterStatus.State.RUNNING) {
            throw new MagicException(context.text("실행 중인 클러스터가 없습니다: 먼저 %cluster up 을 실행하세요",
                    "no cluster is up: run %cluster up first"));
        }
        return c;
    }

    synchronized void attach(Cluster c, boolean ownedByKernel) {
        detach();
        cluster = c;
        owned = ownedByKernel;
        if (ownedByKernel) {
            hook = new Thread(() -> {
                try {
                    c.close();
                } catch (RuntimeException ignored) {
                    // the JVM is going away; etcd's parent watch is the last line of defence
                }
            }, "kubelab-cluster-shutdown");
            Runtime.getRuntime().addShutdownHook(hook);
        }
    }

    /** Closes {@code resource} when the kernel leaves the current cluster ({@code %cluster down}, another cluster). */
    public synchronized void closeOnDetach(AutoCloseable resource) {
        onDetach.add(resource);
    }

    /** Forgets the cluster (after %cluster down); returns it if the kernel owned it. */
    synchronized Optional<Cluster> detach() {
        Cluster c = cluster;
        cluster = null;
        for (AutoCloseable r : onDetach) {
            try {
                r.close();
            } catch (Exception ignored) {
                // a resource of a cluster that is going away; nothing to keep
            }
        }
        onDetach.clear();
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // already shutting down
            }
            hook = null;
        }
        boolean wasOwned = owned;
        owned = false;
        return wasOwned ? Optional.ofNullable(c) : Optional.empty();
    }

    boolean owned() {
        return owned;
    }

    /** Runs a cluster call, turning a {@link ClusterException} into a one-line magic error. */
    public static <T> T call(java.util.function.Supplier<T> action) {
        try {
            return action.get();
        } catch (ClusterException e) {
            throw new MagicException(oneLine(e.getMessage()), e);
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            throw new MagicException(oneLine(e.getStatus() != null && e.getStatus().getMessage() != null
                    ? e.getStatus().getMessage() : e.getMessage()), e);
        }
    }

    public static void run(Runnable action) {
        call(() -> {
            action.run();
            return null;
        });
    }

    static String oneLine(String s) {
        return s == null ? "" : s.strip().lines().findFirst().orElse("");
    }
}
