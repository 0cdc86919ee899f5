package dev.kubelab.apiserver.patch;

import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.openapi.PatchMeta;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A set of field paths in structured-merge-diff's FieldsV1 notation: {@code f:<field>} for a map
 * field, {@code k:{"name":"x"}} for an element of a keyed list, {@code v:<json>} for an element
 * of a set-like primitive list; lists without a merge key are atomic leaves. Paths are the leaves
 * of the tree that managedFields[].fieldsV1 stores.
 */
public final class FieldSet {

    /** Fields no manager owns: identity and system metadata. */
    private static final Set<String> SYSTEM_META = Set.of("name", "namespace", "uid", "resourceVersion", "generation",
            "creationTimestamp", "managedFields", "selfLink", "deletionTimestamp", "deletionGracePeriodSeconds");

    private final Set<List<String>> leaves;

    private FieldSet(Set<List<String>> leaves) {
        this.leaves = leaves;
    }

    public Set<List<String>> leaves() {
        return leaves;
    }

    public boolean isEmpty() {
        return leaves.isEmpty();
    }

    /** The fields an object sets; status only when statusOnly, otherwise everything but status. */
    public static FieldSet of(JsonNode obj, boolean statusOnly) {
        Set<List<String>> out = new LinkedHashSet<>();
        PatchMeta root = PatchMeta.forObject(obj);
        // one path stack for the whole walk, copied only where a leaf is recorded (this runs on every write)
        List<String> path = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> it = obj.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            String k = e.getKey();
            if (k.equals("apiVersion") || k.equals("kind")) continue;
            if (statusOnly != k.equals("status")) continue;
            if (k.equals("metadata")) {
                PatchMeta metadata = root.field("metadata");
                Iterator<Map.Entry<String, JsonNode>> mi = e.getValue().fields();
                while (mi.hasNext()) {
                    Map.Entry<String, JsonNode> me = mi.next();
                    if (SYSTEM_META.contains(me.getKey())) continue;
                    path.add("f:metadata");
                    path.add("f:" + me.getKey());
                    walk(me.getValue(), path, metadata.field(me.getKey()), out);
                    path.clear();
                }
                continue;
            }
            path.add("f:" + k);
            walk(e.getValue(), path, root.field(k), out);
            path.clear();
        }
        return new FieldSet(out);
    }

    /** Adds the leaves under v at path (a stack: left as it was found). */
    private static void walk(JsonNode v, List<String> path, PatchMeta meta, Set<List<String>> out) {
        if (v.isObject() && v.size() > 0) {
            Iterator<Map.Entry<String, JsonNode>> it = v.fields();
            while (it.hasNext()) {
                Map.Entry<String, JsonNode> e = it.next();
                path.add("f:" + e.getKey());
                walk(e.getValue(), path, meta.field(e.getKey()), out);
                path.remove(path.size() - 1);
            }
            return;
        }
        if (v.isArray() && v.size() > 0) {
            String key = meta.mergesList() && meta.itemsAreObjects() ? meta.mergeKey().orElse(null) : null;
            if (key != null) {
                for (JsonNode el : v) {
                    if (!el.isObject() || !el.has(key)) { out.add(List.copyOf(path)); return; }
                }
                for (JsonNode el : v) {
                    path.add("k:" + keyJson(key, el.get(key)));
                    path.add(".");
                    out.add(List.copyOf(path));
                    path.remove(path.size() - 1);
                    Iterator<Map.Entry<String, JsonNode>> it = el.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        path.add("f:" + e.getKey());
                        walk(e.getValue(), path, meta.field(e.getKey()), out);
                        path.remove(path.size() - 1);
                    }
                    path.remove(path.size() - 1);
                }
                return;
            }
            if (meta.mergesList() && !meta.itemsAreObjects()) {
                for (JsonNode el : v) {
                    path.add("v:" + Json.string(el));
                    out.add(List.copyOf(path));
                    path.remove(path.size() - 1);
                }
                return;
            }
        }
        out.add(List.copyOf(path));
    }

    /**
     * {"key":value} as compact JSON, the form FieldsV1 keys elements by. Strings and numbers (all that merge keys
     * hold) are written directly; anything else goes through the mapper, which writes the same form.
     */
    static String keyJson(String key, JsonNode value) {
        StringBuilder sb = new StringBuilder(key.length() + 16).append("{\"");
        JsonStringEncoder.getInstance().quoteAsString(key, sb);
        sb.append("\":");
        if (value.isTextual()) {
            sb.append('"');
            JsonStringEncoder.getInstance().quoteAsString(value.textValue(), sb);
            sb.append('"');
        } else if (value.isIntegralNumber()) {
            sb.append(value.asText());
        } else {
            ObjectNode k = JsonNodeFactory.instance.objectNode();
            k.set(key, value);
            return Json.string(k);
        }
        return sb.append('}').toString();
    }

    public static FieldSet fromFieldsV1(JsonNode fieldsV1) {
        Set<List<String>> out = new LinkedHashSet<>();
        collect(fieldsV1, new ArrayList<>(), out);
        return new FieldSet(out);
    }

    private static void collect(JsonNode n, List<String> path, Set<List<String>> out) {
        if (n == null || !n.isObject()) return;
        if (n.size() == 0) {
            if (!path.isEmpty()) out.add(List.copyOf(path));
            return;
        }
        Iterator<Map.Entry<String, JsonNode>> it = n.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            List<String> p = new ArrayList<>(path);
            p.add(e.getKey());
            collect(e.getValue(), p, out);
        }
    }

    public ObjectNode toFieldsV1() {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        for (List<String> leaf : leaves) {
            ObjectNode cur = root;
            for (String seg : leaf) cur = cur.with(seg);
        }
        return root;
    }

    public FieldSet minus(FieldSet other) {
        Set<List<String>> s = new LinkedHashSet<>(leaves);
        s.removeAll(other.leaves);
        // removing a parent removes everything below it
        s.removeIf(l -> other.leaves.stream().anyMatch(o -> isPrefix(o, l)));
        return new FieldSet(s);
    }

    public FieldSet union(FieldSet other) {
        Set<List<String>> s = new LinkedHashSet<>(leaves);
        s.addAll(other.leaves);
        return new FieldSet(s);
    }

    /** Leaves in both sets, or where one covers the other. */
    public FieldSet intersect(FieldSet other) {
        Set<List<String>> s = new LinkedHashSet<>();
        for (List<String> l : leaves) {
            for (List<String> o : other.leaves) {
                if (l.equals(o) || isPrefix(o, l)) s.add(l);
                else if (isPrefix(l, o)) s.add(o);
            }
        }
        return new FieldSet(s);
    }

    public static FieldSet of(Set<List<String>> leaves) {
        return new FieldSet(new LinkedHashSet<>(leaves));
    }

    private static boolean isPrefix(List<String> prefix, List<String> l) {
        return prefix.size() < l.size() && l.subList(0, prefix.size()).equals(prefix);
    }

    /** The value at a path in obj, or null when absent ("." means the element itself). */
    public static JsonNode valueAt(JsonNode obj, List<String> path) {
        JsonNode cur = obj;
        for (String seg : path) {
            if (cur == null) return null;
            if (seg.equals(".")) continue;
            if (seg.startsWith("f:")) {
                cur = cur.get(seg.substring(2));
            } else if (seg.startsWith("k:")) {
                cur = findKeyed(cur, seg.substring(2));
            } else if (seg.startsWith("v:")) {
                JsonNode want = parse(seg.substring(2));
                JsonNode found = null;
                if (cur.isArray()) for (JsonNode el : cur) if (el.equals(want)) found = el;
                cur = found;
            }
        }
        return cur;
    }

    /** Removes the field at path from obj (no-op when absent). */
    public static void remove(JsonNode obj, List<String> path) {
        List<String> p = new ArrayList<>(path);
        if (!p.isEmpty() && p.get(p.size() - 1).equals(".")) p.remove(p.size() - 1);
        if (p.isEmpty()) return;
        JsonNode parent = valueAt(obj, p.subList(0, p.size() - 1));
        String last = p.get(p.size() - 1);
        if (parent == null) return;
        if (last.startsWith("f:") && parent.isObject()) {
            ((ObjectNode) parent).remove(last.substring(2));
        } else if (parent.isArray()) {
            ArrayNode arr = (ArrayNode) parent;
            for (int i = arr.size() - 1; i >= 0; i--) {
                JsonNode el = arr.get(i);
                boolean match = last.startsWith("k:") ? matchesKey(el, parse(last.substring(2)))
                        : last.startsWith("v:") && el.equals(parse(last.substring(2)));
                if (match) arr.remove(i);
            }
        }
    }

    private static JsonNode findKeyed(JsonNode list, String keyJson) {
        if (!list.isArray()) return null;
        JsonNode key = parse(keyJson);
        for (JsonNode el : list) if (matchesKey(el, key)) return el;
        return null;
    }

    private static boolean matchesKey(JsonNode el, JsonNode key) {
        if (!el.isObject() || key == null) return false;
        Iterator<Map.Entry<String, JsonNode>> it = key.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            if (!e.getValue().equals(el.get(e.getKey()))) return false;
        }
        return true;
    }

    private static JsonNode parse(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (Exception e) {
            return null;
        }
    }

    /** Dotted path for messages: .spec.replicas, .spec.template.spec.containers[name="nginx"].image */
    public static String describe(List<String> path) {
        StringBuilder sb = new StringBuilder();
        for (String seg : path) {
            if (seg.equals(".")) continue;
            if (seg.startsWith("f:")) sb.append('.').append(seg.substring(2));
            else if (seg.startsWith("k:")) {
                JsonNode k = parse(seg.substring(2));
                sb.append('[');
                boolean first = true;
                if (k != null) {
                    Iterator<Map.Entry<String, JsonNode>> it = k.fields();
                    while (it.hasNext()) {
                        Map.Entry<String, JsonNode> e = it.next();
                        if (!first) sb.append(',');
                        sb.append(e.getKey()).append('=').append(e.getValue().toString());
                        first = false;
                    }
                }
                sb.append(']');
            } else if (seg.startsWith("v:")) sb.append('[').append(seg.substring(2)).append(']');
        }
        return sb.toString();
    }
}
