package dev.kubelab.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Rewrites the bundled schemas' bare references into swagger 2.0 ("#/definitions/…") or OpenAPI 3
 * ("#/components/schemas/…") form. In v3, a reference with a description beside it is wrapped in allOf, as
 * kube-apiserver does, because OpenAPI 3.0 ignores siblings of $ref.
 */
final class SchemaRefs {

    private SchemaRefs() {}

    static JsonNode v2(JsonNode schema) {
        return rewrite(schema.deepCopy(), "#/definitions/", false);
    }

    static JsonNode v3(JsonNode schema) {
        return rewrite(schema.deepCopy(), "#/components/schemas/", true);
    }

    static String ref(String name, boolean v3) {
        return (v3 ? "#/components/schemas/" : "#/definitions/") + name;
    }

    /** The definition names a schema refers to, at any depth. */
    static List<String> refs(JsonNode schema) {
        List<String> out = new ArrayList<>();
        collect(schema, out);
        return out;
    }

    private static void collect(JsonNode node, List<String> out) {
        if (node.isObject()) {
            JsonNode ref = node.get("$ref");
            if (ref != null && ref.isTextual()) out.add(ref.asText());
            node.elements().forEachRemaining(child -> collect(child, out));
        } else if (node.isArray()) {
            node.elements().forEachRemaining(child -> collect(child, out));
        }
    }

    private static JsonNode rewrite(JsonNode node, String prefix, boolean v3) {
        if (node instanceof ObjectNode obj) {
            JsonNode ref = obj.get("$ref");
            if (ref != null && ref.isTextual()) {
                String target = prefix + ref.asText();
                if (v3 && obj.size() > 1) {
                    obj.remove("$ref");
                    ArrayNode allOf = obj.putArray("allOf");
                    allOf.addObject().put("$ref", target);
                } else {
                    obj.put("$ref", target);
                }
            }
            Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                if (!e.getKey().equals("allOf")) e.setValue(rewrite(e.getValue(), prefix, v3));
            }
        } else if (node instanceof ArrayNode arr) {
            for (int i = 0; i < arr.size(); i++) arr.set(i, rewrite(arr.get(i), prefix, v3));
        }
        return node;
    }
}
