package dev.kubelab.apiserver.registry.core.podtemplate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.Defaulting;
import dev.kubelab.apiserver.registry.core.pod.PodSpecDefaults;
import dev.kubelab.apiserver.registry.core.pod.PodSpecValidation;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.GoFormat;
import dev.kubelab.apiserver.validation.LabelSelectors;
import dev.kubelab.apiserver.validation.ObjectMetaValidation;
import java.util.List;

/**
 * Pod templates inside workloads: the pod spec defaults (the generated defaulters recurse into templates), and
 * ValidatePodTemplateSpec / ValidatePodTemplateSpecForReplicaSet.
 */
public final class PodTemplates {

    private PodTemplates() {}

    /** Defaults of the template at spec.template (or another path), if present. */
    public static void applyDefaults(JsonNode template) {
        if (!(template instanceof ObjectNode t)) return;
        ObjectNode spec = Defaulting.optionalObject(t, "spec");
        if (spec != null) PodSpecDefaults.apply(spec);
    }

    public static void validate(JsonNode template, FieldPath path, FieldErrors errs) {
        if (template == null || !template.isObject()) {
            errs.required(path, "");
            return;
        }
        ObjectMetaValidation.validateLabels(template.path("metadata").get("labels"), path.child("metadata", "labels"), errs);
        ObjectMetaValidation.validateAnnotations(template.path("metadata").get("annotations"), path.child("metadata", "annotations"), errs);
        JsonNode spec = template.path("spec");
        PodSpecValidation.validate(spec, path.child("spec"), errs);
    }

    /** The template of a controller that keeps pods running: selector must match, restartPolicy Always. */
    public static void validateForReplicaSet(JsonNode template, JsonNode selector, FieldPath path, FieldErrors errs) {
        if (template == null || !template.isObject()) {
            errs.required(path, "");
            return;
        }
        JsonNode labels = template.path("metadata").path("labels");
        if (!LabelSelectors.isEmpty(selector) && !dev.kubelab.apimachinery.LabelSelectors.matches(selector, labels)) {
            errs.invalid(path.child("metadata", "labels"), new GoFormat.Raw(GoFormat.stringMap(labels)), "`selector` does not match template `labels`");
        }
        validate(template, path, errs);
        String restart = template.path("spec").path("restartPolicy").asText("");
        if (!restart.equals("Always") && !restart.isEmpty()) {
            errs.notSupported(path.child("spec", "restartPolicy"), restart, List.of("Always"));
        }
        JsonNode deadline = template.path("spec").get("activeDeadlineSeconds");
        if (deadline != null && !deadline.isNull()) {
            errs.invalid(path.child("spec", "activeDeadlineSeconds"), deadline, "activeDeadlineSeconds in ReplicaSet is not Supported");
        }
    }
}
