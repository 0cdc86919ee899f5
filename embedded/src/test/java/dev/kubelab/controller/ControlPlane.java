package dev.kubelab.controller;

import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.embedded.EmbeddedControlPlane;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * Test fixture: the real embedded control plane (etcd + kube-apiserver) in a temp dir, and a client playing the
 * parts that are not on this branch (kubectl user, kube-scheduler, kubelet) through the API.
 */
public final class ControlPlane implements AutoCloseable {
    public final EmbeddedControlPlane cp;
    public final Config config;
    public final KubernetesClient client;

    private final Path home;

    private ControlPlane(EmbeddedControlPlane cp, Path home) {
        this.cp = cp;
        this.home = home;
        this.config = new ConfigBuilder(Config.empty()).withMasterUrl(cp.server()).withRequestTimeout(10_000)
                .withOnlyHttpWatches(true).withMaxConcurrentRequests(128).withMaxConcurrentRequestsPerHost(128).build();
        this.client = new KubernetesClientBuilder().withConfig(config).build();
    }

    public static ControlPlane start() throws Exception {
        Path home = Files.createTempDirectory("kubelab-controllers-test");
        ControlPlane cp = new ControlPlane(EmbeddedControlPlane.start("test", home, ApiServerOptions.defaults().withPlainHttp()), home);
        // Tests that run only some controllers create pods in "default": the fixture stands in for the serviceaccount
        // controller there (kube-apiserver never creates the default ServiceAccount).
        cp.client.serviceAccounts().inNamespace("default").resource(new io.fabric8.kubernetes.api.model.ServiceAccountBuilder()
                .withNewMetadata().withName("default").endMetadata().build()).create();
        return cp;
    }

    /** Polls until the condition holds; the timeout only bounds a broken test, it asserts nothing about speed. */
    public static void await(String what, BooleanSupplier condition) {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("timed out waiting for: " + what);
            }
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
        }
    }

    public static <T> T awaitValue(String what, Supplier<T> value) {
        Object[] holder = new Object[1];
        await(what, () -> (holder[0] = value.get()) != null);
        @SuppressWarnings("unchecked")
        T t = (T) holder[0];
        return t;
    }

    @Override
    public void close() {
        client.close();
        cp.close();
        try (var files = Files.walk(home)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (java.io.IOException e) {
            // best effort: a temp dir
        }
    }
}
