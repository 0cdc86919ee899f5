package dev.kubelab.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.admission.AdmissionChain;
import dev.kubelab.apiserver.audit.AuditEvent;
import dev.kubelab.apiserver.audit.AuditLog;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.authorization.Attributes;
import dev.kubelab.apiserver.authorization.Authorizer;
import dev.kubelab.apiserver.authorization.Authorizers;
import dev.kubelab.apiserver.endpoints.AccessReviews;
import dev.kubelab.apiserver.endpoints.ApiRequest;
import dev.kubelab.apiserver.endpoints.Discovery;
import dev.kubelab.apiserver.endpoints.RequestInfo;
import dev.kubelab.apiserver.endpoints.ResourceHandler;
import dev.kubelab.apiserver.endpoints.Response;
import dev.kubelab.apiserver.endpoints.Status;
import dev.kubelab.apiserver.endpoints.Subresources;
import dev.kubelab.apiserver.endpoints.WatchHandler;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.openapi.OpenApi;
import dev.kubelab.apiserver.registry.BuiltinResources;
import dev.kubelab.apiserver.registry.ObjectReader;
import dev.kubelab.apiserver.registry.ResourceInfo;
import dev.kubelab.apiserver.registry.StoreObjectReader;
import dev.kubelab.apiserver.storage.EtcdStore;
import dev.kubelab.apiserver.storage.ObjectStore;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.ClientAuth;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded kube-apiserver: a Vert.x HTTP server on 127.0.0.1 serving discovery, health,
 * OpenAPI and the REST API of {@link BuiltinResources} over etcd. Each request runs
 * authentication → authorization → the handler (decode, admission, validation, storage) on a
 * worker pool, so etcd round trips never block the event loop.
 */
