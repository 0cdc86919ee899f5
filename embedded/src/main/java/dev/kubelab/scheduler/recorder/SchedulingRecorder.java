package dev.kubelab.scheduler.recorder;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the last {@code perPod} scheduling decisions of the most recent {@code maxPods} pods, and
 * tells listeners. The read API ({@link #decisionFor}) is what an explain magic uses to show why a
 * pod landed where it did.
 */
public final class SchedulingRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulingRecorder.class);

    private final int perPod;
    private final Map<String, Deque<SchedulingDecision>> byPod;
    private final List<SchedulingListener> listeners = new CopyOnWriteArrayList<>();

    public SchedulingRecorder(int perPod, int maxPods) {
        this.perPod = perPod;
        this.byPod = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<String, Deque<SchedulingDecision>> eldest) {
                return size() > maxPods;
            }
        };
    }

    public SchedulingRecorder() {
        this(5, 10_000);
    }

    public void addListener(SchedulingListener l) {
        listeners.add(l);
    }

    public void removeListener(SchedulingListener l) {
        listeners.remove(l);
    }

    /** The latest decision about the pod, if it was ever considered. */
    public Optional<SchedulingDecision> decisionFor(String namespace, String name) {
        synchronized (byPod) {
            Deque<SchedulingDecision> d = byPod.get(namespace + "/" + name);
            return d == null || d.isEmpty() ? Optional.empty() : Optional.of(d.peekLast());
        }
    }

    /** The retained decisions about the pod, oldest first. */
    public List<SchedulingDecision> decisionsFor(String namespace, String name) {
        synchronized (byPod) {
            Deque<SchedulingDecision> d = byPod.get(namespace + "/" + name);
            return d == null ? List.of() : new ArrayList<>(d);
        }
    }

    public void record(SchedulingDecision decision) {
        synchronized (byPod) {
            Deque<SchedulingDecision> d = byPod.computeIfAbsent(decision.namespace() + "/" + decision.name(), k -> new ArrayDeque<>());
            d.addLast(decision);
            while (d.size() > perPod) {
                d.removeFirst();
            }
        }
        for (SchedulingListener l : listeners) {
            try {
                l.onDecision(decision);
            } catch (RuntimeException e) {
                LOG.warn("scheduling listener failed", e);
            }
        }
    }

    public void bound(SchedulingDecision decision, Instant at) {
        decision.bound(at);
        for (SchedulingListener l : listeners) {
            try {
                l.onBound(decision);
            } catch (RuntimeException e) {
                LOG.warn("scheduling listener failed", e);
            }
        }
    }

    public void bindFailed(SchedulingDecision decision, String error) {
        decision.bindFailed(error);
        for (SchedulingListener l : listeners) {
            try {
                l.onBindFailed(decision, error);
            } catch (RuntimeException e) {
                LOG.warn("scheduling listener failed", e);
            }
        }
    }
}
