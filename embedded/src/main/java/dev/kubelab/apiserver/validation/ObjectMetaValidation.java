package dev.kubelab.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/** ValidateObjectMeta / ValidateObjectMetaUpdate of k8s.io/apimachinery/pkg/api/validation. */
public final class ObjectMetaValidation {

    /** A name validator: name → messages (e.g. NameValidation::dns1123Subdomain). */
    public interface NameValidator extends Function<String, List<String>> {}

    private static final int TOTAL_ANNOTATION_SIZE_LIMIT = 256 * 1024;
    private static final FieldPath META = FieldPath.of("metadata");

    private ObjectMetaValidation() {}

    public static void validate(ObjectNode obj, boolean namespaced, NameValidator names, FieldErrors errs) {
        JsonNode meta = obj.path("metadata");
        String name = meta.path("name").asText("");
        String generateName = meta.path("generateName").asText("");
        if (!generateName.isEmpty()) {
            // generateName is validated with its trailing dash masked, as apimachinery's maskTrailingDash does.
            String masked = generateName.length() > 1 && generateName.endsWith("-")
                    ? generateName.substring(0, generateName.length() - 1) + "a" : generateName;
            for (String msg : names.apply(masked)) errs.invalid(META.child("generateName"), generateName, msg);
        }
        if (name.isEmpty()) {
            if (generateName.isEmpty()) errs.required(META.child("name"), "name or generateName is required");
        } else {
            for (String msg : names.apply(name)) errs.invalid(META.child("name"), name, msg);
        }
        String ns = meta.path("namespace").asText("");
        if (namespaced) {
            if (ns.isEmpty()) errs.required(META.child("namespace"), "");
            else for (String msg : NameValidation.dns1123Label(ns)) errs.invalid(META.child("namespace"), ns, msg);
        } else if (!ns.isEmpty()) {
            errs.forbidden(META.child("namespace"), "not allowed on this type");
        }
        validateLabels(meta.get("labels"), META.child("labels"), errs);
        validateAnnotations(meta.get("annotations"), META.child("annotations"), errs);
        JsonNode finalizers = meta.path("finalizers");
        for (int i = 0; i < finalizers.size(); i++) {
            String f = finalizers.get(i).asText();
            for (String msg : NameValidation.qualifiedName(f)) errs.invalid(META.child("finalizers"), f, msg);
        }
        JsonNode owners = meta.path("ownerReferences");
        for (int i = 0; i < owners.size(); i++) {
            JsonNode o = owners.get(i);
            FieldPath p = META.child("ownerReferences");
            if (o.path("apiVersion").asText("").isEmpty()) errs.invalid(p.child("apiVersion"), o.path("apiVersion").asText(""), "version must not be empty");
            if (o.path("kind").asText("").isEmpty()) errs.invalid(p.child("kind"), o.path("kind").asText(""), "kind must not be empty");
            if (o.path("name").asText("").isEmpty()) errs.invalid(p.child("name"), o.path("name").asText(""), "name must not be empty");
            if (o.path("uid").asText("").isEmpty()) errs.invalid(p.child("uid"), o.path("uid").asText(""), "uid must not be empty");
        }
    }

    public static void validateUpdate(ObjectNode newObj, ObjectNode oldObj, FieldErrors errs) {
        JsonNode n = newObj.path("metadata");
        JsonNode o = oldObj.path("metadata");
        // An unset value means "keep": the store copies it from the stored object, as rest.BeforeUpdate does.
        for (String field : new String[] {"name", "namespace", "uid", "creationTimestamp"}) {
            String nv = n.path(field).asText("");
            String ov = o.path(field).asText("");
            if (!nv.isEmpty() && !Objects.equals(nv, ov)) errs.immutable(META.child(field), nv);
        }
        validateLabels(n.get("labels"), META.child("labels"), errs);
        validateAnnotations(n.get("annotations"), META.child("annotations"), errs);
    }

    public static void validateLabels(JsonNode labels, FieldPath path, FieldErrors errs) {
        if (labels == null || !labels.isObject()) return;
        labels.fields().forEachRemaining(e -> {
            for (String msg : NameValidation.qualifiedName(e.getKey())) errs.invalid(path, e.getKey(), msg);
            String v = e.getValue().isNull() ? "" : e.getValue().asText();
            for (String msg : NameValidation.labelValue(v)) errs.invalid(path, v, msg);
        });
    }

    public static void validateAnnotations(JsonNode annotations, FieldPath path, FieldErrors errs) {
        if (annotations == null || !annotations.isObject()) return;
        long[] total = {0};
        annotations.fields().forEachRemaining(e -> {
            for (String msg : NameValidation.qualifiedName(e.getKey().toLowerCase())) errs.invalid(path, e.getKey(), msg);
            total[0] += e.getKey().getBytes(StandardCharsets.UTF_8).length + e.getValue().asText().getBytes(StandardCharsets.UTF_8).length;
        });
        if (total[0] > TOTAL_ANNOTATION_SIZE_LIMIT) errs.tooLong(path, TOTAL_ANNOTATION_SIZE_LIMIT);
    }
}
