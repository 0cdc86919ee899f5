package dev.kubelab.scheduler;

import dev.kubelab.scheduler.cache.SchedulerCache;
import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.PodKeys;
import dev.kubelab.scheduler.queue.SchedulingQueue;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * What the informers' events do, as kube-scheduler's {@code eventhandlers.go}: assigned pods go to the
 * cache (and may requeue unschedulable pods), unassigned pods of this scheduler go to the queue, node
 * changes update the cache and requeue pods the change may help. Terminal pods (Succeeded/Failed) no
 * longer count, as kube-scheduler's pod informer filters them out.
 */
public final class EventHandlers {

    private final String schedulerName;
    private final SchedulerCache cache;
    private final SchedulingQueue queue;

    EventHandlers(String schedulerName, SchedulerCache cache, SchedulingQueue queue) {
        this.schedulerName = schedulerName;
        this.cache = cache;
        this.queue = queue;
    }

    private boolean responsibleFor(Pod pod) {
        String name = pod.getSpec() == null ? null : pod.getSpec().getSchedulerName();
        return name == null || name.isEmpty() || schedulerName.equals(name);
    }

    public void onPodAdd(Pod pod) {
        if (PodKeys.isTerminal(pod)) {
            return;
        }
        if (PodKeys.isAssigned(pod)) {
            cache.addPod(pod);
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_ADD);
        } else if (responsibleFor(pod)) {
            queue.add(pod);
        }
    }

    public void onPodUpdate(Pod oldPod, Pod newPod) {
        if (PodKeys.isTerminal(newPod)) {
            onPodDelete(oldPod);
            return;
        }
        if (PodKeys.isAssigned(newPod)) {
            if (!PodKeys.isAssigned(oldPod)) {
                // The pod was just bound: it leaves the queue and enters the cache (confirming an assumed pod).
                queue.delete(oldPod);
                cache.addPod(newPod);
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_ADD);
                return;
            }
            cache.updatePod(oldPod, newPod);
            int action = 0;
            if (!Objects.equals(oldPod.getMetadata().getLabels(), newPod.getMetadata().getLabels())) {
                action |= ClusterEvent.UpdatePodLabel;
            }
            if (action != 0) {
                queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.Kind.Pod, action));
            }
        } else if (responsibleFor(newPod)) {
            if (cache.isAssumedPod(newPod)) {
                return; // being bound by us; the bound update follows
            }
            queue.update(oldPod, newPod);
        }
    }

    public void onPodDelete(Pod pod) {
        if (PodKeys.isAssigned(pod)) {
            cache.removePod(pod);
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent.ASSIGNED_POD_DELETE);
        } else {
            queue.delete(pod);
        }
    }

    public void onNodeAdd(Node node) {
        cache.addNode(node);
        queue.moveAllToActiveOrBackoffQueue(ClusterEvent.NODE_ADD);
    }

    public void onNodeUpdate(Node oldNode, Node newNode) {
        cache.updateNode(newNode);
        int action = nodeSchedulingPropertiesChange(oldNode, newNode);
        if (action != 0) {
            queue.moveAllToActiveOrBackoffQueue(ClusterEvent.of(ClusterEvent.Kind.Node, action));
        }
    }

    public void onNodeDelete(Node node) {
        cache.removeNode(node);
    }

    /** Which scheduling-relevant node properties changed; heartbeats alone change nothing. */
    static int nodeSchedulingPropertiesChange(Node oldNode, Node newNode) {
        int action = 0;
        if (!Objects.equals(alloc(oldNode), alloc(newNode))) {
            action |= ClusterEvent.UpdateNodeAllocatable;
        }
        if (!Objects.equals(oldNode.getMetadata().getLabels(), newNode.getMetadata().getLabels())) {
            action |= ClusterEvent.UpdateNodeLabel;
        }
        if (!Objects.equals(oldNode.getSpec().getTaints(), newNode.getSpec().getTaints())
                || !Objects.equals(oldNode.getSpec().getUnschedulable(), newNode.getSpec().getUnschedulable())) {
            action |= ClusterEvent.UpdateNodeTaint;
        }
        if (!Objects.equals(conditions(oldNode), conditions(newNode))) {
            action |= ClusterEvent.UpdateNodeCondition;
        }
        return action;
    }

    private static Object alloc(Node n) {
        return n.getStatus() == null ? null : n.getStatus().getAllocatable();
    }

    private static Map<String, String> conditions(Node n) {
        List<NodeCondition> cs = n.getStatus() == null ? null : n.getStatus().getConditions();
        if (cs == null) {
            return Map.of();
        }
        return cs.stream().collect(Collectors.toMap(NodeCondition::getType, c -> String.valueOf(c.getStatus()), (a, b) -> b));
    }
}
