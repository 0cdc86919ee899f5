package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.registry.BuiltinResources;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.util.List;

/**
 * API discovery as kube-apiserver serves it: /api (APIVersions), /apis (APIGroupList),
 * /api/v1 and /apis/&lt;g&gt;/&lt;v&gt; (APIResourceList), and aggregated discovery
 * (apidiscovery.k8s.io/v2 and v2beta1 APIGroupDiscoveryList), all built once from the catalogue.
 */
public final class Discovery {

    public static final String AGGREGATED_V2 = "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList";
    public static final String AGGREGATED_V2BETA1 = "application/json;g=apidiscovery.k8s.io;v=v2beta1;as=APIGroupDiscoveryList";

    private final String serverAddress;

    public Discovery(String serverAddress) {
        this.serverAddress = serverAddress;
    }

    /** Which aggregated discovery version the Accept header asks for, or null for the legacy documents. */
    public static String aggregatedVersion(String accept) {
        if (accept == null) return null;
        for (String part : accept.split(",")) {
            String p = part.replace(" ", "");
            if (p.contains("g=apidiscovery.k8s.io") && p.contains("as=APIGroupDiscoveryList")) {
                if (p.contains("v=v2beta1")) return "v2beta1";
                if (p.contains("v=v2")) return "v2";
            }
        }
        return null;
    }

    public ObjectNode apiVersions() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", "APIVersions");
        n.putArray("versions").add("v1");
        ArrayNode addrs = n.putArray("serverAddressByClientCIDRs");
        addrs.addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", serverAddress);
        return n;
    }

    public ObjectNode apiGroupList() {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", "APIGroupList");
        n.put("apiVersion", "v1");
        ArrayNode groups = n.putArray("groups");
        for (String g : BuiltinResources.groups()) groups.add(apiGroup(g));
        return n;
    }

    public ObjectNode apiGroup(String group) {
        ObjectNode g = Json.MAPPER.createObjectNode();
        g.put("kind", "APIGroup");
        g.put("apiVersion", "v1");
        g.put("name", group);
        ObjectNode gv = Json.MAPPER.createObjectNode().put("groupVersion", group + "/v1").put("version", "v1");
        g.putArray("versions").add(gv);
        g.set("preferredVersion", gv.deepCopy());
        return g;
    }

    public ObjectNode resourceList(String group, String version) {
        List<ResourceInfo> rs = BuiltinResources.inGroupVersion(group, version);
        if (rs.isEmpty()) return null;
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", "APIResourceList");
        n.put("apiVersion", "v1");
        n.put("groupVersion", group.isEmpty() ? version : group + "/" + version);
        ArrayNode arr = n.putArray("resources");
        for (ResourceInfo ri : rs) {
            ObjectNode r = arr.addObject();
            r.put("name", ri.resource());
            r.put("singularName", ri.singular());
            r.put("namespaced", ri.namespaced());
            r.put("kind", ri.kind());
            putVerbsAndNames(r, ri);
            r.put("storageVersionHash", hash(ri));
            for (String sub : ri.subresources()) {
                ObjectNode s = arr.addObject();
                s.put("name", ri.resource() + "/" + sub);
                s.put("singularName", "");
                s.put("namespaced", ri.namespaced());
                SubKind sk = subKind(ri, sub);
                if (!sk.group.equals(ri.group()) || !sk.version.equals(ri.version())) {
                    if (!sk.group.isEmpty()) s.put("group", sk.group);
                    s.put("version", sk.version);
                }
                s.put("kind", sk.kind);
                ArrayNode v = s.putArray("verbs");
                sk.verbs.forEach(v::add);
            }
        }
        return n;
    }

    /** The aggregated document for /api (core) or /apis (all groups). */
    public ObjectNode aggregated(boolean core, String version) {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("kind", "APIGroupDiscoveryList");
        n.put("apiVersion", "apidiscovery.k8s.io/" + version);
        n.putObject("metadata");
        ArrayNode items = n.putArray("items");
        List<String> groups = core ? List.of("") : BuiltinResources.groups();
        for (String g : groups) {
            ObjectNode item = items.addObject();
            ObjectNode meta = item.putObject("metadata");
            if (!g.isEmpty()) meta.put("name", g);
            meta.putNull("creationTimestamp");
            ObjectNode ver = item.putArray("versions").addObject();
            ver.put("version", "v1");
            ArrayNode resources = ver.putArray("resources");
            for (ResourceInfo ri : BuiltinResources.inGroupVersion(g, "v1")) {
                ObjectNode r = resources.addObject();
                r.put("resource", ri.resource());
                r.putObject("responseKind").put("group", ri.group()).put("version", ri.version()).put("kind", ri.kind());
                r.put("scope", ri.namespaced() ? "Namespaced" : "Cluster");
                r.put("singularResource", ri.singular());
                putVerbsAndNames(r, ri);
                if (!ri.subresources().isEmpty()) {
                    ArrayNode subs = r.putArray("subresources");
                    for (String sub : ri.subresources()) {
                        SubKind sk = subKind(ri, sub);
                        ObjectNode s = subs.addObject();
                        s.put("subresource", sub);
                        s.putObject("responseKind").put("group", sk.group).put("version", sk.version).put("kind", sk.kind);
                        ArrayNode v = s.putArray("verbs");
                        sk.verbs.forEach(v::add);
                    }
                }
            }
            ver.put("freshness", "Current");
        }
        return n;
    }

    private record SubKind(String group, String version, String kind, List<String> verbs) {}

    private static SubKind subKind(ResourceInfo ri, String sub) {
        return switch (sub) {
            case "scale" -> new SubKind("autoscaling", "v1", "Scale", List.of("get", "patch", "update"));
            case "binding" -> new SubKind("", "v1", "Binding", List.of("create"));
            case "eviction" -> new SubKind("policy", "v1", "Eviction", List.of("create"));
            case "log" -> new SubKind("", "v1", "Pod", List.of("get"));
            case "finalize" -> new SubKind("", "v1", "Namespace", List.of("update"));
            case "token" -> new SubKind("authentication.k8s.io", "v1", "TokenRequest", List.of("create"));
            default -> new SubKind(ri.group(), ri.version(), ri.kind(), List.of("get", "patch", "update"));
        };
    }

    private static String hash(ResourceInfo ri) {
        String h = Integer.toHexString((ri.group() + "/" + ri.resource()).hashCode());
        return java.util.Base64.getEncoder().encodeToString(h.getBytes(java.nio.charset.StandardCharsets.UTF_8)).substring(0, 11);
    }

    /** verbs, then shortNames and categories where the resource has them: alike in both discovery documents. */
    private static void putVerbsAndNames(ObjectNode r, ResourceInfo ri) {
        ArrayNode verbs = r.putArray("verbs");
        ri.verbs().forEach(verbs::add);
        if (!ri.shortNames().isEmpty()) {
            ArrayNode sn = r.putArray("shortNames");
            ri.shortNames().forEach(sn::add);
        }
        if (!ri.categories().isEmpty()) {
            ArrayNode c = r.putArray("categories");
            ri.categories().forEach(c::add);
        }
    }
}
