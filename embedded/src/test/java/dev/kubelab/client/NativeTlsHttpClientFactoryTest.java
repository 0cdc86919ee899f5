package dev.kubelab.client;

import dev.kubelab.apiserver.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReview;
import io.fabric8.kubernetes.api.model.authentication.SelfSubjectReviewBuilder;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.Watch;
import io.fabric8.kubernetes.client.Watcher;
import io.fabric8.kubernetes.client.WatcherException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The components' HTTPS over BoringSSL: a client built like a component's authenticates with its kubeconfig's client
 * certificate, reads, writes and streams a watch against the embedded kube-apiserver (itself on BoringSSL).
 */
class NativeTlsHttpClientFactoryTest {
    static TestCluster cluster;
    static ComponentClients clients;

    @BeforeAll
    static void start() {
        cluster = TestCluster.secure();
        clients = new ComponentClients();
    }

    @AfterAll
    static void stop() {
        clients.close();
        cluster.close();
    }

    @Test
    void boringSslLoadsOnTheLinuxBuildsKubelabShips() {
        String os = System.getProperty("os.name").toLowerCase();
        String arch = System.getProperty("os.arch");
        if (os.contains("linux") && List.of("amd64", "x86_64", "aarch64").contains(arch)) {
            assertThat(NativeTlsHttpClientFactory.available()).as("netty-tcnative-boringssl-static for " + arch).isTrue();
        }
    }

    @Test
    void componentClientAuthenticatesWithItsCertificateReadsWritesAndWatches() throws Exception {
        String kubeconfig = cluster.cp.pki().userKubeconfig("kubernetes-admin", List.of("kubeadm:cluster-admins"));
        try (KubernetesClient c = clients.build(Config.fromKubeconfig(kubeconfig))) {
            SelfSubjectReview review = c.resource(new SelfSubjectReviewBuilder().build()).create();
            assertThat(review.getStatus().getUserInfo().getUsername()).isEqualTo("kubernetes-admin");

            List<String> seen = new CopyOnWriteArrayList<>();
            try (Watch w = c.configMaps().inNamespace("default").watch(new Watcher<>() {
                @Override
                public void eventReceived(Action action, ConfigMap cm) {
                    seen.add(action + " " + cm.getMetadata().getName());
                }

                @Override
                public void onClose(WatcherException cause) {
                }
            })) {
                c.configMaps().inNamespace("default").resource(new ConfigMapBuilder().withNewMetadata().withName("over-boringssl")
                        .endMetadata().addToData("k", "v").build()).create();
                TestCluster.await("the watch event", () -> seen.contains("ADDED over-boringssl"));
            }
            assertThat(c.configMaps().inNamespace("default").withName("over-boringssl").get().getData()).containsEntry("k", "v");
        }
    }

    /** The server's certificate is checked against the kubeconfig's CA, in BoringSSL's engine. */
    @Test
    void aServerFromAnotherCaIsRefused() throws Exception {
        try (TestCluster other = TestCluster.secure()) {
            // this cluster's client certificate and CA against the other cluster's server
            Config config = Config.fromKubeconfig(cluster.cp.pki().userKubeconfig("kubernetes-admin", List.of("kubeadm:cluster-admins"), other.cp.server()));
            config.setRequestRetryBackoffLimit(0);
            try (KubernetesClient c = clients.build(config)) {
                assertThatThrownBy(() -> c.namespaces().list()).hasStackTraceContaining("Path does not chain with any of the trust anchors")
                        .hasStackTraceContaining(NativeTlsHttpClientFactory.available() ? "OpenSslEngine" : "");
            }
        }
    }
}
