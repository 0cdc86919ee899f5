package dev.kubelab.apiserver.storage;

import dev.kubelab.apiserver.errors.StatusError;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * kube-apiserver's etcd3 storage layer (k8s.io/apiserver/pkg/storage/etcd3/store.go) over jetcd:
 * keys are plain strings, values opaque bytes, every write a transaction that compares a revision
 * so there is never a read-then-write race. Calls block the calling (worker) thread for at most
 * the operation timeout; an unreachable etcd becomes a 503 Status naming etcd.
 */
public final class EtcdStore implements AutoCloseable {

    /** One key as stored: value and the etcd revisions kube-apiserver exposes. */
    public record Entry(String key, byte[] value, long modRevision, long createRevision) {}

    /** A page of a range read at one store revision. */
    public record Page(List<Entry> entries, long revision, boolean more, long remaining) {}

    /** Outcome of a compare-and-swap: succeeded with the new revision, or the current entry (null = absent). */
    public record CasResult(boolean succeeded, long revision, Entry current) {}

    /** A change seen by a watch. prev is set for DELETED (and MODIFIED). */
    public record Change(Type type, Entry entry, Entry prev) {
        public enum Type { PUT, DELETE }
    }

    /** Receives watch changes in revision order; progress(rev) means "nothing before rev is pending". */
    public interface WatchListener {
        void changes(List<Change> changes);
        default void progress(long revision) {}
        void error(StatusError error);
    }

    private final String endpoint;
    private final Client client;
    private final KV kv;
    private final Watch watch;
    private final long timeoutMs;

    public EtcdStore(String endpoint, Duration timeout) {
        this.endpoint = endpoint;
        this.timeoutMs = timeout.toMillis();
        this.client = Client.builder().endpoints(endpoint)
                .connectTimeout(Duration.ofMillis(Math.min(timeoutMs, 2000)))
                .retryMaxDuration(timeout)
                .retryDelay(50).retryMaxDelay(500)
                .keepaliveTime(Duration.ofSeconds(10)).keepaliveTimeout(Duration.ofSeconds(3))
                // kube-apiserver's etcd client accepts responses up to math.MaxInt32 (MaxCallRecvMsgSize); gRPC's 4 MiB
                // default would fail an unpaginated list of ~2,000 pods (informers list without limit) with 503
                .maxInboundMessageSize(Integer.MAX_VALUE)
                .build();
        this.kv = client.getKVClient();
        this.watch = client.getWatchClient();
    }

    public String endpoint() {
        return endpoint;
    }

    public Entry get(String key) {
        GetResponse r = await(kv.get(bs(key)));
        return r.getKvs().isEmpty() ? null : entry(r.getKvs().get(0));
    }

    /** Creates key only if absent (createRevision == 0), as GuaranteedCreate does. */
    public CasResult create(String key, byte[] value) {
        ByteSequence k = bs(key);
        TxnResponse r = await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.createRevision(0)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        return casResult(r);
    }

    /**
     * Creates all keys in one transaction if none of them exists yet (one round trip, one fsync); false, with
     * nothing written, when any already exists. etcd caps a transaction at 128 operations (--max-txn-ops).
     */
    public boolean createAll(java.util.Map<String, byte[]> values) {
        if (values.size() > 128) throw new IllegalArgumentException("at most 128 keys per transaction");
        var txn = kv.txn();
        List<Cmp> cmps = new java.util.ArrayList<>();
        List<Op> puts = new java.util.ArrayList<>();
        values.forEach((key, value) -> {
            cmps.add(new Cmp(bs(key), Cmp.Op.EQUAL, CmpTarget.createRevision(0)));
            puts.add(Op.put(bs(key), ByteSequence.from(value), PutOption.DEFAULT));
        });
        TxnResponse r = await(txn.If(cmps.toArray(Cmp[]::new)).Then(puts.toArray(Op[]::new)).commit());
        return r.isSucceeded();
    }

