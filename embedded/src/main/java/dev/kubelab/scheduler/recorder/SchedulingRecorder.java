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
 * Keeps the last {@code perPod} scheduling decisions of the most recent {@code maxPods} pods — fewer when
 * their per-node results exceed {@code maxNodeResults} (a 10,000-pod, 100-node cluster would otherwise hold
 * millions of scores) — and tells listeners. The read API ({@link #decisionFor}) is what an explain magic uses to show why a
 * pod landed where it did.
 */
public final class SchedulingRecorder {

    private static final Logger LOG = LoggerFactory.getLogger(SchedulingRecorder.class);

    /**
     * Default budget of retained per-node results (filter outcomes and plugin scores), some 15 MB: on 100 nodes the
     * last few hundred pods, on 3 nodes thousands.
     */
    public static final long DEFAULT_MAX_NODE_RESULTS = 100_000;

    private final int perPod;
    private final int maxPods;
    private final long maxNodeResults;
    /** Access order: the pods looked at or scheduled longest ago are forgotten first. */
    private final LinkedHashMap<String, Deque<SchedulingDecision>> byPod = new LinkedHashMap<>(16, 0.75f, true);
    private long nodeResults;
    private final List<SchedulingListener> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param perPod         decisions kept per pod (its latest attempts)
     * @param maxPods        pods remembered
     * @param maxNodeResults per-node results kept in all (each decision holds one per node evaluated and one per plugin
     *                       score on each feasible node), so a 100-node cluster remembers fewer pods than a 3-node one
     *                       instead of holding hundreds of MB
     */
    public SchedulingRecorder(int perPod, int maxPods, long maxNodeResults) {
        this.perPod = perPod;
        this.maxPods = maxPods;
        this.maxNodeResults = maxNodeResults;
    }

    public SchedulingRecorder(int perPod, int maxPods) {
        this(perPod, maxPods, DEFAULT_MAX_NODE_RESULTS);
    }

    public SchedulingRecorder() {
        this(5, 10_000);
    }

    private static long weight(SchedulingDecision d) {
        long w = 1 + d.filterResults().size();
        for (var s : d.scores()) {
            w += 1 + s.scores().size();
        }
        return w;
    }

    /** Forgets the least recently used pods until both limits hold; the newest pod always stays. Holds byPod. */
    private void evict() {
        var it = byPod.entrySet().iterator();
        while ((byPod.size() > maxPods || nodeResults > maxNodeResults) && byPod.size() > 1 && it.hasNext()) {
            for (SchedulingDecision d : it.next().getValue()) {
                nodeResults -= weight(d);
            }
            it.remove();
        }
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
            nodeResults += weight(decision);
            while (d.size() > perPod) {
                nodeResults -= weight(d.removeFirst());
            }
            evict();
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
