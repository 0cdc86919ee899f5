package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.audit.AuditEvent;
import dev.kubelab.apiserver.audit.AuditLog;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.BuiltinResources;
import dev.kubelab.apiserver.registry.ResourceInfo;
import dev.kubelab.apiserver.selectors.FieldSelector;
import dev.kubelab.apiserver.selectors.LabelSelector;
import dev.kubelab.apiserver.storage.EtcdStore;
import dev.kubelab.apiserver.storage.ObjectStore;
import io.vertx.core.Vertx;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * ?watch=true, streamed as kube-apiserver does: one JSON WatchEvent per line
 * ({"type":"ADDED|MODIFIED|DELETED|BOOKMARK|ERROR","object":…}), built on an etcd watch from
 * the requested resourceVersion. Without one (or "0") the current objects come first as ADDED.
 * Selector watches see an object leave the selection as DELETED and enter it as ADDED. A
 * compacted resourceVersion ends the stream with an ERROR event carrying 410 Expired.
 */
public final class WatchHandler {

    private final ObjectStore store;
    private final Vertx vertx;
    private final AuditLog audit;
    /** The open watches' close actions, so a shutting-down API server can end every stream ({@link #endAll}). */
    private final Set<Runnable> open = ConcurrentHashMap.newKeySet();

    public WatchHandler(ObjectStore store, Vertx vertx, AuditLog audit) {
        this.store = store;
        this.vertx = vertx;
        this.audit = audit;
    }

    /** Runs on a worker thread: validates, sends the initial state, then streams until closed. */
    public void watch(ApiRequest req, ResourceInfo ri, WatchSink resp) {
        LabelSelector labels = LabelSelector.parse(req.param("labelSelector"));
        FieldSelector fields = FieldSelector.parse(req.param("fieldSelector"), ri);
        String name = req.info().name();
        if (name != null) {
            // /pods/x?watch=1 (deprecated form) means fieldSelector=metadata.name=x
            fields = FieldSelector.parse("metadata.name=" + name + (req.param("fieldSelector") == null ? "" : "," + req.param("fieldSelector")), ri);
        }
        final FieldSelector fsel = fields;
        boolean table = Tables.negotiate(req.accept()) == Tables.Want.TABLE;
        boolean bookmarks = req.flag("allowWatchBookmarks");
        long timeout = req.longParam("timeoutSeconds", 1800);
        String rvParam = req.param("resourceVersion");
        long fromRev;
        if (rvParam == null || rvParam.isEmpty() || rvParam.equals("0")) {
            ObjectStore.ListResult initial = store.list(ri, req.info().namespace(), labels, fsel, 0, null);
            fromRev = initial.resourceVersion();
            resp.begin();
            for (ObjectNode o : initial.items()) send(resp, "ADDED", o, ri, table, req);
        } else {
            try {
                fromRev = Long.parseLong(rvParam);
            } catch (NumberFormatException e) {
                throw StatusError.badRequest("resourceVersion: Invalid value: \"" + rvParam + "\": must be a non-negative integer");
            }
            resp.begin();
        }
        AtomicBoolean closed = new AtomicBoolean();
        AtomicLong lastRev = new AtomicLong(fromRev);
        String prefix = BuiltinResources.keyPrefix(ri, req.info().namespace());
        AutoCloseable[] watcher = new AutoCloseable[1];
        long[] timers = new long[2];
        Runnable close = () -> {
            if (!closed.compareAndSet(false, true)) return;
            try {
                if (watcher[0] != null) watcher[0].close();
            } catch (Exception ignored) {
                // closing anyway
            }
            vertx.cancelTimer(timers[0]);
            if (timers[1] != 0) vertx.cancelTimer(timers[1]);
            resp.end();
        };
        Runnable[] self = new Runnable[1];
        self[0] = () -> {
            open.remove(self[0]);
            close.run();
        };
        open.add(self[0]);
        resp.onClose(self[0]);
        timers[0] = vertx.setTimer(Math.max(1, timeout) * 1000, t -> self[0].run());
        watcher[0] = store.etcd().watch(prefix, fromRev, new EtcdStore.WatchListener() {
            @Override
            public void changes(List<EtcdStore.Change> changes) {
                if (closed.get()) return;
                for (EtcdStore.Change c : changes) {
                    // namespace-scoped prefix of "all namespaces" lists share a prefix with nothing else; cluster
                    // prefixes like /registry/services/specs/ are exact, so no further key filtering is needed
                    lastRev.set(c.entry().modRevision());
                    deliver(c, resp, ri, labels, fsel, table, req);
                }
            }

            @Override
            public void progress(long revision) {
                lastRev.accumulateAndGet(revision, Math::max);
            }

            @Override
            public void error(StatusError error) {
                if (closed.get()) return;
                sendEvent(resp, "ERROR", Status.failure(error));
                self[0].run();
            }
        });
        if (bookmarks) {
            timers[1] = vertx.setPeriodic(5000, t -> {
                if (closed.get()) return;
                ObjectNode bm = Json.MAPPER.createObjectNode();
                bm.put("kind", ri.kind());
                bm.put("apiVersion", ri.apiVersion());
                bm.putObject("metadata").put("resourceVersion", Long.toString(lastRev.get())).putNull("creationTimestamp");
                sendEvent(resp, "BOOKMARK", bm);
            });
        }
    }

