package dev.kubelab.controller.daemonset;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodSpecBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

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

    /** NodeShouldRunDaemonPod: nodeName, nodeSelector, required node affinity, and untolerated NoSchedule/NoExecute taints. */
    static boolean shouldRun(PodSpec template, Node node) {
        String name = node.getMetadata().getName();
        if (template.getNodeName() != null && !template.getNodeName().isEmpty() && !template.getNodeName().equals(name)) {
            return false;
        }
        Map<String, String> labels = node.getMetadata().getLabels() == null ? Map.of() : node.getMetadata().getLabels();
        if (template.getNodeSelector() != null) {
            for (var e : template.getNodeSelector().entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        var affinity = template.getAffinity();
        if (affinity != null && affinity.getNodeAffinity() != null
                && affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution() != null) {
            List<NodeSelectorTerm> terms = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms();
            if (terms != null && !terms.isEmpty() && terms.stream().noneMatch(t -> termMatches(t, labels, name))) {
                return false;
            }
        }
        List<Toleration> tolerations = new ArrayList<>(template.getTolerations() == null ? List.of() : template.getTolerations());
        tolerations.addAll(defaultTolerations(Boolean.TRUE.equals(template.getHostNetwork())));
        if (node.getSpec() != null && node.getSpec().getTaints() != null) {
            for (Taint taint : node.getSpec().getTaints()) {
                if (("NoSchedule".equals(taint.getEffect()) || "NoExecute".equals(taint.getEffect()))
                        && tolerations.stream().noneMatch(t -> tolerates(t, taint))) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean tolerates(Toleration t, Taint taint) {
        if (t.getEffect() != null && !t.getEffect().isEmpty() && !t.getEffect().equals(taint.getEffect())) {
            return false;
        }
        if ("Exists".equals(t.getOperator())) {
            return t.getKey() == null || t.getKey().isEmpty() || t.getKey().equals(taint.getKey());
        }
        return java.util.Objects.equals(t.getKey(), taint.getKey())
                && java.util.Objects.equals(t.getValue() == null ? "" : t.getValue(), taint.getValue() == null ? "" : taint.getValue());
    }

    private static boolean termMatches(NodeSelectorTerm term, Map<String, String> labels, String nodeName) {
        boolean any = false;
        if (term.getMatchExpressions() != null) {
            for (NodeSelectorRequirement r : term.getMatchExpressions()) {
                any = true;
                if (!requirement(r, labels.get(r.getKey()), labels.containsKey(r.getKey()))) {
                    return false;
                }
            }
        }
        if (term.getMatchFields() != null) {
            for (NodeSelectorRequirement r : term.getMatchFields()) {
                any = true;
                if (!"metadata.name".equals(r.getKey()) || !requirement(r, nodeName, true)) {
                    return false;
                }
            }
        }
        return any;
    }

    private static boolean requirement(NodeSelectorRequirement r, String value, boolean present) {
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        return switch (r.getOperator()) {
            case "In" -> present && values.contains(value);
            case "NotIn" -> !present || !values.contains(value);
            case "Exists" -> present;
            case "DoesNotExist" -> !present;
            case "Gt" -> present && parse(value) > parse(values.get(0));
            case "Lt" -> present && parse(value) < parse(values.get(0));
            default -> false;
        };
    }

    private static long parse(String s) {
        try {
            return Long.parseLong(s);
        } catch (RuntimeException e) {
            return Long.MIN_VALUE;
        }
    }
}
