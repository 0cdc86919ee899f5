package dev.kubelab.bench.cluster;

import dev.kubelab.apiserver.ApiServer;
import dev.kubelab.apiserver.audit.AuditEvent;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/**
 * The API server's write requests while it is open, by component, verb and resource (from its audit stream): how
 * many writes a workload costs per pod, and who makes them.
 */
final class WriteTally implements AutoCloseable {
    private final Map<String, LongAdder> byKind = new ConcurrentHashMap<>();
    /** Per kind: first and last time (ms after opening) — the pipeline's shape. */
    private final Map<String, long[]> span = new ConcurrentHashMap<>();
    private final long t0 = System.nanoTime();
    private final LongAdder total = new LongAdder();
    private final AutoCloseable registration;

    WriteTally(ApiServer server) {
        registration = server.audit().addListener(this::onEvent);
    }

    private void onEvent(AuditEvent e) {
        if (!"ResponseComplete".equals(e.stage()) || e.verb() == null) return;
        String verb = e.verb();
        if (verb.equals("get") || verb.equals("list") || verb.equals("watch")) return;
        String agent = e.userAgent() == null ? "?" : e.userAgent().replaceAll("/.*$", "");
        String kind = agent + " " + verb + " " + e.resource();
        byKind.computeIfAbsent(kind, k -> new LongAdder()).increment();
        long ms = (e.timeNanos() - t0) / 1_000_000;
        span.compute(kind, (k, v) -> v == null ? new long[] {ms, ms} : new long[] {Math.min(v[0], ms), Math.max(v[1], ms)});
        total.increment();
    }

    long total() {
        return total.sum();
    }

    /** "count component verb resource (first … last)" lines, most frequent first. */
    String breakdown() {
        Map<String, Long> sorted = new TreeMap<>();
        byKind.forEach((k, v) -> sorted.put(k, v.sum()));
        StringBuilder b = new StringBuilder();
        sorted.entrySet().stream().sorted((x, y) -> Long.compare(y.getValue(), x.getValue()))
                .forEach(e -> b.append("    ").append(e.getValue()).append("  ").append(e.getKey()).append("  (+")
                        .append(span.get(e.getKey())[0]).append(" … +").append(span.get(e.getKey())[1]).append(" ms)").append('\n'));
        return b.toString();
    }

    @Override
    public void close() throws Exception {
        registration.close();
    }
}
