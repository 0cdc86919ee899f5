package dev.kubelab.apiserver.audit;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * A bounded in-memory stream of {@link AuditEvent}s (a ring buffer of the last N) with
 * listeners, from which %%trace draws sequence diagrams. Recording is cheap: one small record
 * and an array slot per event; listeners run on the recording thread, so they must be quick.
 */
public final class AuditLog {

    private final AuditEvent[] ring;
    private long next;
    private final List<Consumer<AuditEvent>> listeners = new CopyOnWriteArrayList<>();

    public AuditLog(int capacity) {
        this.ring = new AuditEvent[capacity];
    }

    public void record(AuditEvent e) {
        synchronized (this) {
            ring[(int) (next++ % ring.length)] = e;
        }
        for (Consumer<AuditEvent> l : listeners) {
            try {
                l.accept(e);
            } catch (RuntimeException ignored) {
                // a faulty listener must not break the request
            }
        }
    }

    /** Events recorded at or after timeNanos (System.nanoTime()), oldest first. */
    public synchronized List<AuditEvent> since(long timeNanos) {
        List<AuditEvent> out = new ArrayList<>();
        long from = Math.max(0, next - ring.length);
        for (long i = from; i < next; i++) {
            AuditEvent e = ring[(int) (i % ring.length)];
            if (e != null && e.timeNanos() >= timeNanos) out.add(e);
        }
        return out;
    }

    public AutoCloseable addListener(Consumer<AuditEvent> listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }
}
