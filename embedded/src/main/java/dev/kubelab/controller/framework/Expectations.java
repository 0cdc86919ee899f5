package dev.kubelab.controller.framework;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * client-go controller utils' {@code UIDTrackingControllerExpectations}: after a controller issues
 * creates/deletes for an owner it waits until its informer has observed them (or 5 minutes passed) before it
 * counts pods again, so it does not over-create while the cache catches up.
 */
public final class Expectations {
    /** kube-controller-manager's ExpectationsTimeout. */
    public static final Duration TIMEOUT = Duration.ofMinutes(5);

    private final Clock clock;
    private final Map<String, Entry> entries = new ConcurrentHashMap<>();

    public Expectations(Clock clock) {
        this.clock = clock;
    }

    private static final class Entry {
        int add;
        final Set<String> deletes = new HashSet<>();
        Instant timestamp;
    }

    public synchronized void expectCreations(String ownerKey, int count) {
        Entry e = new Entry();
        e.add = count;
        e.timestamp = clock.instant();
        entries.put(ownerKey, e);
    }

    /** Expects the deletion of the given pods (keys ns/name). */
    public synchronized void expectDeletions(String ownerKey, Set<String> podKeys) {
        Entry e = new Entry();
        e.deletes.addAll(podKeys);
        e.timestamp = clock.instant();
        entries.put(ownerKey, e);
    }

    public synchronized void creationObserved(String ownerKey) {
        Entry e = entries.get(ownerKey);
        if (e != null && e.add > 0) {
            e.add--;
        }
    }

    /** Lowers creation expectations for creates that failed or were skipped (they will never be observed). */
    public synchronized void lowerCreations(String ownerKey, int count) {
        Entry e = entries.get(ownerKey);
        if (e != null) {
            e.add = Math.max(0, e.add - count);
        }
    }

    public synchronized void deletionObserved(String ownerKey, String podKey) {
        Entry e = entries.get(ownerKey);
        if (e != null) {
            e.deletes.remove(podKey);
        }
    }

    public synchronized boolean satisfied(String ownerKey) {
        Entry e = entries.get(ownerKey);
        if (e == null) {
            return true;
        }
        return e.add <= 0 && e.deletes.isEmpty()
                || Duration.between(e.timestamp, clock.instant()).compareTo(TIMEOUT) > 0;
    }

    public synchronized void delete(String ownerKey) {
        entries.remove(ownerKey);
    }
}
