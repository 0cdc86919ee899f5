package dev.kubelab.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client the kernel uses (fabric8) against the embedded API server. */
class Fabric8ClientTest {

    static TestCluster c;
    static KubernetesClient client;

    @BeforeAll
    static void up() {
        c = new TestCluster();
        Config cfg = new ConfigBuilder().withMasterUrl(c.cp.server()).withRequestRetryBackoffLimit(0).build();
        client = new KubernetesClientBuilder().withConfig(cfg).build();
    }

    @AfterAll
    static void down() {
        client.close();
        c.close();
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void crudListAndErrors() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8").endMetadata().build()).create();
        client.configMaps().inNamespace("f8").resource(new ConfigMapBuilder().withNewMetadata().withName("a").addToLabels("k", "v")
                .endMetadata().addToData("x", "1").build()).create();
        client.configMaps().inNamespace("f8").withName("a").edit(cm -> new ConfigMapBuilder(cm).addToData("y", "2").build());
        assertThat(client.configMaps().inNamespace("f8").withName("a").get().getData()).containsEntry("y", "2");
        assertThat(client.configMaps().inNamespace("f8").withLabel("k", "v").list().getItems()).hasSize(1);
        client.configMaps().inNamespace("f8").withName("a").delete();
        client.apps().deployments().inNamespace("f8").resource(new DeploymentBuilder().withNewMetadata().withName("d").endMetadata()
                .withNewSpec().withReplicas(1).withNewSelector().addToMatchLabels("a", "b").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("a", "b").endMetadata().withNewSpec().addNewContainer().withName("c")
                .withImage("nginx").endContainer().endSpec().endTemplate().endSpec().build()).create();
        client.apps().deployments().inNamespace("f8").withName("d").scale(3);
        assertThat(client.apps().deployments().inNamespace("f8").withName("d").get().getSpec().getReplicas()).isEqualTo(3);
        assertThat(client.apps().deployments().inNamespace("f8").withLabel("nope").list().getItems()).isEmpty();
        assertThat(client.configMaps().inNamespace("f8").withName("missing").get()).isNull();
        assertThatThrownBy(() -> client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("f8").endMetadata().build()).create())
                .isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(409));
    }
}
