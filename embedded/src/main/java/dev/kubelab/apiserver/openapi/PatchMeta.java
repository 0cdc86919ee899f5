package dev.kubelab.apiserver.openapi;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;

/**
 * Strategic-merge-patch metadata of one position in a kind's schema, read from the
 * x-kubernetes-patch-strategy / x-kubernetes-patch-merge-key extensions (as kubectl and kube-apiserver's
 * strategicpatch.PatchMetaFromOpenAPI do). Start at a kind with {@link #forResource} and descend with
 * {@link #field}; a list field's meta describes the list (strategy, merge key) and descends into its items.
 *
 * <pre>
 * PatchMeta containers = PatchMeta.forResource(pods).orElseThrow().field("spec").field("containers");
 * containers.patchStrategy() → ["merge"], containers.mergeKey() → "name"
 * containers.field("ports").mergeKey() → "containerPort"
 * </pre>
 */
public final class PatchMeta {

    /** Where the schema says nothing (unknown fields, free-form objects): replace lists, merge maps. */
    private static final PatchMeta UNKNOWN = new PatchMeta(null, null);

    private final JsonNode schema;    // the field's own schema (may be a $ref, array or map)
    private final JsonNode property;  // the property node holding the extensions, or null at the root
    // Derived once: the same positions are consulted on every write (managedFields, strategic merge), so an instance
    // is kept per kind and per named property below it and answers from these fields.
    private final JsonNode resolved;
    private final JsonNode objectSchema;
    private final List<String> patchStrategy;
    private final Optional<String> mergeKey;
    private final boolean itemsAreObjects;
    private final Map<String, PatchMeta> children = new ConcurrentHashMap<>();
    private volatile PatchMeta additional;

    private static final Map<String, Optional<PatchMeta>> KINDS = new ConcurrentHashMap<>();

    private PatchMeta(JsonNode schema, JsonNode property) {
        this.schema = schema;
        this.property = property;
        this.resolved = schema == null ? com.fasterxml.jackson.databind.node.MissingNode.getInstance()
                : Definitions.get().resolve(schema).map(JsonNode.class::cast).orElse(schema);
        this.objectSchema = objectSchema(schema, resolved);
        JsonNode items = resolved.path("items");
        JsonNode item = schema == null ? items : Definitions.get().resolve(items).map(JsonNode.class::cast).orElse(items);
        this.itemsAreObjects = "object".equals(item.path("type").asText());
        this.patchStrategy = property == null || !property.has("x-kubernetes-patch-strategy") ? List.of()
                : List.of(property.get("x-kubernetes-patch-strategy").asText().split(","));
        this.mergeKey = property == null || !property.has("x-kubernetes-patch-merge-key") ? Optional.empty()
                : Optional.of(property.get("x-kubernetes-patch-merge-key").asText());
    }

    /** The meta of a position the schema does not describe: maps merge, lists are replaced. */
    public static PatchMeta unknown() {
        return UNKNOWN;
    }

    /** The meta of an object's kind, from its apiVersion and kind fields ({@link #unknown()} when not in the schema). */
    public static PatchMeta forObject(JsonNode obj) {
        String apiVersion = obj == null ? "" : obj.path("apiVersion").asText("");
        int slash = apiVersion.indexOf('/');
        String group = slash < 0 ? "" : apiVersion.substring(0, slash);
        String version = slash < 0 ? apiVersion : apiVersion.substring(slash + 1);
        return forKind(group, version, obj == null ? "" : obj.path("kind").asText("")).orElse(UNKNOWN);
    }

    public static Optional<PatchMeta> forResource(ResourceInfo resource) {
        return forKind(resource.group(), resource.version(), resource.kind());
    }

    public static Optional<PatchMeta> forKind(String group, String version, String kind) {
        Definitions defs = Definitions.get();
        // keyed by definition name, so kinds a client merely claims (no schema) add nothing to the map
        return defs.nameOf(group, version, kind).flatMap(name -> KINDS.computeIfAbsent(name,
                n -> defs.definition(n).map(d -> new PatchMeta(d, null))));
    }

    /** Convenience: the meta at a path of field names, e.g. at(pods, "spec", "containers", "env"). */
    public static PatchMeta at(ResourceInfo resource, String... path) {
        PatchMeta meta = forResource(resource).orElse(UNKNOWN);
        for (String p : path) meta = meta.field(p);
        return meta;
    }

    /** The meta of a field of this object (or of this list's items); {@link #isKnown()} is false if the schema lacks it. */
    public PatchMeta field(String name) {
        JsonNode object = objectSchema;
        if (object == null) return UNKNOWN;
        PatchMeta known = children.get(name);
        if (known != null) return known;
        JsonNode prop = object.path("properties").get(name);
        if (prop == null) {
            // map keys are data (label names…): one shared meta for all of them, nothing cached per key
            JsonNode extra = object.get("additionalProperties");
            if (extra == null) return UNKNOWN;
            PatchMeta a = additional;
            if (a == null) additional = a = new PatchMeta(extra, extra);
            return a;
        }
        return children.computeIfAbsent(name, n -> new PatchMeta(prop, prop));
    }

    public boolean isKnown() {
        return schema != null;
    }

    /** The strategies, e.g. ["merge"], ["merge", "retainKeys"], ["retainKeys"]; empty means the default. */
    public List<String> patchStrategy() {
        return patchStrategy;
    }

    public Optional<String> mergeKey() {
        return mergeKey;
    }

    /** True for a list merged by key or as a set (strategy merge); false means lists are replaced whole. */
    public boolean mergesList() {
        return isList() && patchStrategy().contains("merge");
    }

    public boolean retainKeys() {
        return patchStrategy().contains("retainKeys");
    }

    public boolean isList() {
        return schema != null && "array".equals(resolved.path("type").asText());
    }

    /** Whether the list items are objects (merge by key) rather than scalars (merge as a set). */
    public boolean itemsAreObjects() {
        return itemsAreObjects;
    }

    private static JsonNode objectSchema(JsonNode schema, JsonNode resolved) {
        if (schema == null) return null;
        JsonNode s = resolved;
        if ("array".equals(s.path("type").asText())) {
            JsonNode items = s.path("items");
            s = Definitions.get().resolve(items).map(JsonNode.class::cast).orElse(items);
        }
        return s.has("properties") || s.has("additionalProperties") ? s : null;
    }
}
