package dev.kubelab.apiserver.openapi;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The path items of one served kind, shaped as kube-apiserver's OpenAPI builder makes them: list/create/
 * deletecollection on the collection, get/replace/patch/delete on the item, get/replace/patch on status and scale,
 * each tagged with x-kubernetes-action and x-kubernetes-group-version-kind.
 */
final class Operations {

    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private static final String PATCH_TYPES_DESC = "Patch is provided to give a concrete name and type to the Kubernetes PATCH request body.";
    private static final List<String> PATCH_TYPES = List.of("application/apply-patch+yaml", "application/json-patch+json",
            "application/merge-patch+json", "application/strategic-merge-patch+json");

    private final boolean v3;

    Operations(boolean v3) {
        this.v3 = v3;
    }

    void addPaths(ServedApis api, ObjectNode paths) {
        String base = "/" + api.groupVersionPath();
        String scope = api.namespaced() ? "/namespaces/{namespace}" : "";
        String collection = base + scope + "/" + api.resource();
        String item = collection + "/{name}";
        String kindDef = Definitions.get().nameOf(api.group(), api.version(), api.kind()).orElseThrow();
        String listDef = Definitions.get().nameOf(api.group(), api.version(), api.kind() + "List").orElse(kindDef);
        String idPart = idPart(api);
        String ns = api.namespaced() ? "Namespaced" : "";

        ObjectNode coll = paths.putObject(collection);
        coll.set("get", op("list" + idPart + ns + api.kind(), "list", api, api.kind(), listDef, false, query("watch", "limit", "continue", "labelSelector", "fieldSelector", "resourceVersion", "timeoutSeconds")));
        coll.set("post", op("create" + idPart + ns + api.kind(), "post", api, api.kind(), kindDef, true, query("dryRun", "fieldManager", "fieldValidation")));
        coll.set("delete", op("deletecollection" + idPart + ns + api.kind(), "deletecollection", api, api.kind(), "io.k8s.apimachinery.pkg.apis.meta.v1.Status", false, query("dryRun", "labelSelector", "fieldSelector", "gracePeriodSeconds")));
        coll.set("parameters", pathParams(api.namespaced(), false));
        if (api.namespaced()) {
            ObjectNode all = paths.putObject(base + "/" + api.resource());
            all.set("get", op("list" + idPart + api.kind() + "ForAllNamespaces", "list", api, api.kind(), listDef, false, query("watch", "limit", "continue", "labelSelector", "fieldSelector", "resourceVersion", "timeoutSeconds")));
        }

        ObjectNode one = paths.putObject(item);
        one.set("get", op("read" + idPart + ns + api.kind(), "get", api, api.kind(), kindDef, false, query()));
        one.set("put", op("replace" + idPart + ns + api.kind(), "put", api, api.kind(), kindDef, true, query("dryRun", "fieldManager", "fieldValidation")));
        one.set("patch", patch("patch" + idPart + ns + api.kind(), api, api.kind(), kindDef));
        one.set("delete", op("delete" + idPart + ns + api.kind(), "delete", api, api.kind(), "io.k8s.apimachinery.pkg.apis.meta.v1.Status", false, query("dryRun", "gracePeriodSeconds", "propagationPolicy")));
        one.set("parameters", pathParams(api.namespaced(), true));

        for (String sub : api.subresources()) {
            if (!sub.equals("status") && !sub.equals("scale")) continue;
            boolean scale = sub.equals("scale");
            String def = scale ? "io.k8s.api.autoscaling.v1.Scale" : kindDef;
            String gvkKind = scale ? "Scale" : api.kind();
            String suffix = scale ? "Scale" : "Status";
            ObjectNode s = paths.putObject(item + "/" + sub);
            ServedApis gvkOwner = scale ? new ServedApis("autoscaling", "v1", "Scale", api.resource(), api.namespaced(), List.of()) : api;
            s.set("get", op("read" + idPart + ns + api.kind() + suffix, "get", gvkOwner, gvkKind, def, false, query()));
            s.set("put", op("replace" + idPart + ns + api.kind() + suffix, "put", gvkOwner, gvkKind, def, true, query("dryRun", "fieldManager", "fieldValidation")));
            s.set("patch", patch("patch" + idPart + ns + api.kind() + suffix, gvkOwner, gvkKind, def));
            s.set("parameters", pathParams(api.namespaced(), true));
        }
    }

