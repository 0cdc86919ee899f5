package dev.kubelab.controller.nodelifecycle;

import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.QueueController;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * kube-controller-manager's {@code nodelifecycle} controller together with the
 * {@code taint-eviction-controller} (split out of it in 1.29; run here by the same loop):
 * <ul>
 * <li>every node-monitor-period (5 s) each node's Lease and Ready heartbeat are checked; after
 *     node-monitor-grace-period (40 s) without either, its conditions become Unknown
 *     ({@link NodeHealth}), its pods' Ready condition False, event {@code NodeNotReady};</li>
 * <li>taints follow Ready: Unknown → {@code node.kubernetes.io/unreachable} NoExecute + NoSchedule,
 *     False → {@code node.kubernetes.io/not-ready} NoExecute + NoSchedule, True → removed;</li>
 * <li>pods on a node with NoExecute taints are deleted when their tolerations run out
 *     ({@link Tolerations}), event {@code TaintManagerEviction} "Marking for deletion Pod ns/name".</li>
 * </ul>
 * Flags: {@code node-monitor-period}, {@code node-monitor-grace-period}, {@code node-startup-grace-period}
 * (shorten them for demos).
 */
public final class NodeLifecycleController extends QueueController {
    public static final String UNREACHABLE = "node.kubernetes.io/unreachable";
    public static final String NOT_READY = "node.kubernetes.io/not-ready";
    private static final String NODE = "node:";
    private static final String POD = "pod:";

    private final Duration monitorPeriod;
    private final Duration gracePeriod;
    private final Duration startupGracePeriod;
    private final EventRecorder nodeEvents;
    private final EventRecorder evictionEvents;
    /** Pods already deleted by the taint manager (so the event is recorded once). */
    private final Set<String> evicted = ConcurrentHashMap.newKeySet();
    /** Last Ready status observed per node, for NodeReady/NodeNotReady events. */
    private final Map<String, String> lastReady = new ConcurrentHashMap<>();
    private ScheduledExecutorService ticker;

    public NodeLifecycleController(ControllerContext ctx) {
        super("nodelifecycle", ctx, 1);
        this.monitorPeriod = ctx.durationFlag("node-monitor-period", Duration.ofSeconds(5));
        this.gracePeriod = ctx.durationFlag("node-monitor-grace-period", Duration.ofSeconds(40));
        this.startupGracePeriod = ctx.durationFlag("node-startup-grace-period", Duration.ofSeconds(60));
        this.nodeEvents = ctx.recorder("node-controller");
        this.evictionEvents = ctx.recorder("taint-eviction-controller");
    }

    @Override
    protected void registerHandlers() {
        watchAll(Node.class, n -> enqueue(NODE + n.getMetadata().getName()));
        informer(Lease.class);
        watchAll(Pod.class, p -> {
            if (p.getSpec() != null && p.getSpec().getNodeName() != null && p.getMetadata().getDeletionTimestamp() == null) {
                Node n = ctx.informers().get(Node.class, p.getSpec().getNodeName());
                if (n != null && !noExecuteTaints(n).isEmpty()) {
                    enqueue(POD + p.getMetadata().getNamespace() + "/" + p.getMetadata().getName());
                }
            }
        });
    }

