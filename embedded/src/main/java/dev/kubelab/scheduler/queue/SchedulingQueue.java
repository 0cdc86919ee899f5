package dev.kubelab.scheduler.queue;

import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.PodInfo;
import dev.kubelab.scheduler.framework.PodKeys;
import dev.kubelab.scheduler.framework.PodNominator;
import dev.kubelab.scheduler.framework.QueuedPodInfo;
import io.fabric8.kubernetes.api.model.Pod;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BiPredicate;

/**
 * kube-scheduler's PriorityQueue: pods waiting to be scheduled live in one of three places —
 * <ul>
 *   <li><b>activeQ</b>: ready to be tried, ordered by the QueueSort plugin (PrioritySort);</li>
 *   <li><b>backoffQ</b>: failed recently and waiting out their back-off (1 s doubling per attempt up to 10 s);</li>
 *   <li><b>unschedulablePods</b>: rejected by plugins; they stay until a cluster event one of those
 *       plugins registered for (node added, pod deleted, …) may help — "unschedulable pods are retried
 *       when the cluster changes" — or until they have waited 5 minutes (the periodic flush).</li>
 * </ul>
 * A pod that failed while a move request happened during its cycle goes to backoffQ instead of waiting
 * for the next event (the {@code moveRequestCycle} rule). Also the nominator of preemptors.
 * Thread-safe; {@link #pop()} blocks.
 */
public final class SchedulingQueue implements PodNominator {

    public static final Duration DEFAULT_POD_INITIAL_BACKOFF = Duration.ofSeconds(1);
    public static final Duration DEFAULT_POD_MAX_BACKOFF = Duration.ofSeconds(10);
    public static final Duration DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION = Duration.ofMinutes(5);

    private final InstantSource clock;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final Map<String, List<ClusterEvent>> pluginEvents;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final PriorityQueue<QueuedPodInfo> activeQ;
    private final PriorityQueue<QueuedPodInfo> backoffQ;
    private final Map<String, QueuedPodInfo> active = new HashMap<>();
    private final Map<String, QueuedPodInfo> backoff = new HashMap<>();
    private final Map<String, QueuedPodInfo> unschedulablePods = new LinkedHashMap<>();
    private final Set<String> inFlight = new HashSet<>();
    private final Map<String, List<PodInfo>> nominatedPods = new HashMap<>();
    private final Map<String, String> nominatedPodToNode = new HashMap<>();
    private long schedulingCycle;
    private long moveRequestCycle = -1;
    private boolean closed;

    /**
     * @param less         the QueueSort plugin's order
     * @param pluginEvents for each plugin, the cluster events it registered (EnqueueExtensions)
     */
    public SchedulingQueue(BiPredicate<QueuedPodInfo, QueuedPodInfo> less, Map<String, List<ClusterEvent>> pluginEvents,
                           InstantSource clock, Duration initialBackoff, Duration maxBackoff) {
        this.clock = clock;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.pluginEvents = Map.copyOf(pluginEvents);
        this.activeQ = new PriorityQueue<>((a, b) -> less.test(a, b) ? -1 : less.test(b, a) ? 1 : 0);
        this.backoffQ = new PriorityQueue<>(Comparator.comparing(this::backoffExpiry));
    }

    public SchedulingQueue(BiPredicate<QueuedPodInfo, QueuedPodInfo> less, Map<String, List<ClusterEvent>> pluginEvents,
                           InstantSource clock) {
        this(less, pluginEvents, clock, DEFAULT_POD_INITIAL_BACKOFF, DEFAULT_POD_MAX_BACKOFF);
    }

