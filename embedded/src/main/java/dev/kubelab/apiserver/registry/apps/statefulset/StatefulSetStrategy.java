package dev.kubelab.apiserver.registry.apps.statefulset;

import static dev.kubelab.apiserver.registry.Defaulting.object;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.registry.apps.WorkloadValidation;
import dev.kubelab.apiserver.registry.core.podtemplate.PodTemplates;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import java.util.List;
import java.util.Set;

/** pkg/registry/apps/statefulset/strategy.go with SetDefaults_StatefulSet. */
public final class StatefulSetStrategy extends GenericStrategy {

    private static final FieldPath SPEC = FieldPath.of("spec");
    /** The spec fields ValidateStatefulSetUpdate lets change. */
    private static final Set<String> UPDATABLE = Set.of("replicas", "ordinals", "template", "updateStrategy",
            "persistentVolumeClaimRetentionPolicy", "minReadySeconds");

    public StatefulSetStrategy() {
        super(true);
    }

    @Override protected boolean hasStatus() { return true; }
    @Override protected boolean tracksGeneration() { return true; }

    @Override
    protected void resetStatus(ObjectNode sts) {
        sts.putObject("status").put("replicas", 0); // StatefulSetStatus.replicas has no omitempty
    }

    @Override
    public void applyDefaults(ObjectNode sts) {
        ObjectNode spec = object(sts, "spec");
        put(spec, "replicas", 1);
        put(spec, "podManagementPolicy", "OrderedReady");
        ObjectNode strategy = object(spec, "updateStrategy");
        put(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) put(object(strategy, "rollingUpdate"), "partition", 0);
        put(spec, "revisionHistoryLimit", 10);
        ObjectNode retention = object(spec, "persistentVolumeClaimRetentionPolicy");
        put(retention, "whenDeleted", "Retain");
        put(retention, "whenScaled", "Retain");
        PodTemplates.applyDefaults(spec.get("template"));
        for (JsonNode pvc : spec.path("volumeClaimTemplates")) {
            if (pvc instanceof ObjectNode p) {
                put(object(p, "spec"), "volumeMode", "Filesystem");
                object(p, "status").put("phase", "Pending");
            }
        }
    }

    @Override
    protected void validateObject(ObjectNode sts, FieldErrors errs) {
        JsonNode spec = sts.path("spec");
        String policy = spec.path("podManagementPolicy").asText("");
        if (!policy.isEmpty() && !List.of("OrderedReady", "Parallel").contains(policy)) {
            errs.notSupported(SPEC.child("podManagementPolicy"), policy, List.of("OrderedReady", "Parallel"));
        }
        String type = spec.path("updateStrategy").path("type").asText("");
        if (!type.isEmpty() && !List.of("OnDelete", "RollingUpdate").contains(type)) {
            errs.notSupported(SPEC.child("updateStrategy", "type"), type, List.of("OnDelete", "RollingUpdate"));
        }
        WorkloadValidation.nonNegative(spec, "replicas", SPEC, errs);
        WorkloadValidation.nonNegative(spec, "minReadySeconds", SPEC, errs);
        WorkloadValidation.selector(spec, SPEC, "statefulset", errs);
        PodTemplates.validateForReplicaSet(spec.get("template"), spec.get("selector"), SPEC.child("template"), errs);
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        ObjectNode a = n.path("spec").isObject() ? ((ObjectNode) n.get("spec")).deepCopy() : null;
        ObjectNode b = o.path("spec").isObject() ? ((ObjectNode) o.get("spec")).deepCopy() : null;
        if (a == null || b == null) return;
        UPDATABLE.forEach(f -> { a.remove(f); b.remove(f); });
        if (!a.equals(b)) {
            errs.forbidden(SPEC, "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', "
                    + "'updateStrategy', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden");
        }
    }
}
