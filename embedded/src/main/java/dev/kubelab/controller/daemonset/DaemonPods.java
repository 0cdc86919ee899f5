package dev.kubelab.controller.daemonset;

import dev.kubelab.scheduler.plugins.helper.NodeSelectors;
import dev.kubelab.scheduler.plugins.helper.Tolerations;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;

/**
 * What the daemonset controller does to a pod spec and how it decides a node should run a daemon pod
 * (daemonset util: {@code AddOrUpdateDaemonPodTolerations}, {@code ReplaceDaemonSetPodNodeNameNodeAffinity},
 * and the predicates of {@code NodeShouldRunDaemonPod}: node name, node selector/affinity, taints).
 */
final class DaemonPods {
    private DaemonPods() {
    }

    /** The tolerations every daemon pod gets, so node problems do not evict it. */
    static List<Toleration> defaultTolerations(boolean hostNetwork) {
        List<Toleration> t = new ArrayList<>(List.of(
                new Toleration("NoExecute", "node.kubernetes.io/not-ready", "Exists", null, null),
                new Toleration("NoExecute", "node.kubernetes.io/unreachable", "Exists", null, null),
                new Toleration("NoSchedule", "node.kubernetes.io/disk-pressure", "Exists", null, null),
                new Toleration("NoSchedule", "node.kubernetes.io/memory-pressure", "Exists", null, null),
                new Toleration("NoSchedule", "node.kubernetes.io/pid-pressure", "Exists", null, null),
                new Toleration("NoSchedule", "node.kubernetes.io/unschedulable", "Exists", null, null)));
        if (hostNetwork) {
            t.add(new Toleration("NoSchedule", "node.kubernetes.io/network-unavailable", "Exists", null, null));
        }
        return t;
    }

    /** The template's spec plus the default tolerations and required affinity to exactly this node. */
    static PodSpec specFor(PodSpec template, String nodeName) {
        PodSpec spec = new PodSpecBuilder(template).build();
        List<Toleration> tolerations = new ArrayList<>(spec.getTolerations() == null ? List.of() : spec.getTolerations());
        for (Toleration d : defaultTolerations(Boolean.TRUE.equals(spec.getHostNetwork()))) {
            tolerations.removeIf(t -> d.getKey().equals(t.getKey()) && d.getEffect().equals(t.getEffect()));
            tolerations.add(d);
        }
        spec.setTolerations(tolerations);
        NodeSelectorRequirement byName = new NodeSelectorRequirementBuilder().withKey("metadata.name").withOperator("In")
                .withValues(nodeName).build();
        NodeSelectorTerm term = new NodeSelectorTermBuilder().withMatchFields(byName).build();
        spec = new PodSpecBuilder(spec).editOrNewAffinity().editOrNewNodeAffinity()
                .editOrNewRequiredDuringSchedulingIgnoredDuringExecution().withNodeSelectorTerms(term)
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().build();
        return spec;
    }

    /**
     * NodeShouldRunDaemonPod: nodeName, then the scheduler's own predicates as the controller borrows them from
     * component-helpers — nodeSelector and required node affinity, and no untolerated NoSchedule/NoExecute taint
     * (the default daemon tolerations counted).
     */
    static boolean shouldRun(PodSpec template, Node node) {
        String name = node.getMetadata().getName();
        if (template.getNodeName() != null && !template.getNodeName().isEmpty() && !template.getNodeName().equals(name)) {
            return false;
        }
        if (!NodeSelectors.podMatchesNodeSelectorAndAffinityTerms(template, node)) {
            return false;
        }
        List<Toleration> tolerations = new ArrayList<>(template.getTolerations() == null ? List.of() : template.getTolerations());
        tolerations.addAll(defaultTolerations(Boolean.TRUE.equals(template.getHostNetwork())));
        return Tolerations.findMatchingUntoleratedTaint(NodeSelectors.taints(node), tolerations, Tolerations::isDoNotSchedule) == null;
    }
}