public final class ApiServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ApiServer.class);
    private static final UserInfo PLAIN_HTTP_ADMIN = new UserInfo("system:admin", List.of("system:masters", "system:authenticated"));

    private final ApiServerOptions options;
    private final Vertx vertx;
    private final boolean ownsVertx;
    private final WorkerExecutor workers;
    private final EtcdStore etcd;
    private final ObjectStore store;
    private final ObjectReader reader;
    private final AuditLog audit = new AuditLog(8192);
    private final Authorizer authorizer;
    private final AdmissionChain admission;
    private final ResourceHandler rest;
    private final Subresources subresources;
    private final WatchHandler watches;
    private volatile Discovery discovery;
    private HttpServer server;
    private int port;

    private ApiServer(String etcdEndpoint, ApiServerOptions options, Vertx vertx) {
        this.options = options;
        this.ownsVertx = vertx == null;
        this.vertx = vertx != null ? vertx : Vertx.vertx(new VertxOptions().setEventLoopPoolSize(2).setWorkerPoolSize(8)
                .setBlockedThreadCheckInterval(10).setBlockedThreadCheckIntervalUnit(TimeUnit.SECONDS));
        this.workers = this.vertx.createSharedWorkerExecutor("kube-apiserver", 32, 2, TimeUnit.MINUTES);
        this.etcd = new EtcdStore(etcdEndpoint, options.etcdTimeout());
        this.store = new ObjectStore(etcd, (verb, key, rev) -> audit.record(new AuditEvent(System.nanoTime(),
                System.currentTimeMillis(), "Storage", null, null, verb, null, null, null, 0, key, rev)));
        this.reader = new StoreObjectReader(store);
        this.authorizer = Authorizers.standard(reader);
        this.admission = AdmissionChain.standard(reader);
        this.rest = new ResourceHandler(store, admission);
        this.subresources = new Subresources(rest, options.podLogs());
        this.watches = new WatchHandler(store, this.vertx, audit);
    }

    /** Starts serving against the etcd at etcdEndpoint; returns once the port is bound. */
    public static ApiServer start(String etcdEndpoint, ApiServerOptions options) {
        ApiServer s = new ApiServer(etcdEndpoint, options, null);
        try {
            SystemNamespaces.ensure(s.store);
            s.listen();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    private void listen() {
        HttpServerOptions ho = new HttpServerOptions().setHost(options.host()).setPort(options.port())
                .setCompressionSupported(true).setMaxFormAttributeSize(-1);
        if (options.tls() != null) {
            ho.setSsl(true).setKeyCertOptions(options.tls().keyStore()).setTrustOptions(options.tls().trustStore())
                    .setClientAuth(ClientAuth.REQUEST);
        }
        server = vertx.createHttpServer(ho).requestHandler(this::onRequest);
        try {
            server.listen().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("kube-apiserver could not listen on " + options.host() + ":" + options.port() + ": " + e.getMessage(), e);
        }
        port = server.actualPort();
        discovery = new Discovery(options.host() + ":" + port);
        LOG.debug("kube-apiserver listening on {}", url());
    }

    public String url() {
        return (options.tls() != null ? "https://" : "http://") + options.host() + ":" + port;
    }

    public int port() {
        return port;
    }

    public AuditLog audit() {
        return audit;
    }

    public ObjectStore store() {
        return store;
    }

    public ObjectReader reader() {
        return reader;
    }

    public Vertx vertx() {
        return vertx;
    }

    @Override
    public void close() {
        try {
            if (server != null) server.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (Exception ignored) {
            // closing anyway
        }
        etcd.close();
        workers.close();
        if (ownsVertx) {
            try {
                vertx.close().toCompletionStage().toCompletableFuture().get(5, TimeUnit.SECONDS);
            } catch (Exception ignored) {
                // closing anyway
            }
        }
    }

    // ------------------------------------------------------------------------------------------

    private void onRequest(HttpServerRequest req) {
        long max = options.maxBodyBytes();
        String cl = req.getHeader("Content-Length");
        if (cl != null) {
            try {
                if (Long.parseLong(cl) > max) {
                    tooLarge(req);
                    return;
                }
            } catch (NumberFormatException ignored) {
                // the body reader enforces the cap
            }
        }
        Buffer body = Buffer.buffer();
        boolean[] rejected = new boolean[1];
        req.handler(chunk -> {
            if (rejected[0]) return;
            if (body.length() + chunk.length() > max) {
                rejected[0] = true;
                tooLarge(req);
                return;
            }
            body.appendBuffer(chunk);
        });
        req.endHandler(v -> {
            if (rejected[0]) return;
            workers.executeBlocking(() -> {
                serve(req, body.getBytes());
                return null;
            }, false).onFailure(t -> {
                LOG.warn("request failed", t);
                send(req, req.response(), Response.json(500, Status.failure(StatusError.internal(String.valueOf(t.getMessage())))), null, 0);
            });
        });
    }

    private void tooLarge(HttpServerRequest req) {
        StatusError e = StatusError.requestEntityTooLarge("Request entity too large: limit is " + options.maxBodyBytes());
        req.response().setStatusCode(413).putHeader("Content-Type", "application/json").putHeader("Connection", "close")
                .end(Buffer.buffer(Json.bytes(Status.failure(e))));
    }

    /** One request, on a worker thread. */
    private void serve(HttpServerRequest req, byte[] body) {
        long t0 = System.nanoTime();
        String path = req.path();
        HttpServerResponse resp = req.response();
        RequestInfo info = RequestInfo.parse(req.method().name(), path, isWatch(req));
        UserInfo user = UserInfo.ANONYMOUS;
        Response r;
        try {
            user = authenticate(req);
            authorize(user, info, path);
            ApiRequest ar = new ApiRequest(req.method().name(), info, req.params(), req.headers(), body, user);
            if (!info.resourceRequest()) {
                r = nonResource(ar, path);
            } else {
                ResourceInfo ri = BuiltinResources.find(info.apiVersion(), info.resource()).orElseThrow(ApiServer::notFoundResource);
                if (ri.namespaced() == (info.namespace() == null) && !(ri.namespaced() && isCollectionRead(info))) {
                    throw notFoundResource();
                }
                if (info.verb().equals("watch")) {
                    watches.watch(ar, ri, resp);
                    record(info, user, req, 200, t0);
                    return;
                }
                r = resource(ar, ri);
            }
        } catch (StatusError e) {
            r = Response.json(e.code(), Status.failure(e));
        } catch (RuntimeException e) {
            LOG.warn("internal error serving {} {}", req.method(), path, e);
            r = Response.json(500, Status.failure(StatusError.internal(e.toString())));
        }
        send(req, resp, r, info, t0);
        record(info, user, req, r.code(), t0);
    }

    private static boolean isCollectionRead(RequestInfo info) {
        return info.name() == null && (info.verb().equals("list") || info.verb().equals("watch"));
    }

    private static boolean isWatch(HttpServerRequest req) {
        String w = req.getParam("watch");
        return w != null && (w.equals("true") || w.equals("1") || w.isEmpty());
    }

    private UserInfo authenticate(HttpServerRequest req) {
        if (options.authenticator() == null) return PLAIN_HTTP_ADMIN;
        X509Certificate[] chain = null;
        if (req.isSSL()) {
            try {
                List<Certificate> certs = req.connection().peerCertificates();
                if (certs != null && !certs.isEmpty()) {
                    chain = certs.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
                }
            } catch (SSLPeerUnverifiedException e) {
                chain = null;
            }
        }
        String auth = req.getHeader("Authorization");
        String token = auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7) ? auth.substring(7).trim() : null;
        Optional<UserInfo> u = options.authenticator().authenticate(chain, token);
        if (u.isEmpty() && token != null) throw StatusError.unauthorized("Unauthorized");
        return u.orElse(UserInfo.ANONYMOUS);
    }

    private void authorize(UserInfo user, RequestInfo info, String path) {
        Attributes a = info.resourceRequest()
                ? new Attributes(user, info.verb(), info.namespace(), info.group(), info.resource(), info.subresource(), info.name(), true, path)
                : new Attributes(user, info.verb(), null, null, null, null, null, false, path);
        Authorizer.Result res = authorizer.authorize(a);
        if (res.decision() == Authorizer.Decision.ALLOW) return;
        String reason = res.reason() == null || res.reason().isEmpty() ? "" : ": " + res.reason();
        if (!info.resourceRequest()) {
            throw StatusError.forbidden(null, null, null, "forbidden: User \"" + user.name() + "\" cannot " + info.verb() + " path \"" + path + "\"" + reason);
        }
        String res2 = info.subresource() == null ? info.resource() : info.resource() + "/" + info.subresource();
        String gr = info.group().isEmpty() ? info.resource() : info.resource() + "." + info.group();
        String what = info.name() == null ? gr + " is forbidden" : gr + " \"" + info.name() + "\" is forbidden";
        String scope = info.namespace() == null ? "at the cluster scope" : "in the namespace \"" + info.namespace() + "\"";
        throw StatusError.forbidden(info.group(), info.resource(), info.name(), what + ": User \"" + user.name() + "\" cannot " + info.verb()
                + " resource \"" + res2 + "\" in API group \"" + info.group() + "\" " + scope + reason);
    }

    private Response resource(ApiRequest ar, ResourceInfo ri) {
        RequestInfo info = ar.info();
        if (ri.group().equals("authorization.k8s.io")) return AccessReviews.create(ar, ri, authorizer);
        if (info.subresource() != null) return subresources.handle(ar, ri, info.subresource());
        return switch (info.verb()) {
            case "get" -> rest.get(ar, ri);
            case "list" -> rest.list(ar, ri);
            case "create" -> {
                if (info.name() != null) throw StatusError.methodNotSupported(ri.group(), ri.resource(), "create");
                yield rest.create(ar, ri);
            }
            case "update" -> {
                if (info.name() == null) throw StatusError.methodNotSupported(ri.group(), ri.resource(), "update");
                yield rest.update(ar, ri);
            }
            case "patch" -> {
                if (info.name() == null) throw StatusError.methodNotSupported(ri.group(), ri.resource(), "patch");
                yield rest.patch(ar, ri);
            }
            case "delete" -> rest.delete(ar, ri);
            case "deletecollection" -> rest.deleteCollection(ar, ri);
            default -> throw StatusError.methodNotSupported(ri.group(), ri.resource(), info.verb());
        };
    }

    private static StatusError notFoundResource() {
        return new StatusError(404, "NotFound", "the server could not find the requested resource", null, null, null, null, null);
    }

    private Response nonResource(ApiRequest ar, String path) {
        if (!ar.method().equals("GET") && !ar.method().equals("HEAD")) {
            throw new StatusError(405, "MethodNotAllowed", "the server does not allow this method on the requested resource", null, null, null, null, null);
        }
        List<String> p = ar.info().parts();
        String agg = Discovery.aggregatedVersion(ar.accept());
        if (path.equals("/version") || path.equals("/version/")) return Response.json(200, version());
        if (path.equals("/healthz") || path.equals("/livez") || path.equals("/readyz") || path.startsWith("/healthz/")
                || path.startsWith("/livez/") || path.startsWith("/readyz/")) {
            return health(path, ar.query().contains("verbose"));
        }
        if (path.equals("/api") || path.equals("/api/")) {
            if (agg != null) return new Response(200, discovery.aggregated(true, agg), aggregatedType(agg), null);
            return Response.json(200, discovery.apiVersions());
        }
        if (path.equals("/apis") || path.equals("/apis/")) {
            if (agg != null) return new Response(200, discovery.aggregated(false, agg), aggregatedType(agg), null);
            return Response.json(200, discovery.apiGroupList());
        }
        if (p.size() == 2 && p.get(0).equals("api") && p.get(1).equals("v1")) return Response.json(200, discovery.resourceList("", "v1"));
        if (p.size() == 2 && p.get(0).equals("apis") && BuiltinResources.groups().contains(p.get(1))) {
            return Response.json(200, discovery.apiGroup(p.get(1)));
        }
        if (p.size() == 3 && p.get(0).equals("apis")) {
            ObjectNode rl = discovery.resourceList(p.get(1), p.get(2));
            if (rl != null) return Response.json(200, rl);
        }
        if (path.equals("/openapi/v2")) return Response.json(200, OpenApi.v2());
        if (path.equals("/openapi/v3")) return Response.json(200, OpenApi.v3Index());
        if (path.startsWith("/openapi/v3/")) {
            Optional<ObjectNode> doc = OpenApi.v3(path.substring("/openapi/v3/".length()));
            if (doc.isPresent()) return Response.json(200, doc.get());
        }
        if (path.equals("/")) {
            ObjectNode paths = Json.MAPPER.createObjectNode();
            var arr = paths.putArray("paths");
            for (String s : List.of("/api", "/api/v1", "/apis", "/healthz", "/livez", "/openapi/v2", "/openapi/v3", "/readyz", "/version")) arr.add(s);
            for (String g : BuiltinResources.groups()) arr.add("/apis/" + g).add("/apis/" + g + "/v1");
            return Response.json(200, paths);
        }
        throw notFoundResource();
    }

    private static String aggregatedType(String v) {
        return v.equals("v2") ? Discovery.AGGREGATED_V2 : Discovery.AGGREGATED_V2BETA1;
    }

    private ObjectNode version() {
        ObjectNode v = Json.MAPPER.createObjectNode();
        String gv = options.gitVersion();
        String[] parts = gv.replaceFirst("^v", "").split("\\.");
        v.put("major", parts.length > 0 ? parts[0] : "1");
        v.put("minor", parts.length > 1 ? parts[1] : "31");
        v.put("gitVersion", gv);
        v.put("gitCommit", "kubelab-embedded");
        v.put("gitTreeState", "clean");
        v.put("buildDate", "2025-01-01T00:00:00Z");
        v.put("goVersion", "java" + Runtime.version().feature());
        v.put("compiler", "kubelab");
        v.put("platform", System.getProperty("os.name").toLowerCase(java.util.Locale.ROOT) + "/"
                + System.getProperty("os.arch").replace("x86_64", "amd64").replace("aarch64", "arm64"));
        return v;
    }

    /** /healthz, /livez, /readyz: "ok", or with ?verbose one [+]/[-] line per check, etcd included. */
    private Response health(String path, boolean verbose) {
        String kind = path.substring(1).split("/")[0];
        String etcdError = null;
        try {
            etcd.currentRevision();
        } catch (StatusError e) {
            etcdError = e.getMessage();
        }
        boolean ok = etcdError == null;
        String[] parts = path.split("/");
        if (parts.length > 2) {
            String check = parts[2];
            if (check.equals("etcd")) return ok ? Response.plain(200, "ok") : Response.plain(500, "internal server error: " + etcdError);
            if (check.equals("ping") || check.equals("log")) return Response.plain(200, "ok");
            return Response.plain(404, "404 page not found");
        }
        if (!verbose) return ok ? Response.plain(200, "ok") : Response.plain(500, "[-]etcd failed: reason withheld\n" + kind + " check failed");
        StringBuilder sb = new StringBuilder();
        sb.append("[+]ping ok\n[+]log ok\n");
        sb.append(ok ? "[+]etcd ok\n" : "[-]etcd failed: " + etcdError + "\n");
        if (kind.equals("readyz")) sb.append("[+]informer-sync ok\n");
        sb.append("[+]poststarthook/start-apiextensions-informers ok\n");
        if (kind.equals("readyz")) sb.append("[+]shutdown ok\n");
        sb.append(ok ? kind + " check passed" : kind + " check failed");
        return Response.plain(ok ? 200 : 500, sb.toString());
    }

    private void send(HttpServerRequest req, HttpServerResponse resp, Response r, RequestInfo info, long t0) {
        if (resp.ended() || resp.closed()) return;
        resp.setStatusCode(r.code());
        resp.putHeader("Content-Type", r.contentType());
        resp.putHeader("Cache-Control", "no-cache, private");
        if (r.code() == 429 || r.code() == 503) {
            JsonNode retry = r.body() == null ? null : r.body().path("details").path("retryAfterSeconds");
            if (retry != null && retry.isNumber()) resp.putHeader("Retry-After", retry.asText());
        }
        Buffer b = r.text() != null ? Buffer.buffer(r.text()) : Buffer.buffer(Json.bytes(r.body()));
        if (req.method().name().equals("HEAD")) resp.end();
        else resp.end(b);
    }

    private void record(RequestInfo info, UserInfo user, HttpServerRequest req, int code, long t0) {
        audit.record(new AuditEvent(t0, System.currentTimeMillis(), "ResponseComplete", user.name(), req.getHeader("User-Agent"),
                info == null ? req.method().name() : info.verb(),
                info == null || info.resource() == null ? null : (info.subresource() == null ? info.resource() : info.resource() + "/" + info.subresource()),
                info == null ? null : info.namespace(), info == null ? null : info.name(), code, null, 0));
    }
}
