package dev.kubelab.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The node lifecycle controller's health check (tryUpdateNodeHealth): a node whose kubelet has
 * neither renewed its Lease nor posted status within node-monitor-grace-period gets every
 * kubelet-owned condition set to Unknown — {@code NodeStatusUnknown} / "Kubelet stopped posting node
 * status." — or {@code NodeStatusNeverUpdated} / "Kubelet never posted node status." for conditions
 * it never posted (after node-startup-grace-period for a node that never reported at all).
 */
public final class NodeHealth {
    /** The conditions the controller marks Unknown (kubelet-owned). */
    static final List<String> CONDITIONS = List.of("Ready", "MemoryPressure", "DiskPressure", "PIDPressure");

    private NodeHealth() {
    }

    /** The last sign of life: the Lease's renewTime or the Ready condition's heartbeat, whichever is later. */
    static Optional<Instant> lastHeartbeat(Node node, Lease lease) {
        Instant best = null;
        if (lease != null && lease.getSpec() != null && lease.getSpec().getRenewTime() != null) {
            best = lease.getSpec().getRenewTime().toInstant();
        }
        Optional<NodeCondition> ready = condition(node, "Ready");
        if (ready.isPresent() && ready.get().getLastHeartbeatTime() != null) {
            Instant hb = Instant.parse(ready.get().getLastHeartbeatTime());
            best = best == null || hb.isAfter(best) ? hb : best;
        }
        return Optional.ofNullable(best);
    }

    /**
     * The conditions to write if the node has gone silent, or empty if nothing changes.
     */
    public static Optional<List<NodeCondition>> unknownConditions(Node node, Lease lease, Instant now,
                                                                  Duration gracePeriod, Duration startupGracePeriod) {
        Optional<Instant> hb = lastHeartbeat(node, lease);
        Instant since = hb.orElseGet(() -> Instant.parse(node.getMetadata().getCreationTimestamp()));
        Duration grace = hb.isPresent() ? gracePeriod : startupGracePeriod;
        if (!now.isAfter(since.plus(grace))) {
            return Optional.empty();
        }
        String ts = now.toString().replaceAll("\\.\\d+Z$", "Z");
        List<NodeCondition> out = new ArrayList<>();
        boolean changed = false;
        List<NodeCondition> current = node.getStatus() == null || node.getStatus().getConditions() == null
                ? List.of() : node.getStatus().getConditions();
        for (NodeCondition c : current) {
            if (!CONDITIONS.contains(c.getType())) {
                out.add(c);
            }
        }
        for (String type : CONDITIONS) {
            Optional<NodeCondition> c = condition(node, type);
            NodeCondition n = new NodeCondition();
            n.setType(type);
            n.setStatus("Unknown");
            if (c.isEmpty()) {
                n.setReason("NodeStatusNeverUpdated");
                n.setMessage("Kubelet never posted node status.");
                n.setLastHeartbeatTime(node.getMetadata().getCreationTimestamp());
                n.setLastTransitionTime(ts);
                changed = true;
            } else if (!"Unknown".equals(c.get().getStatus())) {
                n.setReason("NodeStatusUnknown");
                n.setMessage("Kubelet stopped posting node status.");
                n.setLastHeartbeatTime(c.get().getLastHeartbeatTime());
                n.setLastTransitionTime(ts);
                changed = true;
            } else {
                n = c.get();
            }
            out.add(n);
        }
        return changed ? Optional.of(out) : Optional.empty();
    }

    static Optional<NodeCondition> condition(Node node, String type) {
        if (node.getStatus() == null || node.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return node.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }

    /** Ready's status: True, False, Unknown (missing = Unknown). */
    static String readyStatus(Node node) {
        return condition(node, "Ready").map(NodeCondition::getStatus).orElse("Unknown");
    }
}
