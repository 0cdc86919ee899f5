package dev.kubelab.apiserver.patch;

import java.util.Map;
import java.util.Set;

/**
 * The strategic-merge-patch metadata of the built-in types (the {@code patchMergeKey} /
 * {@code patchStrategy} struct tags in k8s.io/api): which lists merge by which key, which
 * primitive lists merge as sets, the rest are replaced. The only place that knows them, so it
 * can switch to the OpenAPI-derived metadata when that is available.
 */
public final class MergeKeys {

    /** Merge key by the list field's name, when the name alone decides it. */
    private static final Map<String, String> BY_FIELD = Map.ofEntries(
            Map.entry("containers", "name"), Map.entry("initContainers", "name"), Map.entry("ephemeralContainers", "name"),
            Map.entry("volumes", "name"), Map.entry("env", "name"), Map.entry("volumeMounts", "mountPath"),
            Map.entry("volumeDevices", "devicePath"), Map.entry("imagePullSecrets", "name"), Map.entry("hostAliases", "ip"),
            Map.entry("conditions", "type"), Map.entry("ownerReferences", "uid"), Map.entry("topologySpreadConstraints", "topologyKey"),
            Map.entry("resourceClaims", "name"), Map.entry("addresses", "type"), Map.entry("readinessGates", "conditionType"),
            Map.entry("schedulingGates", "name"), Map.entry("secrets", "name"));

    /** Primitive lists with patchStrategy "merge" (set semantics). */
    private static final Set<String> PRIMITIVE_SETS = Set.of("finalizers");

    private MergeKeys() {}

    /**
     * The merge key of the list at a dotted path without indices (e.g.
     * "spec.template.spec.containers.ports"), or null when the list is replaced atomically.
     */
    public static String of(String path) {
        int dot = path.lastIndexOf('.');
        String field = dot < 0 ? path : path.substring(dot + 1);
        if (field.equals("ports")) {
            String parent = dot < 0 ? "" : path.substring(0, dot);
            if (parent.endsWith("containers") || parent.endsWith("Containers")) return "containerPort";
            if (parent.equals("spec")) return "port";
            return null;
        }
        if (field.equals("addresses") && !path.startsWith("status")) return null;
        if (field.equals("secrets") && !path.equals("secrets")) return null;
        return BY_FIELD.get(field);
    }

    /** Whether a primitive list at path merges as a set (e.g. metadata.finalizers). */
    public static boolean isPrimitiveSet(String path) {
        int dot = path.lastIndexOf('.');
        return PRIMITIVE_SETS.contains(dot < 0 ? path : path.substring(dot + 1));
    }
}
