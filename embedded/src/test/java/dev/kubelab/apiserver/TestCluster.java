package dev.kubelab.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.embedded.EmbeddedControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * The one test fixture of the embedded control plane: a real etcd + API server in a temp directory (removed on
 * close), shared by a test class; a tiny HTTP client for the HTTP-level tests and a fabric8 client for the rest, which
 * play the parts a test does not start (kubectl user, scheduler, kubelets) through the API. The no-argument form
 * serves plain HTTP (explicitly: the HTTP-level tests need no credentials); {@link #secure()} serves HTTPS with the
 * cluster PKI, the clients then presenting kubeadm's admin certificate.
 */
public final class TestCluster implements AutoCloseable {

    public final EmbeddedControlPlane cp;
    public final HttpClient http;
    public final Path dir;

    /** Five times the slowest wait a test has; it only bounds a broken test and asserts nothing about speed. */
    private static final Duration PATIENCE = Duration.ofSeconds(60);

    private KubernetesClient client;
    private final Deque<AutoCloseable> owned = new ArrayDeque<>();

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

    /**
     * A fresh client configuration for this cluster: kubeadm's admin.conf over HTTPS; over plain HTTP the bare server
     * URL (never ~/.kube/config), with HTTP watches and room for the many informers a controller manager opens.
     */
    public Config config() {
        if (cp.pki() != null) {
            try {
                return Config.fromKubeconfig(Files.readString(adminKubeconfig()));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return new ConfigBuilder(Config.empty()).withMasterUrl(cp.server()).withRequestTimeout(10_000)
                .withOnlyHttpWatches(true).withMaxConcurrentRequests(128).withMaxConcurrentRequestsPerHost(128).build();
    }

    /** The fabric8 client of {@link #config()}, made on first use and closed with the cluster. */
    public synchronized KubernetesClient client() {
        if (client == null) {
            client = new KubernetesClientBuilder().withConfig(config()).build();
        }
        return client;
    }

    /**
     * Hands a test's own component (node simulator, controller, informers) to the cluster: closed before the clients
     * and the control plane, the last owned first, so that a test's tear-down is one {@link #close()}.
     */
    public synchronized <T extends AutoCloseable> T own(T component) {
        owned.push(component);
        return component;
    }

    /**
     * Polls until the probe yields a value (not null, not false) and returns it. A probe that throws has not
     * succeeded yet (the object may not exist so far); its last exception is the cause of the timeout.
     */
    public static <T> T eventually(String what, Supplier<T> probe) {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (true) {
            T last = null;
            RuntimeException error = null;
            try {
                last = probe.get();
                if (last != null && !Boolean.FALSE.equals(last)) {
                    return last;
                }
            } catch (RuntimeException e) {
                error = e;
            }
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for " + what + " (last: " + last + ")", error);
            }
            try {
                Thread.sleep(50);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
    }

    /** Polls until the condition holds. */
    public static void await(String what, BooleanSupplier condition) {
        eventually(what, condition::getAsBoolean);
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
        IllegalStateException failure = null;
        synchronized (this) {
            while (!owned.isEmpty()) {
                try {
                    owned.pop().close();
                } catch (Exception e) {
                    // the rest (etcd above all) must stop all the same
                    failure = failure != null ? failure : new IllegalStateException("closing a test component failed", e);
                }
            }
            if (client != null) {
                client.close();
            }
        }
        cp.close();
        try (var files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // best effort: a temp dir
        }
        if (failure != null) {
            throw failure;
        }
    }
}