    private ObjectNode patch(String id, ServedApis api, String kind, String def) {
        ObjectNode op = op(id, "patch", api, kind, def, false, query("dryRun", "fieldManager", "fieldValidation", "force"));
        ObjectNode patchSchema = F.objectNode().put("$ref", SchemaRefs.ref("io.k8s.apimachinery.pkg.apis.meta.v1.Patch", v3));
        if (v3) {
            ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
            for (String t : PATCH_TYPES) content.putObject(t).set("schema", patchSchema.deepCopy());
        } else {
            ArrayNode consumes = op.putArray("consumes");
            PATCH_TYPES.forEach(consumes::add);
            ((ArrayNode) op.get("parameters")).insertObject(0).put("in", "body").put("name", "body").put("required", true)
                    .put("description", PATCH_TYPES_DESC).set("schema", patchSchema);
        }
        return op;
    }

    private ObjectNode op(String id, String action, ServedApis api, String kind, String responseDef, boolean body,
                          ArrayNode params) {
        ObjectNode op = F.objectNode();
        op.put("operationId", id);
        op.putArray("tags").add(tag(api));
        op.put("x-kubernetes-action", action);
        op.set("x-kubernetes-group-version-kind", OpenApi.gvk(api, kind));
        if (body) {
            ObjectNode schema = F.objectNode().put("$ref", SchemaRefs.ref(responseDef, v3));
            if (v3) {
                ObjectNode content = op.putObject("requestBody").put("required", true).putObject("content");
                content.putObject("*/*").set("schema", schema);
            } else {
                params.insertObject(0).put("in", "body").put("name", "body").put("required", true).set("schema", schema);
            }
        }
        op.set("parameters", params);
        ObjectNode responses = op.putObject("responses");
        ObjectNode ok = responses.putObject("200").put("description", "OK");
        ObjectNode schema = F.objectNode().put("$ref", SchemaRefs.ref(responseDef, v3));
        if (v3) {
            ObjectNode content = ok.putObject("content");
            for (String t : List.of("application/json", "application/yaml")) content.putObject(t).set("schema", schema.deepCopy());
        } else {
            ok.set("schema", schema);
        }
        responses.putObject("401").put("description", "Unauthorized");
        return op;
    }

    private ArrayNode query(String... names) {
        ArrayNode params = F.arrayNode();
        for (String name : names) {
            ObjectNode p = params.addObject().put("name", name).put("in", "query").put("description", QueryParams.description(name));
            String type = QueryParams.type(name);
            if (v3) p.putObject("schema").put("type", type).put("uniqueItems", true);
            else p.put("type", type).put("uniqueItems", true);
        }
        return params;
    }

    private ArrayNode pathParams(boolean namespaced, boolean named) {
        ArrayNode params = F.arrayNode();
        if (named) pathParam(params, "name", "name of the resource");
        if (namespaced) pathParam(params, "namespace", "object name and auth scope, such as for teams and projects");
        return params;
    }

    private void pathParam(ArrayNode params, String name, String description) {
        ObjectNode p = params.addObject().put("name", name).put("in", "path").put("required", true).put("description", description);
        if (v3) p.putObject("schema").put("type", "string").put("uniqueItems", true);
        else p.put("type", "string").put("uniqueItems", true);
    }

    private static String tag(ServedApis api) {
        return idPart(api).substring(0, 1).toLowerCase() + idPart(api).substring(1);
    }

    /** "CoreV1", "AppsV1", "RbacAuthorizationV1", "EventsV1": the group-version part of kube-apiserver's operation ids. */
    private static String idPart(ServedApis api) {
        if (api.group().isEmpty()) return "Core" + cap(api.version());
        String g = api.group().endsWith(".k8s.io") ? api.group().substring(0, api.group().length() - 7) : api.group();
        StringBuilder sb = new StringBuilder();
        for (String part : g.split("[.-]")) sb.append(cap(part));
        return sb + cap(api.version());
    }

    private static String cap(String s) {
        return s.isEmpty() ? s : Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
