package dev.kubelab.client;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import io.fabric8.kubernetes.client.vertx.VertxHttpClientFactory;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;

/**
 * How components living in one JVM build their API clients. Each component keeps its own client — its own
 * connections, user agent and credentials, as separate processes would have — but they share what separate
 * processes would each have as runtime: one JSON (de)serializer ({@link #SERIALIZATION}; Jackson keeps per-type
 * introspection per mapper, about a megabyte for each client that would otherwise build its own; it also shares
 * equal decoded strings) and, per
 * {@code ComponentClients}, one Vert.x event-loop group (a default fabric8 client starts a Vert.x of its own, with
 * its own event loops and checker thread: a hundred kubelets would mean hundreds of threads).
 */
public final class ComponentClients implements AutoCloseable {
    /**
     * One serializer for every component client in the JVM (thread-safe, as Jackson's ObjectMapper is); it decodes
     * strings through {@link InternedStrings}, so the components' caches share equal values, and gives decoded model
     * objects one shared empty map of unknown fields ({@link SharedEmptyExtras}).
     */
    public static final KubernetesSerialization SERIALIZATION =
            new KubernetesSerialization(new ObjectMapper().registerModules(InternedStrings.module(), SharedEmptyExtras.module()), true);

    private final Vertx vertx;
    private final HttpClient.Factory http;

    /** A Vert.x of two event loops (the machines kubelab targets have two cores) for all clients built here. */
    public ComponentClients() {
        this.vertx = Vertx.vertx(new VertxOptions().setUseDaemonThread(true).setEventLoopPoolSize(2)
                .setWorkerPoolSize(4).setInternalBlockingPoolSize(4));
        this.http = new NativeTlsHttpClientFactory(vertx);
    }

    /** A client with {@code config} on the shared event loops and serializer; the caller closes it. */
    public KubernetesClient build(Config config) {
        return build(config, http);
    }

    /**
     * A client with {@code config} on the given HTTP client factory and the shared serializer. A
     * {@link NativeTlsHttpClientFactory} takes the client certificate out of {@code config} and presents it itself.
     */
    public static KubernetesClient build(Config config, HttpClient.Factory http) {
        if (http instanceof NativeTlsHttpClientFactory nativeTls) http = nativeTls.forConfig(config);
        return new KubernetesClientBuilder().withConfig(config).withHttpClientFactory(http)
                .withKubernetesSerialization(SERIALIZATION).build();
    }

    /** Stops the event loops: close the clients built here first. */
    @Override
    public void close() {
        vertx.close();
    }
}
