package dev.kubelab.scheduler.plugins.helper;

import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeSelector;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirement;
import io.fabric8.kubernetes.api.model.NodeSelectorTerm;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodSpec;
import java.util.List;
import java.util.Map;

/**
 * Node selector matching as {@code component-helpers/scheduling/corev1/nodeaffinity}: terms are ORed,
 * a term's expressions and fields are ANDed; a term with neither matches nothing; matchFields supports
 * {@code metadata.name}. Operators: In, NotIn, Exists, DoesNotExist, Gt, Lt.
 */
public final class NodeSelectors {

    private NodeSelectors() {}

    /** {@code GetRequiredNodeAffinity(pod).Match(node)}: spec.nodeSelector and required node affinity. */
    public static boolean podMatchesNodeSelectorAndAffinityTerms(Pod pod, Node node) {
        return podMatchesNodeSelectorAndAffinityTerms(pod.getSpec(), node);
    }

    /** The same for a pod spec (a DaemonSet's template, before there is a pod). */
    public static boolean podMatchesNodeSelectorAndAffinityTerms(PodSpec spec, Node node) {
        Map<String, String> labels = labels(node);
        Map<String, String> selector = spec.getNodeSelector();
        if (selector != null) {
            for (var e : selector.entrySet()) {
                if (!e.getValue().equals(labels.get(e.getKey()))) {
                    return false;
                }
            }
        }
        var affinity = spec.getAffinity();
        if (affinity == null || affinity.getNodeAffinity() == null) {
            return true;
        }
        NodeSelector required = affinity.getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution();
        return required == null || matchesNodeSelector(required, node);
    }

    public static boolean matchesNodeSelector(NodeSelector selector, Node node) {
        List<NodeSelectorTerm> terms = selector.getNodeSelectorTerms();
        if (terms == null) {
            return false;
        }
        for (NodeSelectorTerm t : terms) {
            if (matchesTerm(t, node)) {
                return true;
            }
        }
        return false;
    }

    public static boolean matchesTerm(NodeSelectorTerm term, Node node) {
        List<NodeSelectorRequirement> exprs = term.getMatchExpressions();
        List<NodeSelectorRequirement> fields = term.getMatchFields();
        boolean noExprs = exprs == null || exprs.isEmpty();
        boolean noFields = fields == null || fields.isEmpty();
        if (noExprs && noFields) {
            return false;
        }
        Map<String, String> labels = labels(node);
        if (!noExprs) {
            for (NodeSelectorRequirement r : exprs) {
                if (!matches(r, labels)) {
                    return false;
                }
            }
        }
        if (!noFields) {
            Map<String, String> nodeFields = Map.of("metadata.name", node.getMetadata().getName());
            for (NodeSelectorRequirement r : fields) {
                if (!"metadata.name".equals(r.getKey()) || !matches(r, nodeFields)) {
                    return false;
                }
            }
        }
        return true;
    }

    static boolean matches(NodeSelectorRequirement r, Map<String, String> labels) {
        String key = r.getKey();
        List<String> values = r.getValues() == null ? List.of() : r.getValues();
        boolean has = labels.containsKey(key);
        String v = labels.get(key);
        switch (r.getOperator()) {
            case "In":
                return has && values.contains(v);
            case "NotIn":
                return !has || !values.contains(v);
            case "Exists":
                return has;
            case "DoesNotExist":
                return !has;
            case "Gt":
            case "Lt":
                if (!has || values.size() != 1) {
                    return false;
                }
                try {
                    long have = Long.parseLong(v);
                    long want = Long.parseLong(values.get(0));
                    return "Gt".equals(r.getOperator()) ? have > want : have < want;
                } catch (NumberFormatException e) {
                    return false;
                }
            default:
                return false;
        }
    }

    public static Map<String, String> labels(Node node) {
        Map<String, String> l = node.getMetadata().getLabels();
        return l == null ? Map.of() : l;
    }

    /** The node's taints (none when spec or taints are absent). */
    public static List<io.fabric8.kubernetes.api.model.Taint> taints(Node node) {
        return node.getSpec() == null || node.getSpec().getTaints() == null ? List.of() : node.getSpec().getTaints();
    }

    public static boolean unschedulable(Node node) {
        return node.getSpec() != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable());
    }
}
