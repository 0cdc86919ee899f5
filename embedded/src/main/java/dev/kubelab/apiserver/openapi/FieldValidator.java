package dev.kubelab.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Server-side field validation (the {@code fieldValidation=Strict|Warn|Ignore} query parameter): finds the fields
 * of a request body that the kind's schema does not know, named as kube-apiserver's strict decoder names them
 * ({@code spec.containers[0].imagePullPolicyy}). The API server turns them into
 * {@code 400 strict decoding error: unknown field "spec.foo"} for Strict, or one
 * {@code Warning: unknown field "spec.foo"} header each for Warn.
 * Duplicate fields must be found while parsing (Jackson's STRICT_DUPLICATE_DETECTION); an ObjectNode no longer has them.
 */
public final class FieldValidator {

    /** Thread-safe and costly to build (symbol tables): one for all requests. */
    private static final com.fasterxml.jackson.core.JsonFactory PARSERS = new com.fasterxml.jackson.core.JsonFactory();

    private FieldValidator() {}

    /** Unknown field paths of obj against resource's kind; empty when the kind has no bundled schema. */
    public static List<String> unknownFields(ResourceInfo resource, ObjectNode obj) {
        return unknownFields(resource.group(), resource.version(), resource.kind(), obj);
    }

    public static List<String> unknownFields(String group, String version, String kind, ObjectNode obj) {
        Definitions defs = Definitions.get();
        Optional<ObjectNode> schema = defs.nameOf(group, version, kind).flatMap(defs::definition);
        List<String> out = new ArrayList<>();
        schema.ifPresent(s -> walk(s, obj, "", out, defs));
        return out;
    }

    /**
     * Fields that occur twice in one JSON object of a request body, as paths ({@code metadata.name}); kube-apiserver
     * reports them as {@code duplicate field "metadata.name"}. Reads the raw bytes with a streaming parser, since a
     * parsed ObjectNode keeps only the last value. Malformed JSON yields no duplicates (the decoder reports it).
     */
    public static List<String> duplicateFields(byte[] json) {
        List<String> out = new ArrayList<>();
        try (com.fasterxml.jackson.core.JsonParser p = PARSERS.createParser(json)) {
            duplicates(p, p.nextToken(), new ArrayList<>(), out);
        } catch (java.io.IOException e) {
            return out;
        }
        return out;
    }

    /** path is a stack of segments ("name", ".name", "[0]"), joined only for a duplicate: this runs on every write. */
    private static void duplicates(com.fasterxml.jackson.core.JsonParser p, com.fasterxml.jackson.core.JsonToken t,
                                   List<String> path, List<String> out) throws java.io.IOException {
        if (t == com.fasterxml.jackson.core.JsonToken.START_OBJECT) {
            java.util.Set<String> seen = new java.util.HashSet<>();
            while (p.nextToken() == com.fasterxml.jackson.core.JsonToken.FIELD_NAME) {
                String name = p.currentName();
                path.add(path.isEmpty() ? name : "." + name);
                if (!seen.add(name)) out.add(String.join("", path));
                duplicates(p, p.nextToken(), path, out);
                path.remove(path.size() - 1);
            }
        } else if (t == com.fasterxml.jackson.core.JsonToken.START_ARRAY) {
            int i = 0;
            com.fasterxml.jackson.core.JsonToken item;
            while ((item = p.nextToken()) != com.fasterxml.jackson.core.JsonToken.END_ARRAY && item != null) {
                path.add("[" + i++ + "]");
                duplicates(p, item, path, out);
                path.remove(path.size() - 1);
            }
        }
    }

    /** kube-apiserver's Strict message: {@code strict decoding error: unknown field "a", unknown field "b"}. */
    public static String strictError(List<String> unknown) {
        return strictError(unknown, List.of());
    }

    public static String strictError(List<String> unknown, List<String> duplicates) {
        List<String> parts = new ArrayList<>();
        unknown.forEach(f -> parts.add("unknown field \"" + f + "\""));
        duplicates.forEach(f -> parts.add("duplicate field \"" + f + "\""));
        return "strict decoding error: " + String.join(", ", parts);
    }

    /**
     * The whole 400 message kube-apiserver gives for fieldValidation=Strict, e.g.
     * {@code Pod in version "v1" cannot be handled as a Pod: strict decoding error: unknown field "spec.foo"}.
     */
    public static String strictDecodingMessage(ResourceInfo resource, List<String> unknown) {
        return strictDecodingMessage(resource, unknown, List.of());
    }

    /** As above, with duplicate fields after the unknown ones: {@code …, duplicate field "metadata.name"}. */
    public static String strictDecodingMessage(ResourceInfo resource, List<String> unknown, List<String> duplicates) {
        return resource.kind() + " in version \"" + resource.version() + "\" cannot be handled as a " + resource.kind()
                + ": " + strictError(unknown, duplicates);
    }

    /** The Warning header texts for fieldValidation=Warn (one per field): {@code unknown field "spec.foo"}. */
    public static List<String> warnings(List<String> unknown, List<String> duplicates) {
        List<String> out = new ArrayList<>();
        unknown.forEach(f -> out.add("unknown field \"" + f + "\""));
        duplicates.forEach(f -> out.add("duplicate field \"" + f + "\""));
        return out;
    }

    private static void walk(JsonNode schema, JsonNode value, String path, List<String> out, Definitions defs) {
        JsonNode resolved = defs.resolve(schema).map(JsonNode.class::cast).orElse(schema);
        if (value == null || value.isNull()) return;
        if (value.isObject()) {
            JsonNode props = resolved.get("properties");
            JsonNode additional = resolved.get("additionalProperties");
            if (props == null && additional == null) return; // free-form object (e.g. fieldsV1, RawExtension)
            Iterator<Map.Entry<String, JsonNode>> it = value.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                String childPath = path.isEmpty() ? e.getKey() : path + "." + e.getKey();
                JsonNode prop = props == null ? null : props.get(e.getKey());
                if (prop != null) {
                    walk(prop, e.getValue(), childPath, out, defs);
                } else if (additional != null) {
                    walk(additional, e.getValue(), childPath, out, defs);
                } else {
                    out.add(childPath);
                }
            }
        } else if (value.isArray()) {
            JsonNode items = resolved.get("items");
            if (items == null) return;
            for (int i = 0; i < value.size(); i++) walk(items, value.get(i), path + "[" + i + "]", out, defs);
        }
    }
}
