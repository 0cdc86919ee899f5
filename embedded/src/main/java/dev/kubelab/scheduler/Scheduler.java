package dev.kubelab.scheduler;

import dev.kubelab.scheduler.cache.SchedulerCache;
import dev.kubelab.scheduler.cache.Snapshot;
import dev.kubelab.scheduler.client.SchedulerClient;
import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.Diagnosis;
import dev.kubelab.scheduler.framework.EventRecorder;
import dev.kubelab.scheduler.framework.FitError;
import dev.kubelab.scheduler.framework.Framework;
import dev.kubelab.scheduler.framework.Handle;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodePluginScores;
import dev.kubelab.scheduler.framework.PodInfo;
import dev.kubelab.scheduler.framework.PodKeys;
import dev.kubelab.scheduler.framework.PodNominator;
import dev.kubelab.scheduler.framework.PostFilterPlugin;
import dev.kubelab.scheduler.framework.QueuedPodInfo;
import dev.kubelab.scheduler.framework.SchedulingException;
import dev.kubelab.scheduler.framework.Status;
import dev.kubelab.scheduler.plugins.DefaultProfile;
import dev.kubelab.scheduler.queue.SchedulingQueue;
import dev.kubelab.scheduler.recorder.SchedulingDecision;
import dev.kubelab.scheduler.recorder.SchedulingRecorder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduling loop, as kube-scheduler's {@code Scheduler.ScheduleOne}: pop the next pod from the
 * {@link SchedulingQueue}, refresh the {@link Snapshot} from the {@link SchedulerCache}, run the
 * framework (PreFilter, Filter over the nodes, PostFilter/preemption on failure, PreScore, Score),
 * pick the highest-scoring node (ties broken at random, seedable), assume the pod onto it in the cache,
 * and bind asynchronously with a bounded number of bindings in flight. Failures produce a
 * FailedScheduling event and the PodScheduled=False condition and put the pod back in the queue.
 *
 * <p>This class sees the cluster only through its inputs: the event handlers ({@link EventHandlers},
 * fed by informers) and the {@link SchedulerClient}/{@link EventRecorder} (API calls). {@link KubeScheduler}
 * wires them to a real API server.
 */
public final class Scheduler {

    private static final Logger LOG = LoggerFactory.getLogger(Scheduler.class);
    /** kube-scheduler's minFeasibleNodesToFind and the adaptive percentage's floor. */
    static final int MIN_FEASIBLE_NODES_TO_FIND = 100;
    static final int MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND = 5;
    /** The error when the cluster has no nodes at all ({@code ErrNoNodesAvailable}). */
    public static final String ERR_NO_NODES_AVAILABLE = "no nodes available to schedule pods";

    private final SchedulerOptions options;
    private final SchedulerClient client;
    private final EventRecorder eventRecorder;
    private final SchedulingRecorder recorder;
    private final Framework framework;
    private final SchedulerCache cache = new SchedulerCache();
    private final Snapshot snapshot = new Snapshot();
    private final SchedulingQueue queue;
    private final EventHandlers eventHandlers;
    private final Random random;
    private final Semaphore bindings;
    private int nextStartNodeIndex;
    private volatile boolean running;
    private Thread loop;
    private ScheduledExecutorService flusher;

    /**
     * @param namespaceLabels namespace → labels (namespace informer), for namespaceSelector in affinity terms
     * @param pdbs            the PodDisruptionBudgets (PDB informer), for preemption
     */
    public Scheduler(SchedulerOptions options, SchedulerClient client, EventRecorder eventRecorder, SchedulingRecorder recorder,
                     Function<String, Map<String, String>> namespaceLabels, Supplier<List<PodDisruptionBudget>> pdbs) {
        this.options = options;
        this.client = client;
        this.eventRecorder = eventRecorder;
        this.recorder = recorder;
        this.random = options.randomSeed() == null ? new Random() : new Random(options.randomSeed());
        this.bindings = new Semaphore(options.maxInFlightBindings());
        SchedulerHandle handle = new SchedulerHandle(namespaceLabels, pdbs);
        this.framework = DefaultProfile.build(handle);
        handle.framework = framework;
        this.queue = new SchedulingQueue(framework::less, framework.eventsToRegister(), options.clock(),
                options.podInitialBackoff(), options.podMaxBackoff());
        handle.nominator = queue;
        this.eventHandlers = new EventHandlers(options.schedulerName(), cache, queue);
    }

