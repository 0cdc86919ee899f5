package dev.kubelab.kubelet;

import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * The simulated kubelets' HTTP endpoint (the real kubelet's :10250), serving
 * {@code GET /containerLogs/<namespace>/<pod>/<container>?tailLines=&timestamps=&previous=} and
 * {@code GET /healthz}. One server on a free loopback port serves every node of a
 * {@link NodeSimulator}; each Node publishes its port in
 * {@code status.daemonEndpoints.kubeletEndpoint.Port}. Plain HTTP on 127.0.0.1: the Nodes'
 * InternalIPs are simulated, so the API server must dial 127.0.0.1 at that port.
 */
public final class KubeletServer implements AutoCloseable {
    private final Vertx vertx;
    private final HttpServer server;
    private final PodLogs logs;

    private KubeletServer(Vertx vertx, HttpServer server, PodLogs logs) {
        this.vertx = vertx;
        this.server = server;
        this.logs = logs;
    }

    /** Starts listening on a free port of 127.0.0.1. */
    public static KubeletServer start(PodLogs logs) {
        Vertx vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(2).setInternalBlockingPoolSize(2));
        HttpServer server = vertx.createHttpServer();
        KubeletServer ks = new KubeletServer(vertx, server, logs);
        server.requestHandler(ks::handle);
        try {
            server.listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().join();
        } catch (RuntimeException e) {
            vertx.close();
            throw new IllegalStateException("kubelet endpoint could not listen on 127.0.0.1: " + e.getMessage(), e);
        }
        return ks;
    }

    public int port() {
        return server.actualPort();
    }

    private void handle(HttpServerRequest req) {
        String path = req.path();
        if ("/healthz".equals(path)) {
            req.response().putHeader("content-type", "text/plain; charset=utf-8").end("ok");
            return;
        }
        String[] parts = path.split("/");
        // "", "containerLogs", ns, pod, container
        if (!"GET".equals(req.method().name()) || parts.length != 5 || !"containerLogs".equals(parts[1])) {
            req.response().setStatusCode(404).putHeader("content-type", "text/plain; charset=utf-8").end("404 page not found\n");
            return;
        }
        String ns = decode(parts[2]);
        String pod = decode(parts[3]);
        String container = decode(parts[4]);
        Integer tail = null;
        String tailParam = req.getParam("tailLines");
        if (tailParam != null) {
            try {
                tail = Integer.parseInt(tailParam);
            } catch (NumberFormatException e) {
                req.response().setStatusCode(400).end("tailLines must be an integer, got \"" + tailParam + "\"\n");
                return;
            }
        }
        boolean timestamps = "true".equals(req.getParam("timestamps"));
        boolean previous = "true".equals(req.getParam("previous"));
        Integer tailLines = tail;
        vertx.<String>executeBlocking(() -> {
            var kubelet = logs.nodeOf(ns, pod)
                    .orElseThrow(() -> new KubeletException(404, "pod \"" + pod + "\" in namespace \"" + ns + "\" not found on any simulated node"));
            return logs.logs(kubelet.nodeName(), ns, pod, container, tailLines, timestamps, previous);
        }, false).onComplete(ar -> {
            if (ar.succeeded()) {
                req.response().putHeader("content-type", "text/plain; charset=utf-8").end(ar.result());
            } else if (ar.cause() instanceof KubeletException ke) {
                req.response().setStatusCode(ke.code()).putHeader("content-type", "text/plain; charset=utf-8").end(ke.getMessage() + "\n");
            } else {
                req.response().setStatusCode(500).end(String.valueOf(ar.cause()) + "\n");
            }
        });
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.close().toCompletionStage().toCompletableFuture().join();
        vertx.close().toCompletionStage().toCompletableFuture().join();
    }
}
