package dev.kubelab.cluster.audit;

import dev.kubelab.cluster.Text;
import dev.kubelab.cluster.TraceSource;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;

/**
 * {@code %%trace} on a real kube-apiserver (kind, binaries): API requests from its audit log (one JSON
 * {@code audit.k8s.io/v1 Event} per line, written by the policy in {@link dev.kubelab.cluster.AuditPolicy}), etcd
 * writes from watch notifications ({@link WatchedWrites}). Watch notifications to the components are not in an
 * audit log, so a trace here has no WATCH records; the components' requests (binding, status) show who acted.
 */
public final class AuditLogTraceSource implements TraceSource {
    /** At most this many records are kept between marks (a trace reads only its own). */
    private static final int KEEP = 50_000;

    private final AuditLogFile log;
    private final Supplier<KubernetesClient> watchClient;
    private final TraceClock clock = TraceClock.now();
    private final AuditLogTail tail;
    private final List<Event> requests = new ArrayList<>();
    private WatchedWrites writes;
    private KubernetesClient client;
    private boolean started;

    /**
     * @param watchClient makes the client that watches objects for etcd writes (its user agent should start with
     *                    {@code kubelab-trace} so the trace leaves its own requests out); null: requests only
     */
    public AuditLogTraceSource(AuditLogFile log, Supplier<KubernetesClient> watchClient) {
        this.log = log;
        this.watchClient = watchClient;
        this.tail = new AuditLogTail(log, clock);
    }

    @Override
    public synchronized long mark() {
        if (!started) {
            started = true;
            tail.skipToEnd();
            if (watchClient != null) {
                client = watchClient.get();
                writes = new WatchedWrites(client);
            }
        }
        return System.nanoTime();
    }

    @Override
    public synchronized List<Event> since(long mark) {
        requests.addAll(tail.poll());
        if (requests.size() > KEEP) requests.subList(0, requests.size() - KEEP).clear();
        List<Event> out = new ArrayList<>();
        for (Event e : requests) if (e.nanos() >= mark) out.add(e);
        if (writes != null) for (Event e : writes.events()) if (e.nanos() >= mark) out.add(e);
        out.sort(Comparator.comparingLong(Event::nanos));
        return out;
    }

    @Override
    public Text origin() {
        String where = log.describe();
        return Text.of("kube-apiserver's audit log (" + where + ") for API requests; etcd writes from watch notifications "
                        + "(resourceVersion = etcd revision); no watch notifications (an audit log has none)",
                "kube-apiserver 감사 로그(" + where + ")의 API 요청, 감시(watch) 알림으로 본 etcd 쓰기(resourceVersion = etcd 리비전); "
                        + "감시 알림 기록은 없음 (감사 로그에 없음)");
    }

    @Override
    public synchronized void close() {
        if (writes != null) writes.close();
        if (client != null) client.close();
        writes = null;
        client = null;
    }
}
