package dev.kubelab.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.embedded.EmbeddedControlPlane;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

/** One real etcd + API server in a temp directory, shared by a test class; plus a tiny HTTP client. */
public final class TestCluster implements AutoCloseable {

    public final EmbeddedControlPlane cp;
    public final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public TestCluster() {
        this(ApiServerOptions.defaults());
    }

    public TestCluster(ApiServerOptions options) {
        try {
            Path dir = Files.createTempDirectory("kubelab-test");
            cp = EmbeddedControlPlane.start("test", dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public record Reply(int code, String body, String contentType) {
        public JsonNode json() {
            try {
                return Json.MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON (" + code + "): " + body, e);
            }
        }
    }

    public Reply call(String method, String path, String contentType, String body, String... headers) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(cp.server() + path)).timeout(Duration.ofSeconds(30));
        if (contentType != null) b.header("Content-Type", contentType);
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        try {
            HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
            return new Reply(r.statusCode(), r.body(), r.headers().firstValue("Content-Type").orElse(""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public Reply get(String path, String... headers) {
        return call("GET", path, null, null, headers);
    }

    public Reply post(String path, String json) {
        return call("POST", path, "application/json", json);
    }

    public Reply put(String path, String json) {
        return call("PUT", path, "application/json", json);
    }

    public Reply patch(String path, String type, String body) {
        return call("PATCH", path, type, body);
    }

    public Reply delete(String path) {
        return call("DELETE", path, null, null);
    }

    @Override
    public void close() {
        cp.close();
    }
}
