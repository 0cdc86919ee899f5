package dev.kubelab.apiserver.storage;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.BuiltinResources;
import dev.kubelab.apiserver.registry.ResourceInfo;
import dev.kubelab.apiserver.selectors.FieldSelector;
import dev.kubelab.apiserver.selectors.LabelSelector;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Objects over {@link EtcdStore}, as kube-apiserver's generic registry store keeps them: JSON
 * values under /registry/&lt;prefix&gt;/…, metadata.resourceVersion = the key's mod revision (never
 * stored, always filled in on read), lists at one store revision, pagination with
 * kube-apiserver's continue tokens, and GuaranteedUpdate's compare-and-swap loop.
 */
public final class ObjectStore {

    /** One page of a list: items (resourceVersion set), the list's resourceVersion, continue token. */
    public record ListResult(List<ObjectNode> items, long resourceVersion, String continueToken, Long remainingItemCount) {}

    /** A write result: the object as stored (resourceVersion set). */
    private final EtcdStore etcd;
    private final WriteRecorder recorder;

    /** Receives each successful write (key, revision) for the audit stream. */
    public interface WriteRecorder {
        void written(String verb, String key, long revision);
    }

    public ObjectStore(EtcdStore etcd, WriteRecorder recorder) {
        this.etcd = etcd;
        this.recorder = recorder == null ? (v, k, r) -> {} : recorder;
    }

    public EtcdStore etcd() {
        return etcd;
    }

    /** The object, or null when absent. */
    public ObjectNode find(ResourceInfo ri, String ns, String name) {
        EtcdStore.Entry e = etcd.get(BuiltinResources.key(ri, ns, name));
        return e == null ? null : decode(e);
    }

    public ObjectNode get(ResourceInfo ri, String ns, String name) {
        ObjectNode o = find(ri, ns, name);
        if (o == null) throw StatusError.notFound(ri.group(), ri.resource(), name);
        return o;
    }

    /** Stores a new object; 409 AlreadyExists when the key is taken. */
    public ObjectNode create(ResourceInfo ri, String ns, String name, ObjectNode obj, boolean dryRun) {
        String key = BuiltinResources.key(ri, ns, name);
        ObjectNode meta = (ObjectNode) obj.path("metadata");
        meta.remove("resourceVersion");
        if (dryRun) {
            if (etcd.get(key) != null) throw StatusError.alreadyExists(ri.group(), ri.resource(), name);
            return obj;
        }
        EtcdStore.CasResult r = etcd.create(key, Json.bytes(obj));
        if (!r.succeeded()) throw StatusError.alreadyExists(ri.group(), ri.resource(), name);
        recorder.written("create", key, r.revision());
        meta.put("resourceVersion", Long.toString(r.revision()));
        return obj;
    }

    /**
     * kube-apiserver's GuaranteedUpdate: reads the current object, asks update for the new one
     * (update may throw; returning the same instance it was given, unchanged, skips the write),
     * and writes it only if nobody wrote in between. A lost race re-reads and retries when
     * retryOnConflict (patches, unconditional updates); otherwise it is a 409 Conflict.
     * A result whose deletionTimestamp is set with no finalizers left and grace 0 is deleted.
     */
    public ObjectNode guaranteedUpdate(ResourceInfo ri, String ns, String name, boolean retryOnConflict,
                                       boolean dryRun, UnaryOperator<ObjectNode> update) {
        String key = BuiltinResources.key(ri, ns, name);
        EtcdStore.Entry cur = etcd.get(key);
        for (int attempt = 0; ; attempt++) {
            if (cur == null) throw StatusError.notFound(ri.group(), ri.resource(), name);
            ObjectNode current = decode(cur);
            String before = Json.string(withoutRv(current.deepCopy()));
            ObjectNode next = update.apply(current.deepCopy());
            ObjectNode stripped = withoutRv(next.deepCopy());
            if (Json.string(stripped).equals(before)) {
                ((ObjectNode) next.path("metadata")).put("resourceVersion", Long.toString(cur.modRevision()));
                return next;
            }
            if (dryRun) return next;
            boolean finished = isFinished(stripped);
            EtcdStore.CasResult r = finished ? etcd.delete(key, cur.modRevision())
                    : etcd.update(key, Json.bytes(stripped), cur.modRevision());
            if (r.succeeded()) {
                recorder.written(finished ? "delete" : "update", key, r.revision());
                ((ObjectNode) next.path("metadata")).put("resourceVersion", Long.toString(r.revision()));
                return next;
            }
            if (!retryOnConflict || attempt > 50) {
                throw conflict(ri, name);
            }
            cur = r.current();
        }
    }

    /** Removes the object if its resourceVersion is still expectedRv (0 = whatever is current). */
    public ObjectNode delete(ResourceInfo ri, String ns, String name, long expectedRv, boolean dryRun) {
        String key = BuiltinResources.key(ri, ns, name);
        EtcdStore.Entry cur = etcd.get(key);
        while (true) {
            if (cur == null) throw StatusError.notFound(ri.group(), ri.resource(), name);
            if (expectedRv != 0 && cur.modRevision() != expectedRv) throw conflict(ri, name);
            ObjectNode obj = decode(cur);
            if (dryRun) return obj;
            EtcdStore.CasResult r = etcd.delete(key, cur.modRevision());
            if (r.succeeded()) {
                recorder.written("delete", key, r.revision());
                return obj;
            }
            cur = r.current();
        }
    }

