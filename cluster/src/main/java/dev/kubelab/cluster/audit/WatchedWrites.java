package dev.kubelab.cluster.audit;

import dev.kubelab.cluster.TraceSource;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.KubernetesResourceList;
import io.fabric8.kubernetes.api.model.ListOptionsBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import io.fabric8.kubernetes.client.dsl.FilterWatchListDeletable;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/**
 * The etcd writes of a real kube-apiserver, seen from outside: a watch notification carries the object's
 * resourceVersion, which kube-apiserver's etcd3 storage sets to the etcd revision of the write (mod_revision), and
 * the object's etcd key follows from its resource, namespace and name ({@code /registry/pods/default/web}).
 * The audit log has no storage records, so this is how a trace on kind or binaries shows etcd. Recorded when the
 * notification arrives: after the request that caused the write, as on the embedded cluster.
 */
final class WatchedWrites implements AutoCloseable {
    /** A watched resource and its etcd key prefix (kube-apiserver's defaults; services live under specs/). */
    record Watched(String prefix, Function<KubernetesClient, FilterWatchListDeletable<? extends HasMetadata, ? extends KubernetesResourceList<?>, ?>> op) {
    }

    static final List<Watched> WATCHED = List.of(
            new Watched("/registry/pods/", c -> c.pods().inAnyNamespace()),
            new Watched("/registry/replicasets/", c -> c.apps().replicaSets().inAnyNamespace()),
            new Watched("/registry/deployments/", c -> c.apps().deployments().inAnyNamespace()),
            new Watched("/registry/services/specs/", c -> c.services().inAnyNamespace()),
            new Watched("/registry/configmaps/", c -> c.configMaps().inAnyNamespace()));

    private final List<TraceSource.Event> events = new CopyOnWriteArrayList<>();
    private final List<Watch> watches = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    /** Opens the watches in the background: a trace must not wait for them (the cell runs meanwhile). */
    WatchedWrites(KubernetesClient client) {
        this(WATCHED, client);
    }

    /** Records only what {@link #record} is given (no watches): for tests. */
    WatchedWrites() {
    }

    private WatchedWrites(List<Watched> watched, KubernetesClient client) {
        Thread t = new Thread(() -> {
            for (Watched w : watched) {
                if (closed) return;
                try {
                    open(client, w);
                } catch (RuntimeException e) {
                    // not allowed or not served: that resource's writes are left out of the trace
                }
            }
        }, "kubelab-trace-watches");
        t.setDaemon(true);
        t.start();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void open(KubernetesClient client, Watched w) {
        FilterWatchListDeletable op = w.op().apply(client);
        // from the current revision: the list of one item only tells where "now" is
        KubernetesResourceList<?> now = (KubernetesResourceList<?>) op.list(new ListOptionsBuilder().withLimit(1L).build());
        String rv = now.getMetadata().getResourceVersion();
        Watch watch = op.watch(new ListOptionsBuilder().withResourceVersion(rv).withAllowWatchBookmarks(false).build(),
                new Watcher<HasMetadata>() {
                    @Override
                    public void eventReceived(Action action, HasMetadata o) {
                        record(w.prefix(), action, o);
                    }

                    @Override
                    public void onClose(WatcherException cause) {
                        // the trace shows what arrived until then
                    }
                });
        watches.add(watch);
        if (closed) watch.close();
    }

    void record(String prefix, Watcher.Action action, HasMetadata o) {
        String verb = switch (action) {
            case ADDED -> "create";
            case MODIFIED -> "update";
            case DELETED -> "delete";
            default -> null;
        };
        if (verb == null || o.getMetadata() == null) return;
        String ns = o.getMetadata().getNamespace();
        String key = prefix + (ns == null ? "" : ns + "/") + o.getMetadata().getName();
        long revision;
        try {
            revision = Long.parseLong(o.getMetadata().getResourceVersion());
        } catch (NumberFormatException e) {
            return;
        }
        events.add(new TraceSource.Event(System.nanoTime(), System.currentTimeMillis(), TraceSource.Kind.STORAGE, null, null, verb,
                null, null, null, 0, key, revision));
    }

    List<TraceSource.Event> events() {
        return new ArrayList<>(events);
    }

    @Override
    public void close() {
        closed = true;
        watches.forEach(Watch::close);
    }
}
