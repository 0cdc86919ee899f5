package dev.kubelab.apiserver.registry.coordination.lease;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;

/** pkg/registry/coordination/lease/strategy.go: positive durations, non-negative transitions. */
public final class LeaseStrategy extends GenericStrategy {

    public LeaseStrategy() {
        super(true);
    }

    @Override
    protected void validateObject(ObjectNode lease, FieldErrors errs) {
        JsonNode spec = lease.path("spec");
        JsonNode duration = spec.get("leaseDurationSeconds");
        if (duration != null && duration.isNumber() && duration.asLong() <= 0) {
            errs.invalid(FieldPath.of("spec", "leaseDurationSeconds"), duration, "must be greater than 0");
        }
        JsonNode transitions = spec.get("leaseTransitions");
        if (transitions != null && transitions.isNumber() && transitions.asLong() < 0) {
            errs.invalid(FieldPath.of("spec", "leaseTransitions"), transitions, "must be greater than or equal to 0");
        }
    }
}
