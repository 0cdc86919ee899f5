package dev.kubelab.apiserver.registry.core.configmap;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.NameValidation;

/** pkg/registry/core/configmap/strategy.go: config keys, the 1 MiB cap and immutable ConfigMaps. */
public final class ConfigMapStrategy extends GenericStrategy {

    static final int MAX_SIZE = 1024 * 1024;

    public ConfigMapStrategy() {
        super(true);
    }

    @Override
    protected void validateObject(ObjectNode cm, FieldErrors errs) {
        long size = keys(cm.path("data"), "data", cm.path("binaryData"), "binaryData", errs)
                + keys(cm.path("binaryData"), "binaryData", cm.path("data"), "data", errs);
        if (size > MAX_SIZE) errs.tooLong(FieldPath.ROOT, MAX_SIZE);
    }

    /** Validates keys of one bag against the other; returns the bag's size in bytes. */
    public static long keys(JsonNode bag, String name, JsonNode other, String otherName, FieldErrors errs) {
        long[] size = {0};
        bag.fields().forEachRemaining(e -> {
            FieldPath p = FieldPath.of(name).key(e.getKey());
            for (String m : NameValidation.configMapKey(e.getKey())) errs.invalid(p, e.getKey(), m);
            if (other.has(e.getKey())) errs.invalid(p, e.getKey(), "duplicate of key present in " + otherName);
            size[0] += e.getValue().asText().length();
        });
        return size[0];
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        immutability(n, o, errs, "data", "binaryData");
    }

    /** Objects marked immutable: neither their payload nor the flag may change. */
    public static void immutability(ObjectNode n, ObjectNode o, FieldErrors errs, String... payload) {
        if (!o.path("immutable").asBoolean(false)) return;
        if (!n.path("immutable").asBoolean(false)) {
            errs.forbidden(FieldPath.of("immutable"), "field is immutable when `immutable` is set");
        }
        for (String field : payload) {
            if (!n.path(field).equals(o.path(field))) errs.forbidden(FieldPath.of(field), "field is immutable when `immutable` is set");
        }
    }
}
