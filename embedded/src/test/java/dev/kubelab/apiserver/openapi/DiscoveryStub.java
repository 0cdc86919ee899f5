package dev.kubelab.apiserver.openapi;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.Optional;

/**
 * A tiny HTTP server with just enough of kube-apiserver (version, legacy discovery, OpenAPI) for the real
 * kubectl to explain and validate against the OpenAPI documents of this package. Every request is answered by
 * the production {@link OpenApi}; only discovery is stubbed here (it belongs to the API server).
 */
final class DiscoveryStub implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final JsonNodeFactory F = JsonNodeFactory.instance;
    private final HttpServer server;

    DiscoveryStub() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** Objects created through this stub, by item path; PATCH bodies (content type, body) kubectl sent. */
    final java.util.Map<String, ObjectNode> stored = new java.util.concurrent.ConcurrentHashMap<>();
    final java.util.List<String> patches = new java.util.concurrent.CopyOnWriteArrayList<>();

    private static void reply(HttpExchange ex, int code, ObjectNode body) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(body);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(code, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /** The query strings of the writes kubectl sent, in order. */
    final java.util.List<String> writeQueries = new java.util.concurrent.CopyOnWriteArrayList<>();

    /** Every request line kubectl sent ("GET /openapi/v3"), in order. */
    final java.util.List<String> requests = new java.util.concurrent.CopyOnWriteArrayList<>();

    private void handle(HttpExchange ex) throws IOException {
        String path = ex.getRequestURI().getPath();
        requests.add(ex.getRequestMethod() + " " + path);
        if (ex.getRequestMethod().equals("POST")) {
            create(ex, path);
            return;
        }
        if (ex.getRequestMethod().equals("PATCH")) {
            patches.add(ex.getRequestHeaders().getFirst("Content-Type") + " " + new String(ex.getRequestBody().readAllBytes()));
            reply(ex, 200, stored.get(path));
            return;
        }
        if (stored.containsKey(path)) {
            reply(ex, 200, stored.get(path));
            return;
        }
        String accept = ex.getRequestHeaders().getFirst("Accept");
        if (accept != null && accept.contains("as=Table") && tableFor(path).isPresent()) {
            reply(ex, 200, tableFor(path).get());
            return;
        }
        Optional<ObjectNode> body = route(path);
        byte[] bytes = body.isPresent() ? JSON.writeValueAsBytes(body.get())
                : "{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\",\"reason\":\"NotFound\",\"code\":404}".getBytes();
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(body.isPresent() ? 200 : 404, bytes.length);
        ex.getResponseBody().write(bytes);
        ex.close();
    }

    /**
     * A create as the API server would answer it with fieldValidation: Strict fails on unknown fields with 400;
     * otherwise the object is echoed back (nothing is stored).
     */
    private void create(HttpExchange ex, String path) throws IOException {
        String query = ex.getRequestURI().getRawQuery();
        writeQueries.add(query == null ? "" : query);
        ObjectNode obj = (ObjectNode) JSON.readTree(ex.getRequestBody());
        String[] parts = path.split("/");
        String resource = parts[parts.length - 1];
        ServedApis api = ServedApis.ALL.stream().filter(a -> a.resource().equals(resource)
                && path.startsWith("/" + a.groupVersionPath() + "/")).findFirst().orElseThrow();
        dev.kubelab.apiserver.registry.ResourceInfo info = new dev.kubelab.apiserver.registry.ResourceInfo(api.group(),
                api.version(), api.kind(), api.resource(), api.kind().toLowerCase(), api.namespaced(), List.of(),
                List.of(), List.of(), List.of(), api.resource());
        List<String> unknown = FieldValidator.unknownFields(info, obj);
        int code = 201;
        ObjectNode body = obj;
        if (!unknown.isEmpty() && query != null && query.contains("fieldValidation=Strict")) {
            code = 400;
            body = F.objectNode().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                    .put("message", FieldValidator.strictDecodingMessage(info, unknown)).put("reason", "BadRequest").put("code", 400);
            body.putObject("metadata");
        } else {
            stored.put(path + "/" + obj.path("metadata").path("name").asText(), obj);
        }
        reply(ex, code, body);
    }

    /**
     * A meta.k8s.io/v1 Table of the stored objects under a collection path, assembled from the production
     * printers the way the API server will (columns, then one row of cells + object per item).
     */
    private Optional<ObjectNode> tableFor(String collection) {
        Optional<ServedApis> api = ServedApis.ALL.stream().filter(a -> collection.endsWith("/" + a.resource())
                && collection.startsWith("/" + a.groupVersionPath() + "/")).findFirst();
        if (api.isEmpty()) return Optional.empty();
        ServedApis a = api.get();
        var printer = dev.kubelab.apiserver.printers.Printers.forResource(new dev.kubelab.apiserver.registry.ResourceInfo(
                a.group(), a.version(), a.kind(), a.resource(), a.kind().toLowerCase(), a.namespaced(), List.of(), List.of(),
                List.of(), List.of(), a.resource()));
        ObjectNode table = F.objectNode().put("kind", "Table").put("apiVersion", "meta.k8s.io/v1");
        table.putObject("metadata").put("resourceVersion", "1");
        var columns = table.putArray("columnDefinitions");
        for (var c : printer.columns()) {
            columns.addObject().put("name", c.name()).put("type", c.type()).put("format", c.format())
                    .put("description", c.description()).put("priority", c.priority());
        }
        var rows = table.putArray("rows");
        stored.entrySet().stream().filter(e -> e.getKey().startsWith(collection + "/")).sorted(java.util.Map.Entry.comparingByKey())
                .forEach(e -> {
                    ObjectNode row = rows.addObject();
                    var cells = row.putArray("cells");
                    for (Object cell : printer.cells(e.getValue())) cells.addPOJO(cell);
                    row.set("object", e.getValue());
                });
        return Optional.of(table);
    }

    private Optional<ObjectNode> route(String path) {
        switch (path) {
            case "/version":
                return Optional.of(F.objectNode().put("major", "1").put("minor", "31").put("gitVersion", "v1.31.0")
                        .put("platform", "linux/amd64"));
            case "/api": {
                ObjectNode o = F.objectNode().put("kind", "APIVersions");
                o.putArray("versions").add("v1");
                o.putArray("serverAddressByClientCIDRs").addObject().put("clientCIDR", "0.0.0.0/0").put("serverAddress", "127.0.0.1");
                return Optional.of(o);
            }
            case "/apis": {
                ObjectNode o = F.objectNode().put("kind", "APIGroupList").put("apiVersion", "v1");
                ArrayNode groups = o.putArray("groups");
                ServedApis.ALL.stream().map(ServedApis::group).filter(g -> !g.isEmpty()).distinct().forEach(g -> {
                    ObjectNode group = groups.addObject().put("name", g);
                    group.putArray("versions").addObject().put("groupVersion", g + "/v1").put("version", "v1");
                    group.putObject("preferredVersion").put("groupVersion", g + "/v1").put("version", "v1");
                });
                return Optional.of(o);
            }
            case "/openapi/v3":
                return Optional.of(OpenApi.v3Index());
            case "/openapi/v2":
                return Optional.of(OpenApi.v2());
            default:
        }
        if (path.startsWith("/openapi/v3/")) return OpenApi.v3(path.substring("/openapi/v3/".length()));
        List<ServedApis> apis = ServedApis.ALL.stream().filter(a -> ("/" + a.groupVersionPath()).equals(path)).toList();
        if (apis.isEmpty()) return Optional.empty();
        ObjectNode list = F.objectNode().put("kind", "APIResourceList").put("apiVersion", "v1")
                .put("groupVersion", path.startsWith("/api/") ? "v1" : path.substring("/apis/".length()));
        ArrayNode resources = list.putArray("resources");
        for (ServedApis a : apis) {
            ObjectNode r = resources.addObject().put("name", a.resource()).put("singularName", a.kind().toLowerCase())
                    .put("namespaced", a.namespaced()).put("kind", a.kind());
            ArrayNode verbs = r.putArray("verbs");
            List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch").forEach(verbs::add);
        }
        return Optional.of(list);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
