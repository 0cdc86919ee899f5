package dev.kubelab.apiserver.registry.core.resourcequota;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.Quantities;

/** pkg/registry/core/resourcequota/strategy.go: hard limits are quantities; status belongs to the quota controller. */
public final class ResourceQuotaStrategy extends GenericStrategy {

    public ResourceQuotaStrategy() {
        super(true);
    }

    @Override protected boolean hasStatus() { return true; }

    @Override
    protected void validateObject(ObjectNode rq, FieldErrors errs) {
        rq.path("spec").path("hard").fields().forEachRemaining(e -> {
            String v = e.getValue().asText();
            FieldPath p = FieldPath.of("spec", "hard").key(e.getKey());
            if (!Quantities.isValid(v)) errs.invalid(p, v, Quantities.FORMAT_ERROR);
            else if (Quantities.parse(v).get().signum() < 0) errs.invalid(p, v, "must be greater than or equal to 0");
        });
    }
}
