package dev.kubelab.client;

import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.RequestConfigBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A component's non-blocking API calls (what a client-go component does from a goroutine) over the fabric8 client's
 * HTTP client, so the component's own threads never wait for the API server: the request goes out, the caller gets
 * a future. The fabric8 client's authentication and user agent apply as for its blocking calls, but not its retries:
 * a failed call fails at once and the component decides (client-go does not retry a 5xx either; kube-scheduler
 * forgets the pod and requeues it, the kubelet's status manager writes again later), instead of fabric8 retrying
 * for up to 100 s while everything queued behind the call waits. Each call gives up after {@link #TIMEOUT_SECONDS}.
 */
public final class AsyncRest {
    /** No call waits longer for its answer. */
    public static final int TIMEOUT_SECONDS = 30;

    private final HttpClient http;
    private final String base;
    private final KubernetesSerialization serialization;

    public AsyncRest(KubernetesClient client) {
        // the same connections, without fabric8's retries with back-off
        this.http = client.getHttpClient().newBuilder()
                .tag(new RequestConfigBuilder(client.getConfiguration().getRequestConfig()).withRequestRetryBackoffLimit(0).build())
                .build();
        String url = client.getMasterUrl().toString();
        this.base = url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
        this.serialization = client.getKubernetesSerialization();
    }

    /** {@code /api/v1/namespaces/<ns>/pods/<name>[/<subresource>]}. */
    public static String podPath(String namespace, String name, String subresource) {
        return "/api/v1/namespaces/" + enc(namespace) + "/pods/" + enc(name) + (subresource == null ? "" : "/" + subresource);
    }

    public static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    public KubernetesSerialization serialization() {
        return serialization;
    }

    /**
     * Sends {@code method path} with {@code body}; completes with the response body on 2xx, else exceptionally with
     * an {@link ApiException} carrying the code and the returned Status's message.
     */
    public CompletableFuture<String> send(String method, String path, String contentType, String body) {
        HttpRequest req = http.newHttpRequestBuilder().uri(base + path).method(method, contentType, body)
                .timeout(TIMEOUT_SECONDS, TimeUnit.SECONDS).build();
        return http.sendAsync(req, String.class).thenApply(resp -> {
            if (!resp.isSuccessful()) {
                throw new ApiException(resp.code(), statusMessage(resp.body(), resp.code()));
            }
            return resp.body();
        });
    }

    /** The {@code message} of a returned Status, else the body. */
    private String statusMessage(String body, int code) {
        try {
            Map<?, ?> m = serialization.unmarshal(body, Map.class);
            Object msg = m.get("message");
            if (msg != null) {
                return msg.toString();
            }
        } catch (RuntimeException ignored) {
            // not a Status
        }
        return "HTTP " + code + (body == null ? "" : ": " + body);
    }

    /** The API error code of a failed call's cause, or -1 when it did not come from the API server. */
    public static int code(Throwable t) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof ApiException a) {
                return a.code();
            }
        }
        return -1;
    }

    /** A non-2xx answer; the message is the Status message the component would log. */
    public static final class ApiException extends RuntimeException {
        private final int code;

        public ApiException(int code, String message) {
            super(message, null, false, false);
            this.code = code;
        }

        public int code() {
            return code;
        }
    }
}
