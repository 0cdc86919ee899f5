package dev.kubelab.scheduler.plugins.noderesources;

import dev.kubelab.scheduler.framework.ClusterEvent;
import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.EnqueueExtensions;
import dev.kubelab.scheduler.framework.FilterPlugin;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.PodResources;
import dev.kubelab.scheduler.framework.PreFilterPlugin;
import dev.kubelab.scheduler.framework.PreScorePlugin;
import dev.kubelab.scheduler.framework.Resource;
import dev.kubelab.scheduler.framework.ScorePlugin;
import dev.kubelab.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * NodeResourcesFit. Filter: the pod's requests must fit in allocatable minus what the node's pods
 * request, and one more pod must be allowed. Score: the LeastAllocated strategy (default), CPU and
 * memory weighted 1 each, on non-zero requests.
 */
public final class Fit implements PreFilterPlugin, FilterPlugin, PreScorePlugin, ScorePlugin, EnqueueExtensions {

    public static final String NAME = "NodeResourcesFit";
    private static final String PRE_FILTER_KEY = "PreFilter" + NAME;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    /** One reason per insufficient resource, as {@code InsufficientResource.Reason}. */
    public record InsufficientResource(String resourceName, String reason, long requested, long used, long capacity) {}

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public Status preFilter(CycleState state, Pod pod) {
        state.write(PRE_FILTER_KEY, PodResources.requests(pod));
        return Status.success();
    }

    @Override
    public Status filter(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Resource podRequest = state.read(PRE_FILTER_KEY);
        if (podRequest == null) {
            podRequest = PodResources.requests(pod);
        }
        List<InsufficientResource> insufficient = fits(podRequest, nodeInfo);
        if (insufficient.isEmpty()) {
            return Status.success();
        }
        List<String> reasons = new ArrayList<>(insufficient.size());
        insufficient.forEach(r -> reasons.add(r.reason()));
        return Status.of(Code.Unschedulable, reasons);
    }

    /** {@code fitsRequest}: "Too many pods", then "Insufficient cpu|memory|ephemeral-storage|&lt;scalar&gt;". */
    public static List<InsufficientResource> fits(Resource podRequest, NodeInfo nodeInfo) {
        List<InsufficientResource> out = new ArrayList<>();
        Resource alloc = nodeInfo.allocatable();
        Resource used = nodeInfo.requested();
        long allowedPods = alloc.allowedPodNumber;
        if (nodeInfo.pods().size() + 1 > allowedPods) {
            out.add(new InsufficientResource("pods", "Too many pods", 1, nodeInfo.pods().size(), allowedPods));
        }
        if (podRequest.milliCpu == 0 && podRequest.memory == 0 && podRequest.ephemeralStorage == 0
                && podRequest.scalarResources.isEmpty()) {
            return out;
        }
        if (podRequest.milliCpu > 0 && podRequest.milliCpu > alloc.milliCpu - used.milliCpu) {
            out.add(new InsufficientResource("cpu", "Insufficient cpu", podRequest.milliCpu, used.milliCpu, alloc.milliCpu));
        }
        if (podRequest.memory > 0 && podRequest.memory > alloc.memory - used.memory) {
            out.add(new InsufficientResource("memory", "Insufficient memory", podRequest.memory, used.memory, alloc.memory));
        }
        if (podRequest.ephemeralStorage > 0 && podRequest.ephemeralStorage > alloc.ephemeralStorage - used.ephemeralStorage) {
            out.add(new InsufficientResource("ephemeral-storage", "Insufficient ephemeral-storage",
                    podRequest.ephemeralStorage, used.ephemeralStorage, alloc.ephemeralStorage));
        }
        for (Map.Entry<String, Long> e : podRequest.scalarResources.entrySet()) {
            long want = e.getValue();
            if (want > 0 && want > alloc.scalar(e.getKey()) - used.scalar(e.getKey())) {
                out.add(new InsufficientResource(e.getKey(), "Insufficient " + e.getKey(), want,
                        used.scalar(e.getKey()), alloc.scalar(e.getKey())));
            }
        }
        return out;
    }

    /** Computes the pod's non-zero requests once for all nodes. */
    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> nodes) {
        state.write(PRE_SCORE_KEY, PodResources.nonZeroRequests(pod));
        return Status.success();
    }

    /** LeastAllocated: per resource {@code (allocatable - requested) * 100 / allocatable}, averaged by weight. */
    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        Resource podReq = state == null ? null : state.read(PRE_SCORE_KEY);
        if (podReq == null) {
            podReq = PodResources.nonZeroRequests(pod);
        }
        long[] requested = {
            nodeInfo.nonZeroRequested().milliCpu + podReq.milliCpu,
            nodeInfo.nonZeroRequested().memory + podReq.memory,
        };
        long[] allocatable = {nodeInfo.allocatable().milliCpu, nodeInfo.allocatable().memory};
        long nodeScore = 0;
        long weightSum = 0;
        for (int i = 0; i < requested.length; i++) {
            if (allocatable[i] == 0) {
                continue;
            }
            nodeScore += leastRequestedScore(requested[i], allocatable[i]);
            weightSum += 1;
        }
        return weightSum == 0 ? 0 : nodeScore / weightSum;
    }

    static long leastRequestedScore(long requested, long capacity) {
        if (capacity == 0 || requested > capacity) {
            return 0;
        }
        return (capacity - requested) * MAX_NODE_SCORE / capacity;
    }

    @Override
    public List<ClusterEvent> eventsToRegister() {
        return List.of(ClusterEvent.of(ClusterEvent.Kind.Pod, ClusterEvent.Delete | ClusterEvent.UpdatePodScaleDown),
                ClusterEvent.of(ClusterEvent.Kind.Node, ClusterEvent.Add | ClusterEvent.UpdateNodeAllocatable));
    }
}
