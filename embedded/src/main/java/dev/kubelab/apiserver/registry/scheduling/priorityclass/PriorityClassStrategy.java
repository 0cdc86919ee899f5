package dev.kubelab.apiserver.registry.scheduling.priorityclass;

import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import java.util.List;
import java.util.Set;

/** pkg/registry/scheduling/priorityclass/strategy.go: reserved system- names, value fixed after creation. */
public final class PriorityClassStrategy extends GenericStrategy {

    /** The classes kube-apiserver creates itself and which alone may use the system- prefix. */
    public static final Set<String> SYSTEM_CLASSES = Set.of("system-node-critical", "system-cluster-critical");
    private static final List<String> PREEMPTION = List.of("Never", "PreemptLowerPriority");

    public PriorityClassStrategy() {
        super(false);
    }

    @Override
    public void applyDefaults(ObjectNode pc) {
        put(pc, "preemptionPolicy", "PreemptLowerPriority");
    }

    @Override
    protected void validateObject(ObjectNode pc, FieldErrors errs) {
        String name = pc.path("metadata").path("name").asText("");
        if (name.startsWith("system-") && !SYSTEM_CLASSES.contains(name)) {
            errs.invalid(FieldPath.of("metadata", "name"), name, "priority class names with 'system-' prefix are reserved");
        }
        String policy = pc.path("preemptionPolicy").asText("");
        if (!policy.isEmpty() && !PREEMPTION.contains(policy)) errs.notSupported(FieldPath.of("preemptionPolicy"), policy, PREEMPTION);
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        if (!n.path("value").equals(o.path("value"))) errs.forbidden(FieldPath.of("value"), "may not be changed in an update.");
        if (!n.path("preemptionPolicy").equals(o.path("preemptionPolicy"))) {
            errs.immutable(FieldPath.of("preemptionPolicy"), n.path("preemptionPolicy").asText(""));
        }
    }
}