    /** Replaces key only if its mod revision is still expectedModRevision. */
    public CasResult update(String key, byte[] value, long expectedModRevision) {
        ByteSequence k = bs(key);
        TxnResponse r = await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.put(k, ByteSequence.from(value), PutOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        return casResult(r);
    }

    /** Deletes key only if its mod revision is still expectedModRevision. */
    public CasResult delete(String key, long expectedModRevision) {
        ByteSequence k = bs(key);
        TxnResponse r = await(kv.txn()
                .If(new Cmp(k, Cmp.Op.EQUAL, CmpTarget.modRevision(expectedModRevision)))
                .Then(Op.delete(k, DeleteOption.DEFAULT))
                .Else(Op.get(k, GetOption.DEFAULT))
                .commit());
        return casResult(r);
    }

    /**
     * Reads keys with prefix, from startKey (inclusive; null = from the prefix), at most limit
     * (0 = all), at revision (0 = latest).
     */
    public Page list(String prefix, String startKey, long limit, long revision) {
        ByteSequence end = bs(prefixEnd(prefix));
        GetOption.Builder opt = GetOption.builder().withRange(end);
        if (limit > 0) opt.withLimit(limit);
        if (revision > 0) opt.withRevision(revision);
        GetResponse r = await(kv.get(bs(startKey == null ? prefix : startKey), opt.build()));
        List<Entry> out = new ArrayList<>(r.getKvs().size());
        for (KeyValue kvp : r.getKvs()) out.add(entry(kvp));
        return new Page(out, r.getHeader().getRevision(), r.isMore(), r.isMore() ? r.getCount() - out.size() : 0);
    }

    /** The current store revision (a cheap count-only read). */
    public long currentRevision() {
        return await(kv.get(bs("/registry/health"), GetOption.builder().withCountOnly(true).build())).getHeader().getRevision();
    }

    /** Discards history before revision, as kube-apiserver's compactor does every 5 minutes. */
    public void compact(long revision) {
        await(kv.compact(revision));
    }

    /** Raw put, for benchmarks that measure etcd itself. */
    public long put(String key, byte[] value) {
        return await(kv.put(bs(key), ByteSequence.from(value))).getHeader().getRevision();
    }

    /**
     * Watches keys under prefix for changes after fromRevision (exclusive). A compacted
     * fromRevision reports 410 Expired through listener.error, as kube-apiserver does.
     */
    public AutoCloseable watch(String prefix, long fromRevision, WatchListener listener) {
        WatchOption opt = WatchOption.builder().withRange(bs(prefixEnd(prefix)))
                .withRevision(fromRevision + 1).withPrevKV(true).withProgressNotify(true).build();
        Watch.Watcher w = watch.watch(bs(prefix), opt, Watch.listener(resp -> {
            if (resp.getEvents().isEmpty()) {
                listener.progress(resp.getHeader().getRevision());
                return;
            }
            List<Change> changes = new ArrayList<>(resp.getEvents().size());
            for (WatchEvent e : resp.getEvents()) {
                Entry prev = e.getPrevKV() == null || e.getPrevKV().getKey().isEmpty() ? null : entry(e.getPrevKV());
                changes.add(new Change(e.getEventType() == WatchEvent.EventType.DELETE ? Change.Type.DELETE : Change.Type.PUT,
                        entry(e.getKeyValue()), prev));
            }
            listener.changes(changes);
        }, err -> listener.error(translate(err, fromRevision))));
        return w::close;
    }

    /** Asks etcd for a progress notification on every watch (used for bookmarks). */
    public void requestProgress() {
        watch.requestProgress();
    }

    @Override
    public void close() {
        client.close();
    }

    // ---------------------------------------------------------------------------------------

    private <T> T await(CompletableFuture<T> f) {
        try {
            return f.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            f.cancel(true);
            throw unavailable("etcdserver: request timed out (no answer within " + timeoutMs + "ms)");
        } catch (InterruptedException e) {
            f.cancel(true);
            Thread.currentThread().interrupt();
            throw StatusError.internal("interrupted while talking to etcd");
        } catch (ExecutionException e) {
            throw translate(e.getCause(), 0);
        }
    }

    private StatusError translate(Throwable t, long requestedRevision) {
        Throwable c = t;
        while (c != null) {
            if (c instanceof StatusError se) return se;
            if (c instanceof CompactedException ce) {
                return StatusError.gone("too old resource version: " + requestedRevision + " (" + ce.getCompactedRevision() + ")");
            }
            if (c.getCause() == null) break;
            c = c.getCause();
        }
        String msg = c == null || c.getMessage() == null ? String.valueOf(t) : c.getMessage();
        if (msg.contains("compacted")) {
            return StatusError.gone("too old resource version: " + requestedRevision);
        }
        return unavailable(msg);
    }

    private StatusError unavailable(String detail) {
        return StatusError.serviceUnavailable("etcd (" + endpoint + ") is unavailable: " + detail);
    }

    private static CasResult casResult(TxnResponse r) {
        long rev = r.getHeader().getRevision();
        if (r.isSucceeded()) return new CasResult(true, rev, null);
        List<KeyValue> kvs = r.getGetResponses().isEmpty() ? List.of() : r.getGetResponses().get(0).getKvs();
        return new CasResult(false, rev, kvs.isEmpty() ? null : entry(kvs.get(0)));
    }

    private static Entry entry(KeyValue kv) {
        return new Entry(kv.getKey().toString(StandardCharsets.UTF_8), kv.getValue().getBytes(),
                kv.getModRevision(), kv.getCreateRevision());
    }

    static ByteSequence bs(String s) {
        return ByteSequence.from(s, StandardCharsets.UTF_8);
    }

    /** The smallest key greater than every key with this prefix (etcd's clientv3.GetPrefixRangeEnd). */
    static String prefixEnd(String prefix) {
        byte[] b = prefix.getBytes(StandardCharsets.UTF_8);
        for (int i = b.length - 1; i >= 0; i--) {
            if ((b[i] & 0xff) < 0xff) {
                b[i]++;
                return new String(b, 0, i + 1, StandardCharsets.UTF_8);
            }
        }
        return "\0";
    }
}
