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

/**
 * The client the kernel, scheduler, controllers and kubelets use (fabric8 7.x) against the embedded API server over
 * HTTPS, configured from kubeadm's admin.conf exactly as a user's kubeconfig would configure it. fabric8 watches and
 * informers over WebSocket, so this also proves the server's WebSocket watch.
 */
class Fabric8ClientTest {

    static TestCluster c;
    static KubernetesClient client;

    @BeforeAll
    static void up() {
        c = TestCluster.secure();
        Config cfg = c.config();
        cfg.setRequestRetryBackoffLimit(0);
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

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void informerSeesAddUpdateDelete() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("inf").endMetadata().build()).create();
        client.configMaps().inNamespace("inf").resource(new ConfigMapBuilder().withNewMetadata().withName("before").addToLabels("t", "inf").endMetadata().build()).create();
        LinkedBlockingQueue<String> events = new LinkedBlockingQueue<>();
        var informer = client.configMaps().inNamespace("inf").withLabel("t", "inf").inform(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<>() {
            @Override public void onAdd(ConfigMap cm) { events.add("ADD " + cm.getMetadata().getName()); }
            @Override public void onUpdate(ConfigMap o, ConfigMap n) {
                events.add("UPDATE " + n.getMetadata().getName() + " " + n.getData());
            }
            @Override public void onDelete(ConfigMap cm, boolean unknown) { events.add("DELETE " + cm.getMetadata().getName()); }
        });
        try {
            assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("ADD before");   // from the initial list
            client.configMaps().inNamespace("inf").resource(new ConfigMapBuilder().withNewMetadata().withName("live").addToLabels("t", "inf").endMetadata().build()).create();
            assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("ADD live");     // from the watch
            client.configMaps().inNamespace("inf").withName("live").edit(cm -> new ConfigMapBuilder(cm).addToData("k", "v").build());
            assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("UPDATE live {k=v}");
            client.configMaps().inNamespace("inf").withName("live").delete();
            assertThat(events.poll(20, TimeUnit.SECONDS)).isEqualTo("DELETE live");
            assertThat(informer.isWatching()).isTrue();
        } finally {
            informer.stop();
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void watchOverWebSocketHonoursSelectors() throws Exception {
        client.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName("w8").endMetadata().build()).create();
        LinkedBlockingQueue<String> seen = new LinkedBlockingQueue<>();
        try (var w = client.configMaps().inNamespace("w8").withLabel("pick", "me").watch(new Watcher<ConfigMap>() {
            @Override public void eventReceived(Action action, ConfigMap cm) { seen.add(action + " " + cm.getMetadata().getName()); }
            @Override public void onClose(WatcherException cause) { seen.add("CLOSED " + cause); }
        })) {
            client.configMaps().inNamespace("w8").resource(new ConfigMapBuilder().withNewMetadata().withName("skip").endMetadata().build()).create();
            client.configMaps().inNamespace("w8").resource(new ConfigMapBuilder().withNewMetadata().withName("take")
                    .addToLabels("pick", "me").endMetadata().build()).create();
            assertThat(seen.poll(20, TimeUnit.SECONDS)).isEqualTo("ADDED take");
        }
    }

    @Test
    @org.junit.jupiter.api.Timeout(60)
    void forbiddenWatchIsRefusedWithTheStatus() throws Exception {
        Config jane = Config.fromKubeconfig(c.cp.pki().userKubeconfig("jane", java.util.List.of(), c.cp.server()));
        jane.setRequestRetryBackoffLimit(0);
        try (KubernetesClient janeClient = new KubernetesClientBuilder().withConfig(jane).build()) {
            assertThatThrownBy(() -> janeClient.pods().inNamespace("default").watch(new Watcher<io.fabric8.kubernetes.api.model.Pod>() {
                @Override public void eventReceived(Action action, io.fabric8.kubernetes.api.model.Pod pod) {}
                @Override public void onClose(WatcherException cause) {}
            })).isInstanceOfSatisfying(KubernetesClientException.class, e -> assertThat(e.getCode()).isEqualTo(403));
        }
    }
}