    /** A new pending pod: straight into activeQ. */
    public void add(Pod pod) {
        lock.lock();
        try {
            String key = PodKeys.key(pod);
            removeEverywhere(key);
            QueuedPodInfo qpi = new QueuedPodInfo(pod, clock.instant());
            pushActive(qpi);
            addNominatedFromStatus(pod);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A pending pod changed. In activeQ/backoffQ it is replaced; in unschedulablePods it is moved out if
     * the change may matter (spec, labels or annotations — not status); unknown pods are added.
     */
    public void update(Pod oldPod, Pod newPod) {
        lock.lock();
        try {
            String key = PodKeys.key(newPod);
            QueuedPodInfo qpi = active.get(key);
            if (qpi != null) {
                activeQ.remove(qpi);
                qpi.update(newPod);
                activeQ.add(qpi);
                return;
            }
            qpi = backoff.get(key);
            if (qpi != null) {
                backoffQ.remove(qpi);
                qpi.update(newPod);
                backoffQ.add(qpi);
                return;
            }
            qpi = unschedulablePods.get(key);
            if (qpi != null) {
                qpi.update(newPod);
                if (oldPod == null || isPodUpdated(oldPod, newPod)) {
                    unschedulablePods.remove(key);
                    if (isPodBackingOff(qpi)) {
                        pushBackoff(qpi);
                    } else {
                        pushActive(qpi);
                    }
                }
                return;
            }
            if (!inFlight.contains(key)) {
                pushActive(new QueuedPodInfo(newPod, clock.instant()));
            }
        } finally {
            lock.unlock();
        }
    }

    public void delete(Pod pod) {
        lock.lock();
        try {
            removeEverywhere(PodKeys.key(pod));
            inFlight.remove(PodKeys.key(pod));
            deleteNominatedPodIfExists(pod);
        } finally {
            lock.unlock();
        }
    }

    /** The next pod to schedule (highest priority first); blocks; null once the queue is closed. */
    public QueuedPodInfo pop() throws InterruptedException {
        lock.lock();
        try {
            while (activeQ.isEmpty() && !closed) {
                notEmpty.await();
            }
            return closed ? null : take();
        } finally {
            lock.unlock();
        }
    }

    /** As {@link #pop()} but gives up after {@code timeout}; null if nothing came. */
    public QueuedPodInfo pop(Duration timeout) throws InterruptedException {
        lock.lock();
        try {
            long nanos = timeout.toNanos();
            while (activeQ.isEmpty() && !closed) {
                if (nanos <= 0) {
                    return null;
                }
                nanos = notEmpty.awaitNanos(nanos);
            }
            return closed ? null : take();
        } finally {
            lock.unlock();
        }
    }

    private QueuedPodInfo take() {
        QueuedPodInfo qpi = activeQ.poll();
        active.remove(qpi.key());
        qpi.attempts++;
        schedulingCycle++;
        inFlight.add(qpi.key());
        return qpi;
    }

    /** The scheduling cycle number of the pod just popped (for {@link #addUnschedulableIfNotPresent}). */
    public long schedulingCycle() {
        lock.lock();
        try {
            return schedulingCycle;
        } finally {
            lock.unlock();
        }
    }

    /** The pod's cycle finished without a requeue (it was assumed and is binding, or was skipped). */
    public void done(String key) {
        lock.lock();
        try {
            inFlight.remove(key);
        } finally {
            lock.unlock();
        }
    }

    /**
     * A pod failed its cycle. Rejected by plugins → unschedulablePods, unless a move request came during
     * its cycle; an error (no rejecting plugin) → backoffQ.
     */
    public void addUnschedulableIfNotPresent(QueuedPodInfo qpi, long podSchedulingCycle) {
        lock.lock();
        try {
            String key = qpi.key();
            if (!inFlight.remove(key)) {
                return; // deleted, or bound by someone else, while it was being scheduled
            }
            if (active.containsKey(key) || backoff.containsKey(key) || unschedulablePods.containsKey(key)) {
                return;
            }
            qpi.timestamp = clock.instant();
            if (moveRequestCycle >= podSchedulingCycle || qpi.unschedulablePlugins.isEmpty()) {
                pushBackoff(qpi);
            } else {
                unschedulablePods.put(key, qpi);
            }
        } finally {
            lock.unlock();
        }
    }

    /** A cluster event happened: move the unschedulable pods it may help to activeQ (or backoffQ if still backing off). */
    public void moveAllToActiveOrBackoffQueue(ClusterEvent event) {
        lock.lock();
        try {
            for (Iterator<QueuedPodInfo> it = unschedulablePods.values().iterator(); it.hasNext(); ) {
                QueuedPodInfo qpi = it.next();
                if (!podMatchesEvent(qpi, event)) {
                    continue;
                }
                it.remove();
                if (isPodBackingOff(qpi)) {
                    pushBackoff(qpi);
                } else {
                    pushActive(qpi);
                }
            }
            moveRequestCycle = schedulingCycle;
        } finally {
            lock.unlock();
        }
    }

    /** Runs every second: pods whose back-off expired go to activeQ. */
    public void flushBackoffQCompleted() {
        lock.lock();
        try {
            Instant now = clock.instant();
            while (!backoffQ.isEmpty() && !backoffExpiry(backoffQ.peek()).isAfter(now)) {
                QueuedPodInfo qpi = backoffQ.poll();
                backoff.remove(qpi.key());
                pushActive(qpi);
            }
        } finally {
            lock.unlock();
        }
    }

    /** Runs every 30 seconds: pods unschedulable for more than 5 minutes are retried anyway. */
    public void flushUnschedulablePodsLeftover() {
        lock.lock();
        try {
            Instant now = clock.instant();
            for (Iterator<QueuedPodInfo> it = unschedulablePods.values().iterator(); it.hasNext(); ) {
                QueuedPodInfo qpi = it.next();
                if (Duration.between(qpi.timestamp, now).compareTo(DEFAULT_POD_MAX_IN_UNSCHEDULABLE_PODS_DURATION) > 0) {
                    it.remove();
                    if (isPodBackingOff(qpi)) {
                        pushBackoff(qpi);
                    } else {
                        pushActive(qpi);
                    }
                }
            }
        } finally {
            lock.unlock();
        }
    }

    public void close() {
        lock.lock();
        try {
            closed = true;
            notEmpty.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Where each pending pod waits: "activeQ", "backoffQ" or "unschedulablePods" (for %explain-style views). */
    public Map<String, String> pendingPods() {
        lock.lock();
        try {
            Map<String, String> m = new LinkedHashMap<>();
            List<QueuedPodInfo> a = new ArrayList<>(activeQ);
            a.sort(activeQ.comparator());
            a.forEach(q -> m.put(q.key(), "activeQ"));
            backoff.keySet().forEach(k -> m.put(k, "backoffQ"));
            unschedulablePods.keySet().forEach(k -> m.put(k, "unschedulablePods"));
            return m;
        } finally {
            lock.unlock();
        }
    }

    public int size() {
        lock.lock();
        try {
            return active.size() + backoff.size() + unschedulablePods.size();
        } finally {
            lock.unlock();
        }
    }

    /** {@code calculateBackoffDuration}: initial × 2^(attempts−1), capped at max. */
    public Duration backoffDuration(QueuedPodInfo qpi) {
        Duration d = initialBackoff;
        for (int i = 1; i < qpi.attempts; i++) {
            if (d.compareTo(maxBackoff.dividedBy(2)) > 0) {
                return maxBackoff;
            }
            d = d.multipliedBy(2);
        }
        return d.compareTo(maxBackoff) > 0 ? maxBackoff : d;
    }

    public Instant backoffExpiry(QueuedPodInfo qpi) {
        return qpi.timestamp.plus(backoffDuration(qpi));
    }

    private boolean isPodBackingOff(QueuedPodInfo qpi) {
        return backoffExpiry(qpi).isAfter(clock.instant());
    }

    private boolean podMatchesEvent(QueuedPodInfo qpi, ClusterEvent event) {
        if (event.resource() == ClusterEvent.Kind.Wildcard || qpi.unschedulablePlugins.isEmpty()) {
            return true;
        }
        for (String plugin : qpi.unschedulablePlugins) {
            for (ClusterEvent registered : pluginEvents.getOrDefault(plugin, List.of())) {
                if (registered.matches(event)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** Spec, labels or annotations changed (status, resourceVersion and managedFields do not count). */
    static boolean isPodUpdated(Pod oldPod, Pod newPod) {
        return !Objects.equals(oldPod.getSpec(), newPod.getSpec())
                || !Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())
                || !Objects.equals(oldPod.getMetadata().getAnnotations(), newPod.getMetadata().getAnnotations());
    }

    private void pushActive(QueuedPodInfo qpi) {
        activeQ.add(qpi);
        active.put(qpi.key(), qpi);
        notEmpty.signal();
    }

    private void pushBackoff(QueuedPodInfo qpi) {
        backoffQ.add(qpi);
        backoff.put(qpi.key(), qpi);
    }

    private void removeEverywhere(String key) {
        QueuedPodInfo q = active.remove(key);
        if (q != null) {
            activeQ.remove(q);
        }
        q = backoff.remove(key);
        if (q != null) {
            backoffQ.remove(q);
        }
        unschedulablePods.remove(key);
    }

    // ---- PodNominator ----

    private void addNominatedFromStatus(Pod pod) {
        String n = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        if (n != null && !n.isEmpty()) {
            addNominatedPod(new PodInfo(pod), n);
        }
    }

    @Override
    public void addNominatedPod(PodInfo pod, String nodeName) {
        lock.lock();
        try {
            deleteNominatedPodIfExists(pod.pod());
            nominatedPodToNode.put(pod.key(), nodeName);
            nominatedPods.computeIfAbsent(nodeName, k -> new ArrayList<>()).add(pod);
        } finally {
            lock.unlock();
        }
    }

    @Override
    public void deleteNominatedPodIfExists(Pod pod) {
        lock.lock();
        try {
            String key = PodKeys.key(pod);
            String node = nominatedPodToNode.remove(key);
            if (node != null) {
                List<PodInfo> l = nominatedPods.get(node);
                l.removeIf(p -> p.key().equals(key));
                if (l.isEmpty()) {
                    nominatedPods.remove(node);
                }
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<PodInfo> nominatedPodsForNode(String nodeName) {
        lock.lock();
        try {
            List<PodInfo> l = nominatedPods.get(nodeName);
            return l == null ? List.of() : List.copyOf(l);
        } finally {
            lock.unlock();
        }
    }
}
