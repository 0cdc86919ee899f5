package dev.kubelab.cli.cluster;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/** The CLI side of {@link ControlEndpoint}: sends one request with the token from state.json. */
final class ControlClient {
    private final ClusterState state;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    ControlClient(ClusterState state) {
        this.state = state;
    }

    boolean available() {
        return !state.control().isBlank() && !state.token().isBlank();
    }

    HttpResponse<String> components() throws Exception {
        return send(HttpRequest.newBuilder(URI.create(state.control() + "/components")).GET());
    }

    HttpResponse<String> act(String action, String component, String node) throws Exception {
        String q = "component=" + URLEncoder.encode(component, StandardCharsets.UTF_8)
                + (node == null ? "" : "&node=" + URLEncoder.encode(node, StandardCharsets.UTF_8));
        return send(HttpRequest.newBuilder(URI.create(state.control() + "/components/" + action + "?" + q)).POST(HttpRequest.BodyPublishers.noBody()));
    }

    private HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
        // starting a component waits for it (the scheduler to lead, etcd to be healthy): allow for that
        return http.send(b.header("Authorization", "Bearer " + state.token()).timeout(Duration.ofSeconds(90)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
