package dev.kubelab.cli.cluster;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;

/**
 * The serve JVM's component control for {@code kubelab cluster stop|start|restart COMPONENT [--node NAME]}: a tiny HTTP
 * endpoint on 127.0.0.1 (free port) that demands a random bearer token kept in the owner-only state.json. Chosen over a
 * watched command file because the caller gets the result (or the one-line error) synchronously.
 *
 * <pre>
 * GET  /components                         one line per component instance
 * POST /components/stop?component=C&node=N 200 with a confirmation, 400 with the error line
 * </pre>
 */
final class ControlEndpoint implements AutoCloseable {
    private final HttpServer server;
    private final String token;
    private final Cluster cluster;

    private ControlEndpoint(HttpServer server, String token, Cluster cluster) {
        this.server = server;
        this.token = token;
        this.cluster = cluster;
    }

    static ControlEndpoint start(Cluster cluster) throws IOException {
        byte[] secret = new byte[24];
        new SecureRandom().nextBytes(secret);
        HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        ControlEndpoint e = new ControlEndpoint(http, HexFormat.of().formatHex(secret), cluster);
        http.createContext("/components", e::handle);
        // one at a time: component drills must not interleave (the cluster serialises them anyway)
        http.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "cluster-control");
            t.setDaemon(true);
            return t;
        }));
        http.start();
        return e;
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    String token() {
        return token;
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String auth = Optional.ofNullable(ex.getRequestHeaders().getFirst("Authorization")).orElse("");
            if (!MessageDigest.isEqual(auth.getBytes(StandardCharsets.UTF_8), ("Bearer " + token).getBytes(StandardCharsets.UTF_8))) {
                reply(ex, 401, "unauthorized: the token in state.json is required");
                return;
            }
            String path = ex.getRequestURI().getPath();
            if (ex.getRequestMethod().equals("GET") && path.equals("/components")) {
                StringBuilder sb = new StringBuilder();
                for (ComponentStatus c : cluster.components()) {
                    sb.append(String.format("%-24s %-28s %-9s %s%n", c.component(), c.node(), c.state(), c.detail()));
                }
                reply(ex, 200, sb.toString());
                return;
            }
            String action = path.startsWith("/components/") ? path.substring("/components/".length()) : "";
            if (!ex.getRequestMethod().equals("POST") || !(action.equals("stop") || action.equals("start") || action.equals("restart"))) {
                reply(ex, 404, "unknown control request " + ex.getRequestMethod() + " " + path);
                return;
            }
            Map<String, String> q = query(ex.getRequestURI().getRawQuery());
            try {
                Component c = Component.parse(q.get("component"));
                Optional<String> node = Optional.ofNullable(q.get("node")).filter(s -> !s.isBlank());
                switch (action) {
                    case "stop" -> cluster.stop(c, node);
                    case "start" -> cluster.start(c, node);
                    default -> cluster.restart(c, node);
                }
                String where = c.perNode() ? " on " + node.orElse(cluster.spec().controlPlaneNodeName()) : "";
                reply(ex, 200, c + where + (action.equals("stop") ? " stopped" : action.equals("start") ? " started" : " restarted") + "\n");
            } catch (RuntimeException e) {
                reply(ex, 400, e.getMessage() + "\n");
            }
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> m = new HashMap<>();
        if (raw == null) return m;
        for (String kv : raw.split("&")) {
            int i = kv.indexOf('=');
            if (i > 0) m.put(URLDecoder.decode(kv.substring(0, i), StandardCharsets.UTF_8), URLDecoder.decode(kv.substring(i + 1), StandardCharsets.UTF_8));
        }
        return m;
    }

    private static void reply(HttpExchange ex, int code, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
        ex.sendResponseHeaders(code, b.length == 0 ? -1 : b.length);
        if (b.length > 0) ex.getResponseBody().write(b);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