    /**
     * Lists objects (ns null = all namespaces) matching the selectors, at most limit (0 = all),
     * continuing from a token. Filtering happens while paging, as kube-apiserver does, so a page
     * may hold fewer than limit items yet carry a continue token.
     */
    public ListResult list(ResourceInfo ri, String ns, LabelSelector labels, FieldSelector fields,
                           long limit, String continueToken) {
        String prefix = BuiltinResources.keyPrefix(ri, ns);
        String start = null;
        long rev = 0;
        if (continueToken != null && !continueToken.isEmpty()) {
            Continue c = Continue.decode(continueToken, prefix);
            start = c.startKey();
            rev = c.revision();
        }
        List<ObjectNode> items = new ArrayList<>();
        boolean filtering = !labels.isEmpty() || !fields.isEmpty();
        while (true) {
            long want = limit <= 0 ? 0 : Math.max(limit - items.size(), filtering ? Math.min(limit * 2, 500) : 0);
            EtcdStore.Page page;
            try {
                page = etcd.list(prefix, start, want == 0 ? 0 : want, rev);
            } catch (StatusError e) {
                if (e.code() == 410) {
                    throw StatusError.gone("The provided continue parameter is too old to display a consistent list result. "
                            + "You can start a new list without the continue parameter.");
                }
                throw e;
            }
            rev = page.revision();
            String lastKey = null;
            for (EtcdStore.Entry e : page.entries()) {
                lastKey = e.key();
                ObjectNode o = decode(e);
                if (!labels.matches(o.path("metadata").path("labels")) || !fields.matches(o)) continue;
                items.add(o);
                if (limit > 0 && items.size() >= limit) {
                    boolean moreAfter = page.more() || e != page.entries().get(page.entries().size() - 1);
                    String next = moreAfter ? Continue.encode(rev, e.key() + "\0", prefix) : null;
                    Long remaining = filtering || next == null ? null
                            : page.remaining() + (page.entries().size() - 1 - page.entries().indexOf(e));
                    return new ListResult(items, rev, next, remaining);
                }
            }
            if (!page.more() || lastKey == null) return new ListResult(items, rev, null, null);
            start = lastKey + "\0";
        }
    }

    public long currentRevision() {
        return etcd.currentRevision();
    }

    /** The object from an etcd entry, resourceVersion filled in from the mod revision. */
    public static ObjectNode decode(EtcdStore.Entry e) {
        ObjectNode o = Json.stored(e.value());
        ObjectNode meta = o.with("metadata");
        meta.put("resourceVersion", Long.toString(e.modRevision()));
        return o;
    }

    public static StatusError conflict(ResourceInfo ri, String name) {
        return StatusError.conflict(ri.group(), ri.resource(), name,
                "the object has been modified; please apply your changes to the latest version and try again");
    }

    private static ObjectNode withoutRv(ObjectNode o) {
        if (o.get("metadata") instanceof ObjectNode m) m.remove("resourceVersion");
        return o;
    }

    /** deletionTimestamp set, no finalizers, no grace left: the object is gone (kube's deleteForEmptyFinalizers). */
    private static boolean isFinished(ObjectNode o) {
        var m = o.path("metadata");
        return m.hasNonNull("deletionTimestamp") && (m.path("finalizers").isMissingNode() || m.path("finalizers").isEmpty())
                && m.path("deletionGracePeriodSeconds").asLong(0) == 0;
    }

    /** kube-apiserver's continue token: base64 of {"v":"meta.k8s.io/v1","rv":N,"start":"<key suffix>"}. */
    record Continue(long revision, String startKey) {
        static String encode(long rev, String startKey, String prefix) {
            ObjectNode n = Json.MAPPER.createObjectNode();
            n.put("v", "meta.k8s.io/v1");
            n.put("rv", rev);
            n.put("start", startKey.substring(prefix.length()));
            return Base64.getUrlEncoder().withoutPadding().encodeToString(Json.bytes(n));
        }

        static Continue decode(String token, String prefix) {
            try {
                byte[] raw = Base64.getUrlDecoder().decode(token.replace('+', '-').replace('/', '_').replace("=", ""));
                ObjectNode n = (ObjectNode) Json.MAPPER.readTree(new String(raw, StandardCharsets.UTF_8));
                if (!"meta.k8s.io/v1".equals(n.path("v").asText()) || !n.has("rv") || !n.has("start")) throw new IllegalArgumentException();
                String start = n.path("start").asText();
                if (start.startsWith("/") || start.contains("..")) throw new IllegalArgumentException();
                return new Continue(n.path("rv").asLong(), prefix + start);
            } catch (Exception e) {
                throw StatusError.badRequest("continue key is not valid: " + (e.getMessage() == null ? "malformed token" : e.getMessage().lines().findFirst().orElse("")));
            }
        }
    }
}
