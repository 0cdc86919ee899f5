package dev.kubelab.cluster.embedded;

import dev.kubelab.apiserver.ApiServer;
import dev.kubelab.apiserver.audit.AuditEvent;
import dev.kubelab.cluster.TraceSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The embedded kube-apiserver's audit stream as a {@link TraceSource}. The audit log is always on (a ring buffer of
 * small records), so tracing a cell costs only reading it afterwards.
 */
final class EmbeddedTraceSource implements TraceSource {
    private final Supplier<Optional<ApiServer>> apiServer;

    EmbeddedTraceSource(Supplier<Optional<ApiServer>> apiServer) {
        this.apiServer = apiServer;
    }

    @Override
    public List<Event> since(long mark) {
        List<Event> out = new ArrayList<>();
        apiServer.get().ifPresent(a -> {
            for (AuditEvent e : a.audit().since(mark)) out.add(convert(e));
        });
        return out;
    }

    @Override
    public dev.kubelab.cluster.Text origin() {
        return dev.kubelab.cluster.Text.of("the embedded kube-apiserver's audit stream: API requests, etcd writes and watch notifications as it served them",
                "내장 kube-apiserver의 감사 스트림: 처리한 API 요청, etcd 쓰기, 감시(watch) 알림");
    }

    static Event convert(AuditEvent e) {
        Kind kind = switch (e.stage()) {
            case "Storage" -> Kind.STORAGE;
            case "WatchEvent" -> Kind.WATCH;
            default -> Kind.REQUEST;
        };
        return new Event(e.timeNanos(), e.epochMillis(), kind, e.user(), e.userAgent(), e.verb(), e.resource(), e.namespace(), e.name(),
                e.code(), e.etcdKey(), e.revision());
    }
}
