package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** Helpers for the SetDefaults_* functions: set a field only when the client left it unset. */
public final class Defaulting {

    private Defaulting() {}

    public static boolean unset(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty());
    }

    public static void put(ObjectNode obj, String field, String value) {
        if (unset(obj, field)) obj.put(field, value);
    }

    public static void put(ObjectNode obj, String field, long value) {
        if (unset(obj, field)) obj.put(field, value);
    }

    public static void put(ObjectNode obj, String field, int value) {
        if (unset(obj, field)) obj.put(field, value);
    }

    public static void put(ObjectNode obj, String field, boolean value) {
        if (unset(obj, field)) obj.put(field, value);
    }

    /** The object at field, created empty when absent (as a non-pointer Go struct always serializes). */
    public static ObjectNode object(ObjectNode obj, String field) {
        JsonNode v = obj.get(field);
        if (v instanceof ObjectNode o) return o;
        return obj.putObject(field);
    }

    /** The object at field if present (a Go pointer struct): null when absent. */
    public static ObjectNode optionalObject(JsonNode obj, String field) {
        JsonNode v = obj.get(field);
        return v instanceof ObjectNode o ? o : null;
    }

    public static Iterable<ObjectNode> objects(JsonNode obj, String arrayField) {
        JsonNode v = obj.get(arrayField);
        java.util.List<ObjectNode> out = new java.util.ArrayList<>();
        if (v instanceof ArrayNode a) a.forEach(e -> { if (e instanceof ObjectNode o) out.add(o); });
        return out;
    }
}
