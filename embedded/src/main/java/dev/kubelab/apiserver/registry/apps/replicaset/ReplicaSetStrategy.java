package dev.kubelab.apiserver.registry.apps.replicaset;

import static dev.kubelab.apiserver.registry.Defaulting.object;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.registry.apps.WorkloadValidation;
import dev.kubelab.apiserver.registry.core.podtemplate.PodTemplates;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;

/** pkg/registry/apps/replicaset/strategy.go (SetDefaults_ReplicaSet: replicas 1). */
public final class ReplicaSetStrategy extends GenericStrategy {

    private static final FieldPath SPEC = FieldPath.of("spec");

    public ReplicaSetStrategy() {
        super(true);
    }

    @Override protected boolean hasStatus() { return true; }
    @Override protected boolean tracksGeneration() { return true; }

    @Override
    public void applyDefaults(ObjectNode rs) {
        ObjectNode spec = object(rs, "spec");
        put(spec, "replicas", 1);
        PodTemplates.applyDefaults(spec.get("template"));
    }

    @Override
    protected void validateObject(ObjectNode rs, FieldErrors errs) {
        JsonNode spec = rs.path("spec");
        WorkloadValidation.nonNegative(spec, "replicas", SPEC, errs);
        WorkloadValidation.nonNegative(spec, "minReadySeconds", SPEC, errs);
        // kube-apiserver words the empty-selector error for ReplicaSets exactly as for Deployments.
        WorkloadValidation.selector(spec, SPEC, "deployment", errs);
        PodTemplates.validateForReplicaSet(spec.get("template"), spec.get("selector"), SPEC.child("template"), errs);
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        WorkloadValidation.immutableSelector(n.path("spec"), o.path("spec"), SPEC, errs);
    }
}