    @Override
    protected void onStarted() {
        ticker = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "nodelifecycle-monitor");
            t.setDaemon(true);
            return t;
        });
        ticker.scheduleWithFixedDelay(() -> ctx.informers().listAll(Node.class)
                        .forEach(n -> enqueue(NODE + n.getMetadata().getName())),
                monitorPeriod.toMillis(), monitorPeriod.toMillis(), TimeUnit.MILLISECONDS);
    }

    @Override
    protected void onStopping() {
        if (ticker != null) {
            ticker.shutdownNow();
        }
    }

    @Override
    protected void sync(String key) {
        if (key.startsWith(NODE)) {
            syncNode(key.substring(NODE.length()));
        } else if (key.startsWith(POD)) {
            syncPod(key.substring(POD.length()));
        }
    }

    // ------------------------------------------------------------------ node health and taints

    private void syncNode(String name) {
        Node node = ctx.informers().get(Node.class, name);
        if (node == null) {
            return;
        }
        Instant now = ctx.clock().instant();
        Lease lease = ctx.informers().get(Lease.class, "kube-node-lease/" + name);
        Optional<List<NodeCondition>> unknown = NodeHealth.unknownConditions(node, lease, now, gracePeriod, startupGracePeriod);
        if (unknown.isPresent()) {
            String patch = "{\"status\":{\"conditions\":" + Serialization.asJson(unknown.get()) + "}}";
            node = ctx.client().nodes().withName(name).subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE), patch);
        }
        String ready = NodeHealth.readyStatus(node);
        String previous = lastReady.put(name, ready);
        if (previous != null && !previous.equals(ready)) {
            if ("True".equals(ready)) {
                nodeEvents.event(nodeRef(node), EventRecorder.NORMAL, "NodeReady", "Node " + name + " status is now: NodeReady");
            } else if ("True".equals(previous)) {
                nodeEvents.event(nodeRef(node), EventRecorder.NORMAL, "NodeNotReady", "Node " + name + " status is now: NodeNotReady");
            }
        }
        if (!"True".equals(ready) && (unknown.isPresent() || "True".equals(previous))) {
            markPodsNotReady(node);
        }
        reconcileTaints(node, ready, now);
        if (!noExecuteTaints(node).isEmpty()) {
            // The taint manager's pass: every pod on a NoExecute-tainted node is (re)checked, so an
            // eviction never depends on which of the node and pod updates the informers saw first.
            enqueuePodsOn(name);
        }
    }

    private void enqueuePodsOn(String nodeName) {
        for (Pod pod : ctx.informers().listAll(Pod.class)) {
            if (nodeName.equals(pod.getSpec().getNodeName()) && pod.getMetadata().getDeletionTimestamp() == null) {
                enqueue(POD + pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName());
            }
        }
    }

    private void reconcileTaints(Node node, String ready, Instant now) {
        List<Taint> current = node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
        List<Taint> desired = new ArrayList<>();
        for (Taint t : current) {
            if (!UNREACHABLE.equals(t.getKey()) && !NOT_READY.equals(t.getKey())) {
                desired.add(t);
            }
        }
        String key = "Unknown".equals(ready) ? UNREACHABLE : "False".equals(ready) ? NOT_READY : null;
        if (key != null) {
            desired.add(existing(current, key, "NoSchedule").orElseGet(() -> taint(key, "NoSchedule", null)));
            desired.add(existing(current, key, "NoExecute").orElseGet(() -> taint(key, "NoExecute",
                    now.truncatedTo(ChronoUnit.SECONDS).toString())));
        }
        if (sameTaints(current, desired)) {
            return;
        }
        String patch = "{\"spec\":{\"taints\":" + (desired.isEmpty() ? "null" : Serialization.asJson(desired)) + "}}";
        ctx.client().nodes().withName(node.getMetadata().getName()).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }

    private static Optional<Taint> existing(List<Taint> taints, String key, String effect) {
        return taints.stream().filter(t -> key.equals(t.getKey()) && effect.equals(t.getEffect())).findFirst();
    }

    private static Taint taint(String key, String effect, String timeAdded) {
        Taint t = new Taint();
        t.setKey(key);
        t.setEffect(effect);
        t.setTimeAdded(timeAdded);
        return t;
    }

    private static boolean sameTaints(List<Taint> a, List<Taint> b) {
        if (a.size() != b.size()) {
            return false;
        }
        for (Taint t : b) {
            if (a.stream().noneMatch(x -> x.getKey().equals(t.getKey()) && x.getEffect().equals(t.getEffect()))) {
                return false;
            }
        }
        return true;
    }

    /** nodeutil.MarkPodsNotReady: the node cannot vouch for its pods any more. */
    private void markPodsNotReady(Node node) {
        String name = node.getMetadata().getName();
        for (Pod pod : ctx.informers().listAll(Pod.class)) {
            if (!name.equals(pod.getSpec().getNodeName()) || pod.getStatus() == null || pod.getStatus().getConditions() == null) {
                continue;
            }
            List<PodCondition> conditions = new ArrayList<>();
            boolean changed = false;
            for (PodCondition c : pod.getStatus().getConditions()) {
                PodCondition copy = Serialization.clone(c);
                if ("Ready".equals(c.getType()) && !"False".equals(c.getStatus())) {
                    copy.setStatus("False");
                    copy.setLastTransitionTime(ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString());
                    changed = true;
                }
                conditions.add(copy);
            }
            if (!changed) {
                continue;
            }
            try {
                ctx.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                        .subresource("status").patch(PatchContext.of(PatchType.JSON_MERGE),
                                "{\"status\":{\"conditions\":" + Serialization.asJson(conditions) + "}}");
                nodeEvents.event(pod, EventRecorder.WARNING, "NodeNotReady", "Node is not ready");
            } catch (KubernetesClientException e) {
                log.debug("nodelifecycle: pod {}/{} not marked NotReady: {}", pod.getMetadata().getNamespace(),
                        pod.getMetadata().getName(), e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ taint eviction

    static List<Taint> noExecuteTaints(Node node) {
        if (node.getSpec() == null || node.getSpec().getTaints() == null) {
            return List.of();
        }
        return node.getSpec().getTaints().stream().filter(t -> "NoExecute".equals(t.getEffect())).toList();
    }

    private void syncPod(String key) {
        Pod pod = ctx.informers().get(Pod.class, key);
        if (pod == null || pod.getMetadata().getDeletionTimestamp() != null || pod.getSpec().getNodeName() == null) {
            return;
        }
        Node node = ctx.informers().get(Node.class, pod.getSpec().getNodeName());
        if (node == null) {
            return;
        }
        List<Taint> taints = noExecuteTaints(node);
        Optional<Duration> allowed = Tolerations.minTolerationTime(taints, pod.getSpec().getTolerations());
        if (taints.isEmpty() || allowed.isEmpty()) {
            if (evicted.remove(key + "@" + pod.getMetadata().getUid() + ":scheduled")) {
                evictionEvents.event(pod, EventRecorder.NORMAL, "TaintManagerEviction", "Cancelling deletion of Pod " + key);
            }
            return;
        }
        Instant taintedSince = taints.stream().map(t -> t.getTimeAdded() == null ? ctx.clock().instant() : Instant.parse(t.getTimeAdded()))
                .min(Instant::compareTo).orElse(ctx.clock().instant());
        Instant at = taintedSince.plus(allowed.get());
        Duration left = Duration.between(ctx.clock().instant(), at);
        if (left.compareTo(Duration.ZERO) > 0) {
            evicted.add(key + "@" + pod.getMetadata().getUid() + ":scheduled");
            enqueueAfter(POD + key, left);
            return;
        }
        if (!evicted.add(key + "@" + pod.getMetadata().getUid())) {
            return;
        }
        evicted.remove(key + "@" + pod.getMetadata().getUid() + ":scheduled");
        evictionEvents.event(pod, EventRecorder.NORMAL, "TaintManagerEviction", "Marking for deletion Pod " + key);
        try {
            ctx.client().pods().inNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName()).delete();
        } catch (KubernetesClientException e) {
            evicted.remove(key + "@" + pod.getMetadata().getUid());
            throw e;
        }
    }

    private static ObjectReference nodeRef(Node node) {
        // The node controller refers to Nodes by name, with the node name as UID (as kube-controller-manager does).
        return new ObjectReferenceBuilder().withKind("Node").withApiVersion("v1").withName(node.getMetadata().getName())
                .withUid(node.getMetadata().getName()).build();
    }
}
