package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the scheduler knows about one node, as kube-scheduler's {@code framework.NodeInfo}: the Node,
 * the pods on it (bound and assumed), their summed requests, the host ports in use, and a generation
 * bumped on every change so snapshots copy only what changed. Image states are not tracked
 * (ImageLocality is not implemented).
 */
public final class NodeInfo {

    private static final AtomicLong GENERATION = new AtomicLong();

    private Node node;
    private final List<PodInfo> pods;
    private final List<PodInfo> podsWithAffinity;
    private final List<PodInfo> podsWithRequiredAntiAffinity;
    private final Resource requested;
    private final Resource nonZeroRequested;
    private Resource allocatable;
    private final HostPortInfo usedPorts;
    private long generation;

    public NodeInfo() {
        this.pods = new ArrayList<>();
        this.podsWithAffinity = new ArrayList<>();
        this.podsWithRequiredAntiAffinity = new ArrayList<>();
        this.requested = new Resource();
        this.nonZeroRequested = new Resource();
        this.allocatable = new Resource();
        this.usedPorts = new HostPortInfo();
        this.generation = nextGeneration();
    }

    /** A NodeInfo for {@code node} holding {@code pods} (tests and preemption use this). */
    public static NodeInfo of(Node node, Pod... pods) {
        NodeInfo ni = new NodeInfo();
        ni.setNode(node);
        for (Pod p : pods) {
            ni.addPod(p);
        }
        return ni;
    }

    private NodeInfo(NodeInfo o) {
        this.node = o.node;
        this.pods = new ArrayList<>(o.pods);
        this.podsWithAffinity = new ArrayList<>(o.podsWithAffinity);
        this.podsWithRequiredAntiAffinity = new ArrayList<>(o.podsWithRequiredAntiAffinity);
        this.requested = o.requested.copy();
        this.nonZeroRequested = o.nonZeroRequested.copy();
        this.allocatable = o.allocatable.copy();
        this.usedPorts = o.usedPorts.copy();
        this.generation = o.generation;
    }

    public static long nextGeneration() {
        return GENERATION.incrementAndGet();
    }

    /** A copy whose lists and resources can change without touching this one. */
    public NodeInfo snapshot() {
        return new NodeInfo(this);
    }

    public void setNode(Node node) {
        this.node = node;
        this.allocatable = PodResources.toResource(node.getStatus() == null ? null : node.getStatus().getAllocatable());
        this.generation = nextGeneration();
    }

    public void removeNode() {
        this.node = null;
        this.generation = nextGeneration();
    }

    public void addPod(Pod pod) {
        addPodInfo(new PodInfo(pod));
    }

    public void addPodInfo(PodInfo pi) {
        pods.add(pi);
        if (pi.hasAffinity()) {
            podsWithAffinity.add(pi);
        }
        if (pi.hasRequiredAntiAffinity()) {
            podsWithRequiredAntiAffinity.add(pi);
        }
        update(pi, +1);
    }

    /** Removes the pod with the same namespace/name; false if it was not here. */
    public boolean removePod(Pod pod) {
        String key = PodKeys.key(pod);
        for (int i = 0; i < pods.size(); i++) {
            PodInfo pi = pods.get(i);
            if (pi.key().equals(key)) {
                pods.remove(i);
                podsWithAffinity.removeIf(p -> p.key().equals(key));
                podsWithRequiredAntiAffinity.removeIf(p -> p.key().equals(key));
                update(pi, -1);
                return true;
            }
        }
        return false;
    }

    private void update(PodInfo pi, int sign) {
        if (sign > 0) {
            requested.add(pi.requests());
            nonZeroRequested.milliCpu += pi.nonZeroRequests().milliCpu;
            nonZeroRequested.memory += pi.nonZeroRequests().memory;
            pi.hostPorts().forEach(usedPorts::add);
        } else {
            requested.subtract(pi.requests());
            nonZeroRequested.milliCpu -= pi.nonZeroRequests().milliCpu;
            nonZeroRequested.memory -= pi.nonZeroRequests().memory;
            pi.hostPorts().forEach(usedPorts::remove);
        }
        generation = nextGeneration();
    }

    public Node node() { return node; }
    public String nodeName() { return node == null ? null : node.getMetadata().getName(); }
    public List<PodInfo> pods() { return Collections.unmodifiableList(pods); }
    public List<PodInfo> podsWithAffinity() { return Collections.unmodifiableList(podsWithAffinity); }
    public List<PodInfo> podsWithRequiredAntiAffinity() { return Collections.unmodifiableList(podsWithRequiredAntiAffinity); }
    /** Sum of the pods' requests (what the Fit filter compares). */
    public Resource requested() { return requested; }
    /** Sum of the pods' non-zero requests (CPU/memory only; what LeastAllocated scores). */
    public Resource nonZeroRequested() { return nonZeroRequested; }
    public Resource allocatable() { return allocatable; }
    public HostPortInfo usedPorts() { return usedPorts; }
    public long generation() { return generation; }

    @Override
    public String toString() {
        return "NodeInfo{" + nodeName() + ", pods=" + pods.size() + ", requested=" + requested + "}";
    }
}
