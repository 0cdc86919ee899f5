package dev.kubelab.apiserver.registry.apps.daemonset;

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

/** pkg/registry/apps/daemonset/strategy.go (SetDefaults_DaemonSet: RollingUpdate maxUnavailable 1, maxSurge 0). */
public final class DaemonSetStrategy extends GenericStrategy {

    private static final FieldPath SPEC = FieldPath.of("spec");

    public DaemonSetStrategy() {
        super(true);
    }

    @Override protected boolean hasStatus() { return true; }
    @Override protected boolean tracksGeneration() { return true; }

    @Override
    protected void resetStatus(ObjectNode ds) {
        // DaemonSetStatus' counters carry no omitempty: a new DaemonSet shows them as 0.
        ObjectNode status = ds.putObject("status");
        for (String f : new String[] {"currentNumberScheduled", "desiredNumberScheduled", "numberMisscheduled", "numberReady"}) {
            status.put(f, 0);
        }
    }

    @Override
    public void applyDefaults(ObjectNode ds) {
        ObjectNode spec = object(ds, "spec");
        ObjectNode strategy = object(spec, "updateStrategy");
        put(strategy, "type", "RollingUpdate");
        if (strategy.path("type").asText().equals("RollingUpdate")) {
            ObjectNode ru = object(strategy, "rollingUpdate");
            put(ru, "maxUnavailable", 1);
            put(ru, "maxSurge", 0);
        }
        put(spec, "revisionHistoryLimit", 10);
        PodTemplates.applyDefaults(spec.get("template"));
    }

    @Override
    protected void validateObject(ObjectNode ds, FieldErrors errs) {
        JsonNode spec = ds.path("spec");
        WorkloadValidation.selector(spec, SPEC, "daemonset", errs);
        PodTemplates.validateForReplicaSet(spec.get("template"), spec.get("selector"), SPEC.child("template"), errs);
        WorkloadValidation.nonNegative(spec, "minReadySeconds", SPEC, errs);
        WorkloadValidation.nonNegative(spec, "revisionHistoryLimit", SPEC, errs);
        JsonNode strategy = spec.path("updateStrategy");
        String type = strategy.path("type").asText("");
        FieldPath sp = SPEC.child("updateStrategy");
        if (type.equals("RollingUpdate")) {
            JsonNode ru = strategy.path("rollingUpdate");
            BigDecimal unavailable = WorkloadValidation.intOrPercent(ru.get("maxUnavailable"), sp.child("rollingUpdate", "maxUnavailable"), errs);
            BigDecimal surge = WorkloadValidation.intOrPercent(ru.get("maxSurge"), sp.child("rollingUpdate", "maxSurge"), errs);
            if (unavailable != null && surge != null && unavailable.signum() == 0 && surge.signum() == 0) {
                errs.invalid(sp.child("rollingUpdate", "maxUnavailable"), ru.get("maxUnavailable"), "may not be 0 when `maxSurge` is 0");
            }
        } else if (!type.equals("OnDelete")) {
            errs.notSupported(sp.child("type"), type, List.of("OnDelete", "RollingUpdate"));
        }
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        WorkloadValidation.immutableSelector(n.path("spec"), o.path("spec"), SPEC, errs);
    }
}
