package dev.kubelab.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.admission.AdmissionChain;
import dev.kubelab.apiserver.audit.AuditEvent;
import dev.kubelab.apiserver.audit.AuditLog;
import dev.kubelab.apiserver.authentication.AuthenticationChain;
import dev.kubelab.apiserver.authentication.Authenticator;
import dev.kubelab.apiserver.authentication.Impersonation;
import dev.kubelab.apiserver.authentication.ServiceAccountTokens;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.authorization.AccessReviews;
import dev.kubelab.apiserver.authorization.Forbidden;
import dev.kubelab.apiserver.authorization.PolicyCache;
import dev.kubelab.apiserver.endpoints.Reviews;
import dev.kubelab.apiserver.endpoints.WatchSink;
import dev.kubelab.apiserver.registry.core.service.ServiceAllocator;
import dev.kubelab.apiserver.selectors.FieldSelector;
import dev.kubelab.apiserver.selectors.LabelSelector;
import dev.kubelab.pki.VertxTls;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.http.ServerWebSocket;
import dev.kubelab.apiserver.authorization.Attributes;
import dev.kubelab.apiserver.authorization.Authorizer;
import dev.kubelab.apiserver.authorization.Authorizers;
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
import dev.kubelab.pki.Pki;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.WorkerExecutor;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerOptions;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLPeerUnverifiedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded kube-apiserver: a Vert.x server on 127.0.0.1 serving discovery, health, OpenAPI and the REST API
 * of {@link BuiltinResources} over etcd — HTTPS with the cluster PKI (x509 / service-account token / anonymous
 * authentication, Node+RBAC authorization) unless plain HTTP is asked for. Each request runs authentication →
 * authorization → the handler (decode, field validation, admission, strategy, storage) on a worker pool, so etcd
 * round trips never block the event loop. Watches stream as chunked HTTP or, on a WebSocket upgrade (fabric8),
 * one WebSocket message per event. Admission and the authorizer read through an in-memory cache of the kinds
 * they consult ({@link PolicyCache}), invalidated by this server's writes, as kube-apiserver's informers are.
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
    private final PolicyCache reader;
    private final AuditLog audit = new AuditLog(8192);
    private final Authenticator authenticator;
    private final Authorizer authorizer;
    private final AdmissionChain admission;
    private final ServiceAllocator serviceAllocator;
    private final Reviews reviews;
    private final NamespaceDefaults namespaceDefaults;
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
        this.store = new ObjectStore(etcd, this::written);
        this.reader = new PolicyCache(new StoreObjectReader(store), Duration.ofSeconds(10), PolicyCache.rbacAndAdmission());
        Pki pki = options.secure() ? options.pki() : null;
        this.authenticator = options.authenticator() != null ? options.authenticator()
                : pki != null ? AuthenticationChain.standard(pki, reader, true) : null;
        this.authorizer = Authorizers.standard(reader);
        this.admission = AdmissionChain.standard(reader, options.defaultNotReadyTolerationSeconds(),
                options.defaultUnreachableTolerationSeconds());
        ResourceInfo services = BuiltinResources.byGroupResource("services").orElseThrow();
        this.serviceAllocator = new ServiceAllocator(ServiceAllocator.SERVICE_CIDR,
                () -> store.list(services, null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null).items());
        this.reviews = new Reviews(new AccessReviews(authorizer, reader), authenticator,
                pki == null ? null : new ServiceAccountTokens(pki.serviceAccountKeys()), reader);
        this.rest = new ResourceHandler(store, admission, serviceAllocator);
        this.namespaceDefaults = new NamespaceDefaults(store, pki == null ? null : pki.caPem());
        this.subresources = new Subresources(rest, options.podLogs());
        this.watches = new WatchHandler(store, this.vertx, audit);
    }

    /** Starts serving against the etcd at etcdEndpoint; returns once the port is bound. */
    public static ApiServer start(String etcdEndpoint, ApiServerOptions options) {
        ApiServer s = new ApiServer(etcdEndpoint, options, null);
        try {
            SystemNamespaces.ensure(s.store);
            s.listen();
            // the start-up writes are independent: issue them concurrently (a fresh etcd fsyncs each one)
            java.util.concurrent.Executor pool = s.workerPool();
            java.util.List<java.util.concurrent.CompletableFuture<Void>> defaults = new java.util.ArrayList<>();
            for (String ns : SystemNamespaces.NAMES) {
                defaults.add(java.util.concurrent.CompletableFuture.runAsync(() -> s.namespaceDefaults.ensure(ns), pool));
            }
            PostStartHooks.run(s.store, pool, s.serviceAllocator.first(), options.host(), s.port);
            java.util.concurrent.CompletableFuture.allOf(defaults.toArray(java.util.concurrent.CompletableFuture[]::new)).join();
        } catch (RuntimeException e) {
            s.close();
            throw e;
        }
        return s;
    }

    /** A blocking-capable executor on the API server's worker pool (for start-up writes). */
    private java.util.concurrent.Executor workerPool() {
        return r -> workers.executeBlocking(() -> {
            r.run();
            return null;
        }, false);
    }

    /** Each write of this server: the audit stream, and invalidation of what the admission/authz cache holds. */
    private void written(String verb, String key, long revision) {
        audit.record(new AuditEvent(System.nanoTime(), System.currentTimeMillis(), "Storage", null, null, verb, null, null, null, 0, key, revision));
        PolicyCache cache = reader;
        if (cache == null) return;
        for (ResourceInfo ri : BuiltinResources.all()) {
            if (cache.holds(ri.groupResource()) && key.startsWith(BuiltinResources.keyPrefix(ri, null))) cache.invalidate(ri.groupResource());
        }
    }

    private void listen() {
        HttpServerOptions ho = new HttpServerOptions().setHost(options.host()).setPort(options.port())
                .setCompressionSupported(true).setMaxFormAttributeSize(-1).setMaxWebSocketMessageSize(64 * 1024 * 1024)
                .setMaxWebSocketFrameSize(64 * 1024 * 1024);
        if (options.secure()) VertxTls.configure(ho, options.pki());
        server = vertx.createHttpServer(ho).requestHandler(this::onRequest).webSocketHandler(this::onWebSocket);
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
        return (options.secure() ? "https://" : "http://") + options.host() + ":" + port;
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

    /** Where ClusterIPs and node ports come from (10.96.0.0/12, 30000-32767). */
    public ServiceAllocator serviceAllocator() {
        return serviceAllocator;
    }

    public Vertx vertx() {
        return vertx;
    }

    /** How many watches are being served (for tests and status). */
    public int openWatches() {
        return watches.openWatches();
    }

    /** How long a stopping API server waits for requests in flight (kube-apiserver: --shutdown-watch-termination-grace-period and request timeouts). */
    static final Duration IN_FLIGHT_GRACE = Duration.ofSeconds(5);
    /** The most any one step of closing may take: a stuck step is logged and left behind, so a stop is always bounded. */
    static final Duration CLOSE_STEP_LIMIT = Duration.ofSeconds(5);

    /**
     * kube-apiserver's graceful termination, bounded: new requests are refused (429, Retry-After), every watch is
     * ended (clients see the stream end and re-establish it elsewhere or later), requests in flight get up to
     * {@link #IN_FLIGHT_GRACE} to finish, then the listener, the etcd client and Vert.x are closed — each step at
     * most {@link #CLOSE_STEP_LIMIT}. On return the port is free (unless a step was stuck, which is logged).
     */
    @Override
    public void close() {
        if (closing) return;
        closing = true;
        bounded("end watches", watches::endAll);
        long deadline = System.nanoTime() + IN_FLIGHT_GRACE.toNanos();
        synchronized (inFlightLock) {
            while (inFlight > 0 && System.nanoTime() < deadline) {
                try {
                    inFlightLock.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                }
            }
            if (inFlight > 0) LOG.warn("kube-apiserver stopping with {} request(s) still in flight after {}", inFlight, IN_FLIGHT_GRACE);
        }
        if (server != null) bounded("close the listener and connections", () -> await(server.close()));
        bounded("close the etcd client", etcd::close);
        workers.close();
        if (ownsVertx) bounded("close Vert.x", () -> await(vertx.close()));
    }

    private final Object inFlightLock = new Object();
    private int inFlight;
    private volatile boolean closing;

    private void requestStarted() {
        synchronized (inFlightLock) {
            inFlight++;
        }
    }

    private void requestDone() {
        synchronized (inFlightLock) {
            if (--inFlight == 0) inFlightLock.notifyAll();
        }
    }

    private static void await(io.vertx.core.Future<?> f) {
        try {
            f.toCompletionStage().toCompletableFuture().get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (java.util.concurrent.ExecutionException e) {
            // closing anyway
        }
    }

    /** Runs one closing step on its own thread and waits at most CLOSE_STEP_LIMIT; a stuck step's stack is logged. */
    private static void bounded(String step, Runnable r) {
        Thread t = new Thread(() -> {
            try {
                r.run();
            } catch (RuntimeException e) {
                LOG.debug("kube-apiserver stop: {} failed", step, e);
            }
        }, "kube-apiserver-stop: " + step);
        t.setDaemon(true);
        t.start();
        try {
            t.join(CLOSE_STEP_LIMIT.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (t.isAlive()) {
            Throwable where = new Throwable("stuck here");
            where.setStackTrace(t.getStackTrace());
            LOG.warn("kube-apiserver stop: '{}' did not finish within {}; continuing", step, CLOSE_STEP_LIMIT, where);
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

    /** One request, on a worker thread; counted while in flight so a stopping server can wait for it. */
    private void serve(HttpServerRequest req, byte[] body) {
        requestStarted();
        try {
            if (closing) {
                // kube-apiserver's WithRetryAfter filter while it shuts down
                req.response().putHeader("Retry-After", "1").putHeader("Connection", "close");
                send(req, req.response(), Response.json(429, Status.failure(StatusError.tooManyRequests(
                        "The apiserver is shutting down, please try again later.", 1))), null, 0);
                return;
            }
            serveRequest(req, body);
        } finally {
            requestDone();
        }
    }

    private void serveRequest(HttpServerRequest req, byte[] body) {
        long t0 = System.nanoTime();
        String path = req.path();
        HttpServerResponse resp = req.response();
        RequestInfo info = RequestInfo.parse(req.method().name(), path, isWatch(req));
        UserInfo user = UserInfo.ANONYMOUS;
        List<String> warnings = List.of();
        Response r;
        try {
            user = authenticate(req.isSSL() ? peerCertificates(req.connection()) : null, req.getHeader("Authorization"));
            user = Impersonation.apply(user, req.getHeader("Impersonate-User"), req.headers().getAll("Impersonate-Group"), authorizer);
            authorize(user, info, path);
            ApiRequest ar = new ApiRequest(req.method().name(), info, req.params(), req.headers(), body, user);
            warnings = ar.warnings();
            if (!info.resourceRequest()) {
                r = nonResource(ar, path);
            } else {
                ResourceInfo ri = resolve(info);
                if (info.verb().equals("watch")) {
                    watches.watch(ar, ri, WatchSink.http(resp));
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
        for (String w : warnings) resp.headers().add("Warning", "299 - " + dev.kubelab.apiserver.validation.GoFormat.quote(w));
        send(req, resp, r, info, t0);
        record(info, user, req, r.code(), t0);
    }

    private static ResourceInfo resolve(RequestInfo info) {
        ResourceInfo ri = BuiltinResources.find(info.apiVersion(), info.resource()).orElseThrow(ApiServer::notFoundResource);
        if (ri.namespaced() == (info.namespace() == null) && !(ri.namespaced() && isCollectionRead(info))) {
            throw notFoundResource();
        }
        return ri;
    }

    /**
     * A WebSocket upgrade: kube-apiserver serves watches this way too (fabric8's watches and informers use it).
     * Authentication, authorization and the watch's own checks run before the handshake is accepted, so a refusal
     * is an HTTP status, as it is for a plain request; afterwards each event is one text message.
     */
    private void onWebSocket(ServerWebSocket ws) {
        Promise<Integer> decision = Promise.promise();
        io.vertx.core.Future<Integer> handshake = ws.setHandshake(decision.future());
        X509Certificate[] certs = ws.isSsl() ? peerCertificates(ws) : null;
        workers.executeBlocking(() -> {
            serveWebSocket(ws, certs, decision, handshake);
            return null;
        }, false).onFailure(t -> {
            LOG.warn("watch over WebSocket failed", t);
            decision.tryComplete(500);
        });
    }

    private void serveWebSocket(ServerWebSocket ws, X509Certificate[] certs, Promise<Integer> decision,
                                io.vertx.core.Future<Integer> handshake) {
        long t0 = System.nanoTime();
        String path = ws.path();
        MultiMap params = MultiMap.caseInsensitiveMultiMap();
        if (ws.query() != null) {
            new io.netty.handler.codec.http.QueryStringDecoder(ws.query(), false).parameters()
                    .forEach((k, vs) -> vs.forEach(v -> params.add(k, v)));
        }
        String watchParam = params.get("watch");
        RequestInfo info = RequestInfo.parse("GET", path, watchParam != null && (watchParam.equals("true") || watchParam.equals("1") || watchParam.isEmpty()));
        UserInfo user = UserInfo.ANONYMOUS;
        int code = 101;
        try {
            user = authenticate(certs, ws.headers().get("Authorization"));
            user = Impersonation.apply(user, ws.headers().get("Impersonate-User"), ws.headers().getAll("Impersonate-Group"), authorizer);
            authorize(user, info, path);
            if (!info.resourceRequest() || !info.verb().equals("watch")) {
                throw StatusError.badRequest("only watch requests can be upgraded to a WebSocket by this server");
            }
            ResourceInfo ri = resolve(info);
            ApiRequest ar = new ApiRequest("GET", info, params, ws.headers(), new byte[0], user);
            watches.watch(ar, ri, WatchSink.webSocket(ws, () -> {
                decision.complete(101);
                try {
                    handshake.toCompletionStage().toCompletableFuture().get(10, TimeUnit.SECONDS);
                } catch (Exception e) {
                    throw StatusError.internal("WebSocket handshake failed: " + e.getMessage());
                }
            }));
        } catch (StatusError e) {
            code = e.code();
            if (!decision.tryComplete(e.code())) {
                ObjectNode ev = Json.MAPPER.createObjectNode();
                ev.put("type", "ERROR");
                ev.set("object", Status.failure(e));
                ws.writeTextMessage(Json.string(ev));
                ws.close();
            }
        } catch (RuntimeException e) {
            LOG.warn("internal error serving WebSocket {}", path, e);
            code = 500;
            if (!decision.tryComplete(500)) ws.close();
        }
        audit.record(new AuditEvent(t0, System.currentTimeMillis(), "ResponseStarted", user.name(), ws.headers().get("User-Agent"),
                info.verb(), info.resource(), info.namespace(), info.name(), code, null, 0));
    }

    private static X509Certificate[] peerCertificates(io.vertx.core.http.HttpConnection connection) {
        try {
            return toX509(connection.peerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static X509Certificate[] peerCertificates(ServerWebSocket ws) {
        try {
            return toX509(ws.peerCertificates());
        } catch (SSLPeerUnverifiedException e) {
            return null;
        }
    }

    private static X509Certificate[] toX509(List<Certificate> certs) {
        if (certs == null || certs.isEmpty()) return null;
        return certs.stream().map(c -> (X509Certificate) c).toArray(X509Certificate[]::new);
    }

    private static boolean isCollectionRead(RequestInfo info) {
        return info.name() == null && (info.verb().equals("list") || info.verb().equals("watch"));
    }

    private static boolean isWatch(HttpServerRequest req) {
        String w = req.getParam("watch");
        return w != null && (w.equals("true") || w.equals("1") || w.isEmpty());
    }

    /** The requester (x509 client certificate, bearer token, else anonymous); plain HTTP is system:admin. */
    private UserInfo authenticate(X509Certificate[] chain, String authorization) {
        if (authenticator == null) return PLAIN_HTTP_ADMIN;
        String token = AuthenticationChain.bearerToken(authorization);
        Optional<UserInfo> u = authenticator.authenticate(chain, token);
        if (u.isEmpty()) throw StatusError.unauthorized("Unauthorized");
        return u.get();
    }

    private void authorize(UserInfo user, RequestInfo info, String path) {
        Attributes a = info.resourceRequest()
                ? new Attributes(user, info.verb(), info.namespace(), info.group(), info.resource(), info.subresource(), info.name(), true, path)
                : new Attributes(user, info.verb(), null, null, null, null, null, false, path);
        Authorizer.Result res = authorizer.authorize(a);
        if (res.decision() == Authorizer.Decision.ALLOW) return;
        throw Forbidden.error(a, res.reason());
    }

    private Response resource(ApiRequest ar, ResourceInfo ri) {
        RequestInfo info = ar.info();
        if (Reviews.handles(ri, info.subresource())) return reviews.handle(ar, ri);
        if (info.subresource() != null) return subresources.handle(ar, ri, info.subresource());
        return switch (info.verb()) {
            case "get" -> rest.get(ar, ri);
            case "list" -> rest.list(ar, ri);
            case "create" -> {
                if (info.name() != null) throw StatusError.methodNotSupported(ri.group(), ri.resource(), "create");
                Response created = rest.create(ar, ri);
                if (ri.groupResource().equals("namespaces") && !ar.dryRun()) {
                    namespaceDefaults.ensure(created.body().path("metadata").path("name").asText());
                }
                yield created;
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
        if (path.equals("/openapi/v2")) {
            // kube-apiserver also offers protobuf (application/com.github.proto-openapi.spec.v2@v1.0+protobuf);
            // a client that accepts only that gets 406 and falls back to JSON
            String accept = ar.accept();
            if (!accept.isEmpty() && !accept.contains("json") && !accept.contains("*/*")) {
                throw new StatusError(406, "NotAcceptable", "only the following media types are accepted: application/json",
                        null, null, null, null, null);
            }
            return Response.json(200, OpenApi.v2());
        }
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
        // kube-apiserver gzips only responses of 128 KiB or more (defaultGzipThresholdBytes); small ones stay plain
        if (b.length() < 128 * 1024) resp.putHeader("Content-Encoding", "identity");
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
