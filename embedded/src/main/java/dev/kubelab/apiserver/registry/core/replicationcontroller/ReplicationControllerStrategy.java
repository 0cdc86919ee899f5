package dev.kubelab.apiserver.registry.core.replicationcontroller;

import static dev.kubelab.apiserver.registry.Defaulting.object;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.registry.apps.WorkloadValidation;
import dev.kubelab.apiserver.registry.core.podtemplate.PodTemplates;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;

/**
 * pkg/registry/core/replicationcontroller/strategy.go, reduced: served because kube-scheduler (its default
 * topology spread) and kubectl's "all" category watch them. Defaults replicas to 1 and the selector to the
 * template's labels (SetDefaults_ReplicationController); validates replicas and object meta.
 */
public final class ReplicationControllerStrategy extends GenericStrategy {

    private static final FieldPath SPEC = FieldPath.of("spec");

    public ReplicationControllerStrategy() {
        super(true);
    }

    @Override protected boolean hasStatus() { return true; }
    @Override protected boolean tracksGeneration() { return true; }

    @Override
    public void applyDefaults(ObjectNode rc) {
        ObjectNode spec = object(rc, "spec");
        put(spec, "replicas", 1);
        JsonNode labels = spec.path("template").path("metadata").path("labels");
        if ((!spec.has("selector") || spec.path("selector").isEmpty()) && labels.isObject() && !labels.isEmpty()) {
            spec.set("selector", labels.deepCopy());
        }
        PodTemplates.applyDefaults(spec.get("template"));
    }

    @Override
    protected void validateObject(ObjectNode rc, FieldErrors errs) {
        WorkloadValidation.nonNegative(rc.path("spec"), "replicas", SPEC, errs);
        WorkloadValidation.nonNegative(rc.path("spec"), "minReadySeconds", SPEC, errs);
    }
}
