package dev.kubelab.apiserver.registry.apps.deployment;

import static dev.kubelab.apiserver.registry.Defaulting.object;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.registry.apps.WorkloadValidation;
import dev.kubelab.apiserver.registry.core.podtemplate.PodTemplates;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import java.math.BigDecimal;
import java.util.List;

/** pkg/registry/apps/deployment/strategy.go with apps/v1 defaults (SetDefaults_Deployment). */
public final class DeploymentStrategy extends GenericStrategy {

    private static final FieldPath SPEC = FieldPath.of("spec");

    public DeploymentStrategy() {
        super(true);
    }

    @Override protected boolean hasStatus() { return true; }
    @Override protected boolean tracksGeneration() { return true; }

    @Override
    public void applyDefaults(ObjectNode d) {
        ObjectNode spec = object(d, "spec");
        put(spec, "replicas", 1);
        ObjectNode strategy = object(spec, "strategy");
        put(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode ru = object(strategy, "rollingUpdate");
            put(ru, "maxUnavailable", "25%");
            put(ru, "maxSurge", "25%");
        }
        put(spec, "revisionHistoryLimit", 10);
        put(spec, "progressDeadlineSeconds", 600);
        PodTemplates.applyDefaults(spec.get("template"));
    }

    @Override
    protected void validateObject(ObjectNode d, FieldErrors errs) {
        JsonNode spec = d.path("spec");
        WorkloadValidation.nonNegative(spec, "replicas", SPEC, errs);
        WorkloadValidation.selector(spec, SPEC, "deployment", errs);
        PodTemplates.validateForReplicaSet(spec.get("template"), spec.get("selector"), SPEC.child("template"), errs);
        strategy(spec.path("strategy"), SPEC.child("strategy"), errs);
        WorkloadValidation.nonNegative(spec, "minReadySeconds", SPEC, errs);
        WorkloadValidation.nonNegative(spec, "revisionHistoryLimit", SPEC, errs);
        JsonNode pds = spec.get("progressDeadlineSeconds");
        if (pds != null && pds.isNumber()) {
            WorkloadValidation.nonNegative(spec, "progressDeadlineSeconds", SPEC, errs);
            if (pds.asLong() <= spec.path("minReadySeconds").asLong(0)) {
                errs.invalid(SPEC.child("progressDeadlineSeconds"), pds, "must be greater than minReadySeconds");
            }
        }
    }

    private static void strategy(JsonNode strategy, FieldPath path, FieldErrors errs) {
        String type = strategy.path("type").asText("");
        switch (type) {
            case "Recreate" -> {
                if (strategy.hasNonNull("rollingUpdate")) {
                    errs.forbidden(path.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'");
                }
            }
            case "RollingUpdate" -> {
                JsonNode ru = strategy.path("rollingUpdate");
                FieldPath rp = path.child("rollingUpdate");
                BigDecimal unavailable = WorkloadValidation.intOrPercent(ru.get("maxUnavailable"), rp.child("maxUnavailable"), errs);
                BigDecimal surge = WorkloadValidation.intOrPercent(ru.get("maxSurge"), rp.child("maxSurge"), errs);
                if (unavailable != null && surge != null && unavailable.signum() == 0 && surge.signum() == 0) {
                    errs.invalid(rp.child("maxUnavailable"), ru.get("maxUnavailable"), "may not be 0 when `maxSurge` is 0");
                }
            }
            default -> errs.notSupported(path.child("type"), type, List.of("Recreate", "RollingUpdate"));
        }
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        WorkloadValidation.immutableSelector(n.path("spec"), o.path("spec"), SPEC, errs);
    }

}
