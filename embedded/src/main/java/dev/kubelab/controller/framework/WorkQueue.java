package dev.kubelab.controller.framework;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * client-go's rate-limiting work queue: an item is queued at most once (dirty set); an item added while a
 * worker processes it is queued again only when that worker calls {@link #done}, so one key is never
 * processed by two workers at once.
 */
public final class WorkQueue {
    private final String name;
    private final RateLimiter rateLimiter;
    private final ArrayDeque<String> queue = new ArrayDeque<>();
    private final Set<String> dirty = new HashSet<>();
    private final Set<String> processing = new HashSet<>();
    private final ScheduledExecutorService delayer;
    private boolean shuttingDown;

    public WorkQueue(String name, RateLimiter rateLimiter) {
        this.name = name;
        this.rateLimiter = rateLimiter;
        this.delayer = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name + "-queue-delay");
            t.setDaemon(true);
            return t;
        });
    }

    public String name() {
        return name;
    }

    public synchronized void add(String key) {
        if (shuttingDown || dirty.contains(key)) {
            return;
        }
        dirty.add(key);
        if (processing.contains(key)) {
            return;
        }
        queue.addLast(key);
        notify();
    }

    public void addAfter(String key, Duration delay) {
        if (delay.isZero() || delay.isNegative()) {
            add(key);
            return;
        }
        synchronized (this) {
            if (shuttingDown) {
                return;
            }
        }
        delayer.schedule(() -> add(key), delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    public void addRateLimited(String key) {
        addAfter(key, rateLimiter.when(key));
    }

    public void forget(String key) {
        rateLimiter.forget(key);
    }

    public int numRequeues(String key) {
        return rateLimiter.numRequeues(key);
    }

    /** Blocks for the next key; {@code null} once the queue shuts down. */
    public synchronized String get() throws InterruptedException {
        while (queue.isEmpty() && !shuttingDown) {
            wait();
        }
        if (queue.isEmpty()) {
            return null;
        }
        String key = queue.removeFirst();
        processing.add(key);
        dirty.remove(key);
        return key;
    }

    public synchronized void done(String key) {
        processing.remove(key);
        if (dirty.contains(key)) {
            queue.addLast(key);
            notify();
        }
    }

    public synchronized int length() {
        return queue.size();
    }

    public synchronized void shutDown() {
        shuttingDown = true;
        notifyAll();
        delayer.shutdownNow();
    }

    public synchronized boolean isShuttingDown() {
        return shuttingDown;
    }
}
