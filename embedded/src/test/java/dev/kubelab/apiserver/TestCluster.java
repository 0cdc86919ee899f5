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

/**
 * One real etcd + API server in a temp directory, shared by a test class; plus a tiny HTTP client. The no-argument
 * form serves plain HTTP (explicitly: the HTTP-level tests need no credentials); {@link #secure()} serves HTTPS with
 * the cluster PKI, the client then presenting kubeadm's admin certificate.
 */
public final class TestCluster implements AutoCloseable {

    public final EmbeddedControlPlane cp;
    public final HttpClient http;
    public final Path dir;

    public TestCluster() {
        this(ApiServerOptions.defaults().withPlainHttp());
    }

    /** HTTPS with a fresh PKI, as `kubelab cluster up` runs it. */
    public static TestCluster secure() {
        return new TestCluster(ApiServerOptions.defaults());
    }

    public TestCluster(ApiServerOptions options) {
        try {
            dir = Files.createTempDirectory("kubelab-test");
            cp = EmbeddedControlPlane.start("test", dir, options);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        HttpClient.Builder b = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5));
        if (cp.pki() != null) {
            b.sslContext(dev.kubelab.pki.JdkTls.clientContext(cp.pki(),
                    cp.pki().clientCertificate("kubernetes-admin", java.util.List.of("kubeadm:cluster-admins"))));
        }
        http = b.build();
        // No kube-controller-manager runs here: the test stands in for its serviceaccount controller where pods go.
        defaultServiceAccount("default");
    }

    /**
     * Creates namespace ns's {@code default} ServiceAccount, as kube-controller-manager's serviceaccount controller
     * would (kube-apiserver never does): without it the ServiceAccount admission plugin rejects pods in ns.
     */
    public void defaultServiceAccount(String ns) {
        Reply r = call("POST", "/api/v1/namespaces/" + ns + "/serviceaccounts", "application/json", "{\"metadata\":{\"name\":\"default\"}}");
        if (r.code() != 201 && r.code() != 409) {
            throw new IllegalStateException("cannot create " + ns + "/default service account: " + r.code() + " " + r.body());
        }
    }

    /** kubeadm's admin.conf of this cluster (HTTPS only). */
    public Path adminKubeconfig() {
        return cp.adminKubeconfig();
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
