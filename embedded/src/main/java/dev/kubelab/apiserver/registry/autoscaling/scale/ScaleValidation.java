package dev.kubelab.apiserver.registry.autoscaling.scale;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.apps.WorkloadValidation;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import java.util.List;

/**
 * ValidateScale of pkg/apis/autoscaling/validation, for the scale subresource of deployments, replicasets and
 * statefulsets: replicas must not be negative. The API server copies a valid spec.replicas into the parent.
 */
public final class ScaleValidation {

    private ScaleValidation() {}

    public static List<StatusError.Cause> validate(JsonNode scale) {
        FieldErrors errs = new FieldErrors();
        WorkloadValidation.nonNegative(scale.path("spec"), "replicas", FieldPath.of("spec"), errs);
        return errs.causes();
    }
}
