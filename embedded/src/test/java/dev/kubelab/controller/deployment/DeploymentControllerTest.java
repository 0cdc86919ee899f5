package dev.kubelab.controller.deployment;

import static dev.kubelab.apiserver.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.apiserver.TestCluster;
import dev.kubelab.controller.KcmHarness;
import dev.kubelab.controller.KubeControllerManager;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class DeploymentControllerTest {
    static TestCluster cp;
    static KubeControllerManager kcm;

    @BeforeAll
    static void up() throws Exception {
        cp = new TestCluster();
        kcm = cp.own(new KubeControllerManager(cp.config(), KubeControllerManager.Options.defaults()
                .withControllers(List.of("deployment", "replicaset")).withLeaderElect(false)));
        kcm.start();
    }

    @AfterAll
    static void down() {
        if (cp != null) {
            cp.close();
        }
    }

    static Deployment deployment(String name, int replicas, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    List<Pod> pods(String app) {
        return cp.client().pods().inNamespace("default").withLabel("app", app).list().getItems();
    }

    @Test
    void createsReplicaSetAndPodsWithRealEventsAndRevision() {
        cp.client().apps().deployments().inNamespace("default").resource(deployment("web", 3, "nginx:1.27")).create();
        await("3 pods", () -> pods("web").size() == 3);
        List<ReplicaSet> rss = cp.client().apps().replicaSets().inNamespace("default").withLabel("app", "web").list().getItems();
        assertThat(rss).hasSize(1);
        ReplicaSet rs = rss.get(0);
        String hash = rs.getMetadata().getLabels().get("pod-template-hash");
        assertThat(rs.getMetadata().getName()).isEqualTo("web-" + hash);
        assertThat(rs.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1")
                .containsEntry("deployment.kubernetes.io/desired-replicas", "3")
                .containsEntry("deployment.kubernetes.io/max-replicas", "4");
        assertThat(pods("web")).allSatisfy(p -> {
            assertThat(p.getMetadata().getName()).startsWith(rs.getMetadata().getName() + "-");
            assertThat(p.getMetadata().getOwnerReferences().get(0).getUid()).isEqualTo(rs.getMetadata().getUid());
        });
        await("events", () -> {
            List<Event> ev = cp.client().v1().events().inNamespace("default").list().getItems();
            return ev.stream().anyMatch(e -> "ScalingReplicaSet".equals(e.getReason())
                    && ("Scaled up replica set " + rs.getMetadata().getName() + " from 0 to 3").equals(e.getMessage())
                    && "deployment-controller".equals(e.getSource().getComponent()))
                    && ev.stream().filter(e -> "SuccessfulCreate".equals(e.getReason())
                    && e.getMessage().startsWith("Created pod: " + rs.getMetadata().getName() + "-")
                    && "replicaset-controller".equals(e.getSource().getComponent())).count() == 3;
        });
        // kubelet's part: the pods run; the Deployment becomes Available and complete.
        int i = 10;
        for (Pod p : pods("web")) {
            KcmHarness.runReady(cp.client(), p, "kubelab-worker", "10.244.1." + i++);
        }
        await("deployment complete", () -> {
            Deployment d = cp.client().apps().deployments().inNamespace("default").withName("web").get();
            return d.getStatus() != null && Integer.valueOf(3).equals(d.getStatus().getAvailableReplicas())
                    && d.getStatus().getConditions().stream().anyMatch(c -> "Progressing".equals(c.getType())
                    && "NewReplicaSetAvailable".equals(c.getReason()))
                    && d.getStatus().getConditions().stream().anyMatch(c -> "Available".equals(c.getType())
                    && "True".equals(c.getStatus()) && "MinimumReplicasAvailable".equals(c.getReason()));
        });
        Deployment d = cp.client().apps().deployments().inNamespace("default").withName("web").get();
        assertThat(d.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "1");
        assertThat(d.getStatus().getObservedGeneration()).isEqualTo(d.getMetadata().getGeneration());
    }
}
