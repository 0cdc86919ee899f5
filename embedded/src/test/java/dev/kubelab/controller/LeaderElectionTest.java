package dev.kubelab.controller;

import static dev.kubelab.apiserver.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.apiserver.TestCluster;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Two kube-controller-managers (as in an HA control plane): only the Lease holder runs controllers. */
class LeaderElectionTest {
    @Test
    void onlyTheLeaseHolderRunsControllersAndTheOtherTakesOverWhenItStops() throws Exception {
        try (TestCluster cp = new TestCluster()) {
            var options = KubeControllerManager.Options.defaults().withControllers(List.of("serviceaccount"));
            try (KubeControllerManager a = new KubeControllerManager(cp.config(), options.withIdentity("cp-1_a"));
                 KubeControllerManager b = new KubeControllerManager(cp.config(), options.withIdentity("cp-2_b"))) {
                a.start();
                await("a leads", a::isLeading);
                b.start();
                await("b sees a as leader", () -> "cp-1_a".equals(b.observedLeader()));
                assertThat(b.isLeading()).isFalse();
                assertThat(b.runningControllers()).isEmpty();
                assertThat(a.runningControllers()).containsExactly("serviceaccount");
                assertThat(cp.client().leases().inNamespace("kube-system").withName("kube-controller-manager").get()
                        .getSpec().getHolderIdentity()).isEqualTo("cp-1_a");
                a.stop(); // releases the lease
                await("b takes over", b::isLeading);
                assertThat(cp.client().leases().inNamespace("kube-system").withName("kube-controller-manager").get()
                        .getSpec().getHolderIdentity()).isEqualTo("cp-2_b");
                cp.client().namespaces().resource(new io.fabric8.kubernetes.api.model.NamespaceBuilder().withNewMetadata()
                        .withName("after-failover").endMetadata().build()).create();
                await("b's controllers work", () -> cp.client().serviceAccounts().inNamespace("after-failover").withName("default").get() != null);
            }
        }
    }
}
