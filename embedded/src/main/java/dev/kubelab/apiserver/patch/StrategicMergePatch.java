package dev.kubelab.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Strategic merge patch (k8s.io/apimachinery/pkg/util/strategicpatch) for the built-in types:
 * maps merge recursively, lists with a merge key ({@link MergeKeys}) merge element by element,
 * other lists are replaced, null deletes. Directives: {@code $patch: replace|delete|merge},
 * {@code $deleteFromPrimitiveList/<field>}; {@code $setElementOrder/<field>} and
 * {@code $retainKeys} are accepted and (deliberately) only partly honoured — order follows the
 * original list with new elements appended.
 */
public final class StrategicMergePatch {

    private StrategicMergePatch() {}

    public static ObjectNode apply(ObjectNode original, ObjectNode patch) {
        JsonNode r = mergeMap(original.deepCopy(), patch, "");
        if (r == null || !r.isObject()) throw StatusError.badRequest("strategic merge patch may not delete the object itself");
        return (ObjectNode) r;
    }

    /** Merges patch into original (modified in place); returns the result, or null to delete. */
    static JsonNode mergeMap(ObjectNode original, ObjectNode patch, String path) {
        JsonNode directive = patch.get("$patch");
        if (directive != null) {
            String d = directive.asText();
            if (d.equals("delete")) return null;
            if (d.equals("replace")) {
                ObjectNode copy = patch.deepCopy();
                copy.remove("$patch");
                return stripDirectives(copy);
            }
            if (!d.equals("merge")) throw StatusError.badRequest("Unknown patch type: " + d + " in map: " + patch);
        }
        Iterator<Map.Entry<String, JsonNode>> it = patch.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> f = it.next();
            String key = f.getKey();
            JsonNode value = f.getValue();
            if (key.equals("$patch") || key.equals("$retainKeys") || key.startsWith("$setElementOrder/")) continue;
            if (key.startsWith("$deleteFromPrimitiveList/")) {
                String field = key.substring("$deleteFromPrimitiveList/".length());
                JsonNode cur = original.get(field);
                if (cur != null && cur.isArray() && value.isArray()) {
                    ArrayNode kept = JsonNodeFactory.instance.arrayNode();
                    for (JsonNode e : cur) if (!contains(value, e)) kept.add(e);
                    original.set(field, kept);
                }
                continue;
            }
            if (key.startsWith("$")) throw StatusError.badRequest("unknown patch directive " + key);
            String childPath = path.isEmpty() ? key : path + "." + key;
            if (value.isNull()) {
                original.remove(key);
            } else if (value.isObject()) {
                JsonNode cur = original.get(key);
                JsonNode merged = mergeMap(cur != null && cur.isObject() ? (ObjectNode) cur : JsonNodeFactory.instance.objectNode(),
                        (ObjectNode) value, childPath);
                if (merged == null) original.remove(key);
                else original.set(key, merged);
            } else if (value.isArray()) {
                JsonNode cur = original.get(key);
                original.set(key, mergeList(cur != null && cur.isArray() ? (ArrayNode) cur : null, (ArrayNode) value, childPath));
            } else {
                original.set(key, value);
            }
        }
        return original;
    }

    private static ArrayNode mergeList(ArrayNode original, ArrayNode patch, String path) {
        for (JsonNode e : patch) {
            if (e.isObject() && "replace".equals(e.path("$patch").asText())) {
                ArrayNode out = JsonNodeFactory.instance.arrayNode();
                for (JsonNode p : patch) if (!(p.isObject() && p.has("$patch"))) out.add(stripDirectives(p.deepCopy()));
                return out;
            }
        }
        String mergeKey = MergeKeys.of(path);
        if (mergeKey == null) {
            if (MergeKeys.isPrimitiveSet(path) && original != null) {
                ArrayNode out = original.deepCopy();
                for (JsonNode e : patch) if (!contains(out, e)) out.add(e);
                return out;
            }
            return (ArrayNode) stripDirectives(patch.deepCopy());
        }
        ArrayNode out = original == null ? JsonNodeFactory.instance.arrayNode() : original.deepCopy();
        for (JsonNode e : patch) {
            if (!e.isObject()) throw StatusError.badRequest("strategic merge patch: " + path + " elements must be objects");
            JsonNode k = e.get(mergeKey);
            boolean delete = "delete".equals(e.path("$patch").asText());
            if (k == null) {
                if (delete) continue;
                throw StatusError.badRequest("map: " + e + " does not contain declared merge key: " + mergeKey);
            }
            int idx = indexOf(out, mergeKey, k);
            if (delete) {
                if (idx >= 0) out.remove(idx);
            } else if (idx >= 0) {
                JsonNode merged = mergeMap((ObjectNode) out.get(idx), (ObjectNode) e, path);
                if (merged == null) out.remove(idx);
                else out.set(idx, merged);
            } else {
                out.add(stripDirectives(e.deepCopy()));
            }
        }
        return out;
    }

    private static int indexOf(ArrayNode list, String key, JsonNode value) {
        for (int i = 0; i < list.size(); i++) {
            if (value.equals(list.get(i).get(key))) return i;
        }
        return -1;
    }

    private static boolean contains(JsonNode array, JsonNode v) {
        for (JsonNode e : array) if (e.equals(v)) return true;
        return false;
    }

    private static JsonNode stripDirectives(JsonNode n) {
        if (n.isObject()) {
            ObjectNode o = (ObjectNode) n;
            List<String> drop = new ArrayList<>();
            o.fieldNames().forEachRemaining(f -> { if (f.startsWith("$")) drop.add(f); });
            o.remove(drop);
            o.forEach(StrategicMergePatch::stripDirectives);
        } else if (n.isArray()) {
            n.forEach(StrategicMergePatch::stripDirectives);
        }
        return n;
    }
}
