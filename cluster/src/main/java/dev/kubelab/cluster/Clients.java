package dev.kubelab.cluster;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;

/** The fabric8 client every provider hands out for its admin kubeconfig. */
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
        config.setRequestRetryBackoffInterval(200);
        return new KubernetesClientBuilder().withConfig(config).build();
    }
}
