package dev.kubelab.cluster;

import java.util.List;

/**
 * What the control plane did, for {@code %%trace}: API requests (verb, resource, who), etcd writes (key, revision)
 * and watch notifications, in the order they happened. Embedded: the API server's in-memory audit stream; kind and
 * binaries: the real API server's audit log ({@link dev.kubelab.cluster.audit.AuditLogTraceSource}). Provider-neutral:
 * no embedded class leaks through. Closed when the trace is done (a source may hold watches).
 */
public interface TraceSource extends AutoCloseable {
    enum Kind {
        /** An API request, recorded when it started (audit stage ResponseComplete, with its code). */
        REQUEST,
        /** A write to etcd (create, update, delete of a key) with the revision it produced. */
        STORAGE,
        /** A watch notification sent to a watcher. */
        WATCH
    }

    /**
     * One record.
     *
     * @param nanos       monotonic time (System.nanoTime() scale) for ordering and durations
     * @param epochMillis wall-clock time
     * @param user        the authenticated user ({@code system:kube-scheduler}, {@code system:node:kubelab-worker}); null for storage
     * @param userAgent   the client's User-Agent ({@code kubectl/v1.31.4 …}); null for storage
     * @param verb        create, update, patch, delete, get, list, watch (storage: create/update/delete; watch: ADDED/MODIFIED/DELETED)
     * @param resource    {@code pods}, {@code pods/binding}, {@code pods/status}; null for storage
     * @param key         the etcd key for storage records ({@code /registry/pods/default/web})
     * @param revision    the etcd revision a storage record produced
     */
    record Event(long nanos, long epochMillis, Kind kind, String user, String userAgent, String verb, String resource,
                 String namespace, String name, int code, String key, long revision) {
    }

    /** A point in time to read from (System.nanoTime()). */
    default long mark() {
        return System.nanoTime();
    }

    /** Everything recorded since {@code mark}, oldest first. */
    List<Event> since(long mark);

    /** Where the records come from, said in the trace's output so a learner knows what was observed and how. */
    Text origin();

    @Override
    default void close() {
    }
}
