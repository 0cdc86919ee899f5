package dev.kubelab.scheduler.plugins.imagelocality;

import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.PreScorePlugin;
import dev.kubelab.scheduler.framework.ScorePlugin;
import dev.kubelab.scheduler.framework.Status;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Pod;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Prefers nodes that already have the pod's images (from node.status.images, as the kubelet reports
 * them): the images' sizes, scaled by how many nodes have them (to avoid piling pods on one node), mapped
 * from [23 MB, 1000 MB × containers] onto [0, 100]. Nodes reporting no images all score 0.
 */
public final class ImageLocality implements PreScorePlugin, ScorePlugin {

    public static final String NAME = "ImageLocality";
    static final long MB = 1024 * 1024;
    static final long MIN_THRESHOLD = 23 * MB;
    static final long MAX_CONTAINER_THRESHOLD = 1000 * MB;
    private static final String PRE_SCORE_KEY = "PreScore" + NAME;

    /** Per normalised image name of the pod: its size on a node and on how many nodes it is. */
    record ImageState(long size, int numNodes) {}

    record State(List<String> images, int numContainers, int totalNumNodes, Map<String, Integer> numNodes) {}

    @Override
    public String name() {
        return NAME;
    }

    /** {@code normalizedImageName}: "nginx" and "nginx:latest" are the same image. */
    static String normalizedImageName(String name) {
        int slash = name.lastIndexOf('/');
        String last = name.substring(slash + 1);
        if (!last.contains(":") && !name.contains("@")) {
            return name + ":latest";
        }
        return name;
    }

    @Override
    public Status preScore(CycleState state, Pod pod, List<NodeInfo> nodes) {
        List<String> images = new ArrayList<>();
        List<Container> containers = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
            containers.addAll(pod.getSpec().getInitContainers());
        }
        if (pod.getSpec().getContainers() != null) {
            containers.addAll(pod.getSpec().getContainers());
        }
        for (Container c : containers) {
            if (c.getImage() != null) {
                images.add(normalizedImageName(c.getImage()));
            }
        }
        Map<String, Integer> numNodes = new HashMap<>();
        List<NodeInfo> all = state.nodeInfos().list();
        for (NodeInfo ni : all) {
            for (String image : imagesOn(ni).keySet()) {
                if (images.contains(image)) {
                    numNodes.merge(image, 1, Integer::sum);
                }
            }
        }
        state.write(PRE_SCORE_KEY, new State(images, containers.size(), all.size(), numNodes));
        return Status.success();
    }

    private static Map<String, Long> imagesOn(NodeInfo ni) {
        Map<String, Long> out = new HashMap<>();
        var status = ni.node().getStatus();
        if (status == null || status.getImages() == null) {
            return out;
        }
        for (ContainerImage img : status.getImages()) {
            if (img.getNames() == null) {
                continue;
            }
            for (String n : img.getNames()) {
                out.put(normalizedImageName(n), img.getSizeBytes() == null ? 0 : img.getSizeBytes());
            }
        }
        return out;
    }

    @Override
    public long score(CycleState state, Pod pod, NodeInfo nodeInfo) {
        State s = state.read(PRE_SCORE_KEY);
        Map<String, Long> onNode = imagesOn(nodeInfo);
        long sum = 0;
        for (String image : s.images()) {
            Long size = onNode.get(image);
            if (size != null && s.totalNumNodes() > 0) {
                sum += (long) (size * ((double) s.numNodes().getOrDefault(image, 0) / s.totalNumNodes()));
            }
        }
        return calculatePriority(sum, s.numContainers());
    }

    static long calculatePriority(long sumScores, int numContainers) {
        long maxThreshold = MAX_CONTAINER_THRESHOLD * numContainers;
        if (sumScores < MIN_THRESHOLD) {
            sumScores = MIN_THRESHOLD;
        } else if (sumScores > maxThreshold) {
            sumScores = maxThreshold;
        }
        return MAX_NODE_SCORE * (sumScores - MIN_THRESHOLD) / (maxThreshold - MIN_THRESHOLD);
    }
}
