package dev.kubelab.apiserver.openapi;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The OpenAPI documents kube-apiserver serves: /openapi/v2 (swagger 2.0) and /openapi/v3
 * (an index of group-versions) plus /openapi/v3/apis/&lt;group&gt;/&lt;version&gt;.
 * Built from {@link Definitions} on first request and cached; the returned documents are shared, callers must not
 * change them. Every PATCH/POST/PUT operation advertises the {@code fieldValidation} query parameter, which is how
 * kubectl ≥ 1.27 learns that the server validates fields itself (it then skips client-side validation).
 */
public final class OpenApi {

    static final String KUBERNETES_VERSION = "v1.31.0";
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;

    private static volatile ObjectNode v2;
    private static volatile ObjectNode v3Index;
    private static final Map<String, ObjectNode> V3 = new ConcurrentHashMap<>();

    private OpenApi() {}

    public static ObjectNode v2() {
        ObjectNode doc = v2;
        if (doc == null) {
            synchronized (OpenApi.class) {
                if (v2 == null) v2 = buildV2();
                doc = v2;
            }
        }
        return doc;
    }

    /** The /openapi/v3 index: {"paths": {"api/v1": {"serverRelativeURL": "/openapi/v3/api/v1?hash=…"}}}. */
    public static ObjectNode v3Index() {
        ObjectNode doc = v3Index;
        if (doc == null) {
            synchronized (OpenApi.class) {
                if (v3Index == null) {
                    ObjectNode index = F.objectNode();
                    ObjectNode paths = index.putObject("paths");
                    for (String gv : groupVersionPaths().keySet()) {
                        paths.putObject(gv).put("serverRelativeURL", "/openapi/v3/" + gv + "?hash=" + hash(v3(gv).orElseThrow()));
                    }
                    v3Index = index;
                }
                doc = v3Index;
            }
        }
        return doc;
    }

    /** The document for one group-version path such as "api/v1" or "apis/apps/v1". */
    public static Optional<ObjectNode> v3(String groupVersionPath) {
        String gv = groupVersionPath.startsWith("/") ? groupVersionPath.substring(1) : groupVersionPath;
        if (!groupVersionPaths().containsKey(gv)) return Optional.empty();
        return Optional.of(V3.computeIfAbsent(gv, OpenApi::buildV3));
    }

    private static Map<String, List<ServedApis>> groupVersionPaths() {
        Map<String, List<ServedApis>> byGv = new LinkedHashMap<>();
        for (ServedApis api : ServedApis.ALL) {
            byGv.computeIfAbsent(api.groupVersionPath(), k -> new ArrayList<>()).add(api);
        }
        return byGv;
    }

    // ---------------------------------------------------------------- v2

    private static ObjectNode buildV2() {
        ObjectNode doc = F.objectNode();
        doc.put("swagger", "2.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", KUBERNETES_VERSION);
        ObjectNode paths = doc.putObject("paths");
        Operations ops = new Operations(false);
        for (ServedApis api : ServedApis.ALL) ops.addPaths(api, paths);
        ObjectNode defs = doc.putObject("definitions");
        new TreeMap<>(allDefinitions()).forEach((name, def) -> defs.set(name, SchemaRefs.v2(def)));
        doc.putArray("security").addObject().putArray("BearerToken");
        doc.putObject("securityDefinitions").putObject("BearerToken").put("description", "Bearer Token authentication")
                .put("in", "header").put("name", "authorization").put("type", "apiKey");
        return doc;
    }

    // ---------------------------------------------------------------- v3

    private static ObjectNode buildV3(String gv) {
        ObjectNode doc = F.objectNode();
        doc.put("openapi", "3.0.0");
        doc.putObject("info").put("title", "Kubernetes").put("version", KUBERNETES_VERSION);
        ObjectNode paths = doc.putObject("paths");
        Operations ops = new Operations(true);
        Map<String, ObjectNode> all = allDefinitions();
        TreeMap<String, JsonNode> reachable = new TreeMap<>();
        for (ServedApis api : groupVersionPaths().get(gv)) {
            ops.addPaths(api, paths);
            Definitions.get().nameOf(api.group(), api.version(), api.kind()).ifPresent(n -> collect(n, all, reachable));
            Definitions.get().nameOf(api.group(), api.version(), api.kind() + "List").ifPresent(n -> collect(n, all, reachable));
            if (api.subresources().contains("scale")) collect("io.k8s.api.autoscaling.v1.Scale", all, reachable);
        }
        for (String meta : new String[] {"io.k8s.apimachinery.pkg.apis.meta.v1.Status",
                "io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions", "io.k8s.apimachinery.pkg.apis.meta.v1.Patch"}) {
            collect(meta, all, reachable);
        }
        if (gv.equals("api/v1")) {
            collect("io.k8s.api.core.v1.Binding", all, reachable);
        }
        if (gv.equals("apis/policy/v1")) collect("io.k8s.api.policy.v1.Eviction", all, reachable);
        ObjectNode components = doc.putObject("components");
        ObjectNode schemas = components.putObject("schemas");
        reachable.forEach((name, def) -> schemas.set(name, SchemaRefs.v3(def)));
        components.putObject("securitySchemes").putObject("BearerToken").put("description", "Bearer Token authentication")
                .put("in", "header").put("name", "authorization").put("type", "apiKey");
        return doc;
    }

    private static void collect(String name, Map<String, ObjectNode> all, Map<String, JsonNode> into) {
        if (into.containsKey(name) || !all.containsKey(name)) return;
        ObjectNode def = all.get(name);
        into.put(name, def);
        for (String ref : SchemaRefs.refs(def)) collect(ref, all, into);
    }

    /** The bundled definitions plus the few meta/v1 ones the paths need that the Java client does not model. */
    private static Map<String, ObjectNode> allDefinitions() {
        Map<String, ObjectNode> all = new LinkedHashMap<>();
        Definitions.get().all().fields().forEachRemaining(e -> all.put(e.getKey(), (ObjectNode) e.getValue()));
        all.put("io.k8s.apimachinery.pkg.apis.meta.v1.Patch", F.objectNode().put("type", "object")
                .put("description", "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body."));
        return all;
    }

    static String hash(ObjectNode doc) {
        try {
            byte[] bytes = JSON.writeValueAsBytes(doc);
            return HexFormat.of().withUpperCase().formatHex(MessageDigest.getInstance("SHA-512").digest(bytes));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Operations carry one GVK object (definitions carry a list of them). */
    static ObjectNode gvk(ServedApis api, String kind) {
        return F.objectNode().put("group", api.group()).put("kind", kind).put("version", api.version());
    }
}