    public EventHandlers eventHandlers() { return eventHandlers; }
    public SchedulingQueue queue() { return queue; }
    public SchedulerCache cache() { return cache; }
    public Framework framework() { return framework; }
    public SchedulingRecorder recorder() { return recorder; }
    public boolean isRunning() { return running; }

    /** Starts the loop thread and the queue's periodic flushes (1 s back-off, 30 s unschedulable leftovers). */
    public synchronized void run() {
        if (running) {
            return;
        }
        running = true;
        flusher = Executors.newSingleThreadScheduledExecutor(r -> daemon(r, "kube-scheduler-queue-flush"));
        flusher.scheduleWithFixedDelay(queue::flushBackoffQCompleted, 1, 1, TimeUnit.SECONDS);
        flusher.scheduleWithFixedDelay(queue::flushUnschedulablePodsLeftover, 30, 30, TimeUnit.SECONDS);
        loop = daemon(() -> {
            while (running) {
                try {
                    if (!scheduleOne()) {
                        break;
                    }
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (RuntimeException e) {
                    LOG.error("scheduling cycle failed", e);
                }
            }
        }, "kube-scheduler");
        loop.start();
    }

    /** Stops scheduling: no pod is popped or bound after this returns (bindings already sent may still land). */
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        queue.close();
        flusher.shutdownNow();
        loop.interrupt();
        try {
            loop.join(5000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Thread daemon(Runnable r, String name) {
        Thread t = new Thread(r, name);
        t.setDaemon(true);
        return t;
    }

    /** One scheduling cycle (blocks for the next pod). False once the queue is closed. */
    public boolean scheduleOne() throws InterruptedException {
        QueuedPodInfo qpi = queue.pop();
        if (qpi == null) {
            return false;
        }
        scheduleQueued(qpi);
        return true;
    }

    /** As {@link #scheduleOne()} but returns false at once when no pod is ready (tests drive cycles this way). */
    public boolean scheduleOneIfReady() throws InterruptedException {
        QueuedPodInfo qpi = queue.pop(java.time.Duration.ZERO);
        if (qpi == null) {
            return false;
        }
        scheduleQueued(qpi);
        return true;
    }

    private void scheduleQueued(QueuedPodInfo qpi) throws InterruptedException {
        Pod pod = qpi.pod();
        long podCycle = queue.schedulingCycle();
        if (PodKeys.isTerminating(pod) || cache.isAssumedPod(pod)) {
            queue.done(qpi.key());
            return;
        }
        Instant start = Instant.now();
        cache.updateSnapshot(snapshot);
        CycleState state = new CycleState(snapshot);
        List<SchedulingDecision.NodeFilterResult> filterResults = new ArrayList<>();
        String host;
        List<NodePluginScores> scores = List.of();
        try {
            List<NodeInfo> feasible = findNodesThatFitPod(state, pod, filterResults);
            if (feasible.size() == 1) {
                host = feasible.get(0).nodeName();
            } else {
                scores = prioritizeNodes(state, pod, feasible);
                host = selectHost(scores);
            }
        } catch (FitError fitError) {
            handleFitError(qpi, podCycle, state, fitError, filterResults, start);
            return;
        } catch (SchedulingException e) {
            handleSchedulingFailure(qpi, podCycle, Status.error(e.getMessage()), null);
            record(qpi, start, SchedulingDecision.Result.Error, e.getMessage(), null, null, List.of(), snapshot.numNodes(), filterResults, List.of());
            return;
        }
        assumeAndBind(qpi, state, host, start, filterResults, scores);
    }

    // ---- schedulePod: filter ----

    List<NodeInfo> findNodesThatFitPod(CycleState state, Pod pod, List<SchedulingDecision.NodeFilterResult> filterResults)
            throws FitError, SchedulingException {
        List<NodeInfo> all = snapshot.list();
        if (all.isEmpty()) {
            throw new SchedulingException(ERR_NO_NODES_AVAILABLE);
        }
        Diagnosis diagnosis = new Diagnosis();
        Status pre = framework.runPreFilterPlugins(state, pod);
        if (!pre.isSuccess()) {
            if (!pre.isRejected()) {
                throw new SchedulingException(pre.message());
            }
            for (NodeInfo ni : all) {
                diagnosis.nodeToStatus.put(ni.nodeName(), pre);
                filterResults.add(new SchedulingDecision.NodeFilterResult(ni.nodeName(), pre.plugin(), pre.code().name(), pre.reasons()));
            }
            diagnosis.preFilterMsg = pre.message();
            diagnosis.unschedulablePlugins.add(pre.plugin());
            throw new FitError(pod, all.size(), diagnosis);
        }
        // A preemptor tries its nominated node first.
        String nominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        if (nominated != null && !nominated.isEmpty()) {
            NodeInfo ni = snapshot.get(nominated);
            if (ni != null && framework.runFilterPluginsWithNominatedPods(state, pod, ni).isSuccess()) {
                filterResults.add(new SchedulingDecision.NodeFilterResult(nominated, null, Code.Success.name(), List.of()));
                return List.of(ni);
            }
        }
        int numNodesToFind = numFeasibleNodesToFind(all.size());
        List<NodeInfo> feasible = new ArrayList<>();
        int processed = 0;
        for (int i = 0; i < all.size() && feasible.size() < numNodesToFind; i++) {
            NodeInfo ni = all.get((nextStartNodeIndex + i) % all.size());
            processed++;
            Status s = framework.runFilterPluginsWithNominatedPods(state, pod, ni);
            if (s.isSuccess()) {
                feasible.add(ni);
                filterResults.add(new SchedulingDecision.NodeFilterResult(ni.nodeName(), null, Code.Success.name(), List.of()));
            } else if (s.isRejected()) {
                diagnosis.nodeToStatus.put(ni.nodeName(), s);
                diagnosis.unschedulablePlugins.add(s.plugin());
                filterResults.add(new SchedulingDecision.NodeFilterResult(ni.nodeName(), s.plugin(), s.code().name(), s.reasons()));
            } else {
                throw new SchedulingException(s.message());
            }
        }
        nextStartNodeIndex = (nextStartNodeIndex + processed) % all.size();
        if (feasible.isEmpty()) {
            throw new FitError(pod, all.size(), diagnosis);
        }
        return feasible;
    }

    /** kube-scheduler's adaptive {@code numFeasibleNodesToFind}: all nodes below 100, else 50% − n/125 (≥ 5%, ≥ 100 nodes). */
    static int numFeasibleNodesToFind(int numAllNodes) {
        if (numAllNodes < MIN_FEASIBLE_NODES_TO_FIND) {
            return numAllNodes;
        }
        int percentage = Math.max(50 - numAllNodes / 125, MIN_FEASIBLE_NODES_PERCENTAGE_TO_FIND);
        int num = numAllNodes * percentage / 100;
        return Math.max(num, MIN_FEASIBLE_NODES_TO_FIND);
    }

    // ---- schedulePod: score and select ----

    List<NodePluginScores> prioritizeNodes(CycleState state, Pod pod, List<NodeInfo> feasible) throws SchedulingException {
        Status pre = framework.runPreScorePlugins(state, pod, feasible);
        if (!pre.isSuccess()) {
            throw new SchedulingException(pre.message());
        }
        return framework.runScorePlugins(state, pod, feasible);
    }

    /** The highest total score; among equals, each is picked with equal probability (reservoir sampling, as selectHost). */
    String selectHost(List<NodePluginScores> scores) {
        int selected = 0;
        int cntOfMaxScore = 1;
        for (int i = 1; i < scores.size(); i++) {
            long s = scores.get(i).totalScore();
            long best = scores.get(selected).totalScore();
            if (s > best) {
                selected = i;
                cntOfMaxScore = 1;
            } else if (s == best) {
                cntOfMaxScore++;
                if (random.nextInt(cntOfMaxScore) == 0) {
                    selected = i;
                }
            }
        }
        return scores.get(selected).name();
    }

    // ---- failure handling ----

    private void handleFitError(QueuedPodInfo qpi, long podCycle, CycleState state, FitError fitError,
                                List<SchedulingDecision.NodeFilterResult> filterResults, Instant start) {
        Pod pod = qpi.pod();
        String nominatedNode = null;
        List<String> victims = List.of();
        if (!framework.postFilterPlugins().isEmpty()) {
            PostFilterPlugin.Result r = framework.runPostFilterPlugins(state, pod, fitError.diagnosis().nodeToStatus);
            String msg = r.status().message();
            fitError.diagnosis().postFilterMsg = msg;
            nominatedNode = r.nominatedNodeName();
            if (r.status().isSuccess() && nominatedNode != null && !nominatedNode.isEmpty()) {
                victims = victimsOn(nominatedNode, pod);
            }
        }
        Status status = Status.of(Code.Unschedulable, fitError.getMessage());
        qpi.unschedulablePlugins.clear();
        qpi.unschedulablePlugins.addAll(fitError.diagnosis().unschedulablePlugins);
        handleSchedulingFailure(qpi, podCycle, status, nominatedNode);
        record(qpi, start, SchedulingDecision.Result.Unschedulable, fitError.getMessage(), null,
                nominatedNode == null || nominatedNode.isEmpty() ? null : nominatedNode, victims, fitError.numAllNodes(), filterResults, List.of());
    }

    /** The pods DefaultPreemption is deleting on the nominated node (for the record only). */
    private List<String> victimsOn(String node, Pod preemptor) {
        NodeInfo ni = snapshot.get(node);
        List<String> out = new ArrayList<>();
        if (ni != null) {
            int prio = PodKeys.priority(preemptor);
            for (PodInfo p : ni.pods()) {
                if (PodKeys.priority(p.pod()) < prio) {
                    out.add(p.key());
                }
            }
        }
        return out;
    }

    /**
     * {@code handleSchedulingFailure}: requeue, FailedScheduling event, nominated node, and the
     * PodScheduled=False condition (reason Unschedulable, or SchedulerError for errors) when it changed.
     */
    private void handleSchedulingFailure(QueuedPodInfo qpi, long podCycle, Status status, String nominatedNode) {
        Pod pod = qpi.pod();
        if (!status.isRejected()) {
            qpi.unschedulablePlugins.clear();
        }
        if (nominatedNode != null) {
            if (nominatedNode.isEmpty()) {
                queue.deleteNominatedPodIfExists(pod);
            } else {
                queue.addNominatedPod(new PodInfo(pod), nominatedNode);
            }
        }
        queue.addUnschedulableIfNotPresent(qpi, podCycle);
        String msg = truncateMessage(status.message());
        eventRecorder.eventf(pod, null, "Warning", "FailedScheduling", "Scheduling", msg);
        String reason = status.isRejected() ? "Unschedulable" : "SchedulerError";
        PodCondition current = currentCondition(pod, "PodScheduled");
        String currentNominated = pod.getStatus() == null ? null : pod.getStatus().getNominatedNodeName();
        boolean nominationChanges = nominatedNode != null && !nominatedNode.equals(Objects.requireNonNullElse(currentNominated, ""));
        boolean conditionChanges = current == null || !"False".equals(current.getStatus())
                || !reason.equals(current.getReason()) || !msg.equals(current.getMessage());
        if (conditionChanges || nominationChanges) {
            String transition = current != null && "False".equals(current.getStatus()) && current.getLastTransitionTime() != null
                    ? current.getLastTransitionTime() : now();
            PodCondition cond = new PodConditionBuilder().withType("PodScheduled").withStatus("False")
                    .withReason(reason).withMessage(msg).withLastTransitionTime(transition).build();
            client.patchPodStatus(pod, cond, nominationChanges ? nominatedNode : null)
                    .exceptionally(e -> {
                        LOG.debug("could not update the PodScheduled condition of {}: {}", PodKeys.key(pod), e.toString());
                        return null;
                    });
        }
    }

    /** Events and conditions carry at most 1024 characters ({@code truncateMessage}). */
    static String truncateMessage(String message) {
        int max = 1024;
        return message.length() <= max ? message : message.substring(0, max - 3) + "...";
    }

    private static PodCondition currentCondition(Pod pod, String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return null;
        }
        for (PodCondition c : pod.getStatus().getConditions()) {
            if (type.equals(c.getType())) {
                return c;
            }
        }
        return null;
    }

    private static String now() {
        return Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    // ---- assume and bind ----

    private void assumeAndBind(QueuedPodInfo qpi, CycleState state, String host, Instant start,
                               List<SchedulingDecision.NodeFilterResult> filterResults, List<NodePluginScores> scores)
            throws InterruptedException {
        Pod pod = qpi.pod();
        Pod assumed = new PodBuilder(pod).editOrNewSpec().withNodeName(host).endSpec().build();
        cache.assumePod(assumed);
        queue.deleteNominatedPodIfExists(pod);
        SchedulingDecision decision = record(qpi, start, SchedulingDecision.Result.Scheduled, "", host, null, List.of(),
                snapshot.numNodes(), filterResults, scores);
        bindings.acquire();
        long podCycle = queue.schedulingCycle();
        framework.runBindPlugins(state, assumed, host).whenComplete((status, err) -> {
            bindings.release();
            Status st = err != null ? Status.error(String.valueOf(err.getMessage())) : status;
            if (st.isSuccess()) {
                queue.done(qpi.key());
                recorder.bound(decision, Instant.now());
                eventRecorder.eventf(pod, null, "Normal", "Scheduled", "Binding",
                        String.format("Successfully assigned %s/%s to %s", pod.getMetadata().getNamespace(), pod.getMetadata().getName(), host));
            } else {
                cache.forgetPod(assumed);
                recorder.bindFailed(decision, st.message());
                queue.moveAllToActiveOrBackoffQueue(dev.kubelab.scheduler.framework.ClusterEvent.ASSIGNED_POD_DELETE);
                handleSchedulingFailure(qpi, podCycle,
                        Status.error("running Bind plugin \"DefaultBinder\": " + st.message()), null);
            }
        });
    }

    private SchedulingDecision record(QueuedPodInfo qpi, Instant start, SchedulingDecision.Result result, String message,
                                      String host, String nominated, List<String> victims, int numAllNodes,
                                      List<SchedulingDecision.NodeFilterResult> filterResults, List<NodePluginScores> scores) {
        Pod pod = qpi.pod();
        SchedulingDecision d = new SchedulingDecision(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                pod.getMetadata().getUid(), qpi.attempts, qpi.initialAttemptTimestamp, start, Instant.now(), result, message,
                host, nominated, victims, numAllNodes, filterResults, scores);
        recorder.record(d);
        return d;
    }

    /** The framework handle: API client, recorder, listers and nominator. */
    private final class SchedulerHandle implements Handle {
        private final Function<String, Map<String, String>> namespaceLabels;
        private final Supplier<List<PodDisruptionBudget>> pdbs;
        private Framework framework;
        private PodNominator nominator = PodNominator.NONE;

        SchedulerHandle(Function<String, Map<String, String>> namespaceLabels, Supplier<List<PodDisruptionBudget>> pdbs) {
            this.namespaceLabels = namespaceLabels;
            this.pdbs = pdbs;
        }

        @Override public SchedulerClient client() { return client; }
        @Override public EventRecorder eventRecorder() { return eventRecorder; }
        @Override public PodNominator nominator() { return nominator; }
        @Override public Map<String, String> namespaceLabels(String namespace) { return namespaceLabels.apply(namespace); }
        @Override public List<PodDisruptionBudget> podDisruptionBudgets() { return pdbs.get(); }
        @Override public Framework framework() { return framework; }
    }
}
