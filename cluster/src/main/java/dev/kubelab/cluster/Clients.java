package dev.kubelab.cluster;

import dev.kubelab.client.ComponentClients;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/**
 * The fabric8 clients the providers hand out. Watches use plain HTTP streaming, as client-go and kubectl do
 * (fabric8 would otherwise try a WebSocket upgrade first).
 */
public final class Clients {
    private Clients() {
    }

    /**
     * A client for {@code kubeconfigYaml}. fabric8 retries failed requests 10 times with exponential back-off by
     * default (about 100 s); in a failure drill the learner must see the error as kubectl shows it, at once, so
     * there is a single retry.
     */
    public static KubernetesClient forKubeconfig(String kubeconfigYaml) {
        Config config = Config.fromKubeconfig(kubeconfigYaml);
        config.setRequestRetryBackoffLimit(1);
        config.setOnlyHttpWatches(true);
        config.setRequestRetryBackoffInterval(200);
        return new KubernetesClientBuilder().withConfig(config).build();
    }

    /**
     * A client for a control-plane component or kubelet, identified by its user agent as the real binaries are
     * ({@code kube-scheduler/v1.31.4 (linux/amd64) kubernetes/kubelab}) so audit records and traces can name it.
     * Default retries: components ride out an API server restart on their own.
     */
    public static KubernetesClient forComponent(String kubeconfigYaml, String component, KubernetesVersion version) {
        return new KubernetesClientBuilder().withConfig(componentConfig(kubeconfigYaml, component, version)).build();
    }

    /** As {@link #forComponent(String, String, KubernetesVersion)}, on event loops and a serializer shared with other components. */
    public static KubernetesClient forComponent(String kubeconfigYaml, String component, KubernetesVersion version, ComponentClients shared) {
        return shared.build(componentConfig(kubeconfigYaml, component, version));
    }

    private static Config componentConfig(String kubeconfigYaml, String component, KubernetesVersion version) {
        Config config = Config.fromKubeconfig(kubeconfigYaml);
        config.setUserAgent(component + "/" + version + " (linux/amd64) kubernetes/kubelab");
        config.setOnlyHttpWatches(true);
        return config;
    }
}
