package dev.kubelab.client;

import java.util.ArrayDeque;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * API calls made one after another, first in first out, without a thread: client-go's event broadcaster, whose
 * single goroutine writes the recorded events to the sink one at a time from a queue of at most
 * {@code maxQueuedEvents} (1000) and drops what does not fit ({@code watch.DropIfChannelFull}). A component's
 * events therefore trickle to the API server behind its real work instead of competing with it.
 */
public final class SerialCalls {
    /** client-go's {@code maxQueuedEvents}. */
    public static final int MAX_QUEUED = 1000;

    private final int capacity;
    private final ArrayDeque<Supplier<CompletableFuture<?>>> queue = new ArrayDeque<>();
    private boolean busy;
    private boolean closed;

    public SerialCalls(int capacity) {
        this.capacity = capacity;
    }

    /** Queues a call; false when the queue is full or closed (the call is dropped, as client-go drops the event). */
    public boolean submit(Supplier<CompletableFuture<?>> call) {
        synchronized (this) {
            if (closed || queue.size() >= capacity) {
                return false;
            }
            queue.add(call);
            if (busy) {
                return true;
            }
            busy = true;
        }
        runNext();
        return true;
    }

    /** Calls queued and not yet started. */
    public synchronized int queued() {
        return queue.size();
    }

    /** Drops what is queued and accepts nothing more (the component stops). */
    public synchronized void close() {
        closed = true;
        queue.clear();
    }

    private void runNext() {
        while (true) {
            Supplier<CompletableFuture<?>> call;
            synchronized (this) {
                call = queue.poll();
                if (call == null) {
                    busy = false;
                    return;
                }
            }
            CompletableFuture<?> f;
            try {
                f = call.get();
            } catch (RuntimeException e) {
                continue; // a call that cannot even be built is dropped; the next one goes
            }
            if (!f.isDone()) {
                f.whenComplete((x, err) -> runNext());
                return;
            }
        }
    }
}
