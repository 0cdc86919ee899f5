package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;

/**
 * The two PriorityClasses kube-apiserver creates at start (its scheduling/bootstrap-system-priority-classes
 * post-start hook; pkg/apis/scheduling.SystemPriorityClasses): system-node-critical (2000001000) and
 * system-cluster-critical (2000000000).
 */
public final class SystemPriorityClasses {

    public static final Map<String, Integer> VALUES = Map.of(
            "system-node-critical", 2000001000,
            "system-cluster-critical", 2000000000);
    /** HighestUserDefinablePriority: user classes may not exceed one billion. */
    public static final int HIGHEST_USER_DEFINABLE = 1_000_000_000;

    private SystemPriorityClasses() {}

    /** The objects to store at start. */
    public static List<ObjectNode> objects() {
        return List.of(
                object("system-node-critical", "Used for system critical pods that must not be moved from their current node."),
                object("system-cluster-critical", "Used for system critical pods that must run in the cluster, but can be moved to another node if necessary."));
    }

    private static ObjectNode object(String name, String description) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", "scheduling.k8s.io/v1");
        o.put("kind", "PriorityClass");
        o.put("description", description);
        o.putObject("metadata").put("name", name);
        o.put("preemptionPolicy", "PreemptLowerPriority");
        o.put("value", VALUES.get(name));
        return o;
    }
}
