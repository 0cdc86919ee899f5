package dev.kubelab.controller.deployment;

import static dev.kubelab.apiserver.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.apiserver.TestCluster;
import dev.kubelab.controller.FakeKubelet;
import dev.kubelab.controller.KubeControllerManager;
import dev.kubelab.controller.RolloutBounds;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Rolling updates (three in a row, small and large) keep within maxSurge and maxUnavailable at every state the API
 * server goes through ({@link RolloutBounds}); the pods become Ready at once ({@link FakeKubelet}), so the controller's
 * steps follow each other as fast as the caches let them — where stale ReplicaSet status used to push an old
 * ReplicaSet back up past replicas + maxSurge.
 */
class RollingUpdateBoundsTest {
    static TestCluster cp;
    static KubeControllerManager kcm;
    static FakeKubelet kubelet;

    @BeforeAll
    static void up() throws Exception {
        cp = new TestCluster();
        kcm = new KubeControllerManager(cp.config(), KubeControllerManager.Options.defaults()
                .withControllers(List.of("deployment", "replicaset", "serviceaccount")).withLeaderElect(false));
        kcm.start();
        kubelet = new FakeKubelet(cp.client());
    }

    @AfterAll
    static void down() {
        if (kubelet != null) {
            kubelet.close();
        }
        if (kcm != null) {
            kcm.close();
        }
        if (cp != null) {
            cp.close();
        }
    }

    static Deployment deployment(String ns, String name, int replicas, int surge, int unavailable, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewStrategy().withType("RollingUpdate").withNewRollingUpdate()
                .withMaxSurge(new IntOrString(surge)).withMaxUnavailable(new IntOrString(unavailable)).endRollingUpdate().endStrategy()
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    @Test
    void replicaSetsStayWithinMaxSurgeAndPodsWithinMaxUnavailableThroughRollouts() {
        rollouts("bounds-small", 4, 1, 1);
        rollouts("bounds-large", 10, 3, 2);
    }

    private void rollouts(String ns, int replicas, int surge, int unavailable) {
        cp.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata().build()).create();
        await("default service account", () -> cp.client().serviceAccounts().inNamespace(ns).withName("default").get() != null);
        var deployments = cp.client().apps().deployments().inNamespace(ns);
        deployments.resource(deployment(ns, "web", replicas, surge, unavailable, "nginx:1.0")).create();
        await("first rollout complete", () -> complete(deployments.withName("web").get(), replicas));
        try (RolloutBounds bounds = RolloutBounds.watch(cp.client(), ns)) {
            for (String image : List.of("nginx:1.1", "nginx:1.2", "nginx:1.3")) {
                deployments.withName("web").edit(d -> {
                    d.getSpec().getTemplate().getSpec().getContainers().get(0).setImage(image);
                    return d;
                });
                await("rollout to " + image, () -> complete(deployments.withName("web").get(), replicas));
            }
            bounds.assertHeld(replicas, surge, unavailable);
        }
    }

    static boolean complete(Deployment d, int replicas) {
        var s = d.getStatus();
        return s != null && d.getMetadata().getGeneration().equals(s.getObservedGeneration())
                && Integer.valueOf(replicas).equals(s.getUpdatedReplicas()) && Integer.valueOf(replicas).equals(s.getReplicas())
                && Integer.valueOf(replicas).equals(s.getAvailableReplicas());
    }
}