    /**
     * Ends every open watch, as kube-apiserver does when it shuts down: each stream is ended properly (the chunked
     * response's last chunk, the WebSocket's close frame), so clients see the watch end and re-establish it.
     */
    public void endAll() {
        for (Runnable r : List.copyOf(open)) r.run();
    }

    /** How many watches are open. */
    public int openWatches() {
        return open.size();
    }

    private void deliver(EtcdStore.Change c, WatchSink resp, ResourceInfo ri, LabelSelector labels, FieldSelector fields,
                         boolean table, ApiRequest req) {
        if (c.type() == EtcdStore.Change.Type.DELETE) {
            if (c.prev() == null) return;
            ObjectNode old = ObjectStore.decode(c.prev());
            old.with("metadata").put("resourceVersion", Long.toString(c.entry().modRevision()));
            if (matches(old, labels, fields)) send(resp, "DELETED", old, ri, table, req);
            return;
        }
        ObjectNode now = ObjectStore.decode(c.entry());
        boolean nowMatches = matches(now, labels, fields);
        boolean created = c.entry().createRevision() == c.entry().modRevision() || c.prev() == null;
        boolean wasMatching = !created && matches(ObjectStore.decode(c.prev()), labels, fields);
        if (nowMatches && (created || !wasMatching)) send(resp, "ADDED", now, ri, table, req);
        else if (nowMatches) send(resp, "MODIFIED", now, ri, table, req);
        else if (wasMatching) send(resp, "DELETED", now, ri, table, req);
    }

    private static boolean matches(ObjectNode o, LabelSelector labels, FieldSelector fields) {
        return labels.matches(o.path("metadata").path("labels")) && fields.matches(o);
    }

    private void send(WatchSink resp, String type, ObjectNode obj, ResourceInfo ri, boolean table, ApiRequest req) {
        ObjectNode payload = table ? Tables.table(ri, List.of(obj), obj.path("metadata").path("resourceVersion").asText(), null, null,
                req.param("includeObject"), true) : obj;
        sendEvent(resp, type, payload);
        if (audit != null) {
            var m = obj.path("metadata");
            audit.record(new AuditEvent(System.nanoTime(), System.currentTimeMillis(), "WatchEvent", req.user().name(),
                    req.userAgent(), type, ri.groupResource(), m.path("namespace").asText(null), m.path("name").asText(null),
                    200, null, m.path("resourceVersion").asLong(0)));
        }
    }

    private static void sendEvent(WatchSink resp, String type, ObjectNode obj) {
        ObjectNode ev = Json.MAPPER.createObjectNode();
        ev.put("type", type);
        ev.set("object", obj);
        resp.event(Json.bytes(ev));
    }
}
