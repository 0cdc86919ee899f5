package dev.kubelab.kubelet;

import dev.kubelab.apiserver.TestCluster;
import dev.kubelab.apiserver.audit.AuditEvent;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import static dev.kubelab.apiserver.TestCluster.eventually;
import static org.assertj.core.api.Assertions.assertThat;

/** The kubelet's status manager against the real API server on real etcd, its writes read from the audit stream. */
class StatusManagerTest {
    static TestCluster cluster;
    static KubernetesClient client;
    static ScheduledExecutorService timers;

    @BeforeAll
    static void up() {
        cluster = new TestCluster();
        client = new KubernetesClientBuilder().withConfig(new ConfigBuilder().withMasterUrl(cluster.cp.server())
                .withRequestTimeout(10_000).build()).build();
        timers = Executors.newSingleThreadScheduledExecutor();
    }

    @AfterAll
    static void down() {
        if (timers != null) timers.shutdownNow();
        if (client != null) client.close();
        if (cluster != null) cluster.close();
    }

    static Pod create(String name) {
        return client.pods().inNamespace("default").resource(new PodBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewSpec().withNodeName("kubelab-worker").addNewContainer().withName("app").withImage("nginx:1.27").endContainer()
                .endSpec().build()).create();
    }

    /** The writes the API server answered for one pod, in order, as "verb resource". */
    static List<String> writesFor(String name, long since) {
        return cluster.cp.apiServer().audit().since(since).stream()
                .filter(e -> "ResponseComplete".equals(e.stage()) && name.equals(e.name()) && !"get".equals(e.verb()))
                .map(e -> e.verb() + " " + e.resource()).toList();
    }

    @Test
    void onlyTheNewestStatusIsWrittenAndTheFinalDeleteComesAfterIt() {
        Pod pod = create("coalesced");
        long since = System.nanoTime();
        StatusManager m = new StatusManager("kubelab-worker", client, timers);
        // computed while the kubelet is stopped: nothing goes out, and the second replaces the first
        m.setPodStatus("default", "coalesced", pod.getMetadata().getUid(), "{\"phase\":\"Pending\",\"message\":\"first\"}");
        m.setPodStatus("default", "coalesced", pod.getMetadata().getUid(), "{\"phase\":\"Running\",\"message\":\"second\"}");
        assertThat(m.pendingCount()).isEqualTo(1);
        m.start();
        Pod written = eventually("the newest status", () -> {
            Pod p = client.pods().inNamespace("default").withName("coalesced").get();
            return "second".equals(p.getStatus().getMessage()) ? p : null;
        });
        assertThat(written.getStatus().getPhase()).isEqualTo("Running");
        eventually("the manager idle", () -> m.pendingCount() == 0);
        assertThat(writesFor("coalesced", since)).containsExactly("patch pods/status");

        m.setPodStatus("default", "coalesced", pod.getMetadata().getUid(), "{\"phase\":\"Succeeded\",\"message\":\"done\"}");
        m.deletePod("default", "coalesced", pod.getMetadata().getUid());
        eventually("the pod deleted", () -> client.pods().inNamespace("default").withName("coalesced").get() == null);
        assertThat(writesFor("coalesced", since)).containsExactly("patch pods/status", "patch pods/status", "delete pods");
    }

    @Test
    void theFinalDeleteSparesANewPodOfTheSameName() {
        Pod old = create("reused");
        client.pods().inNamespace("default").withName("reused").withGracePeriod(0).delete();
        eventually("the old pod gone", () -> client.pods().inNamespace("default").withName("reused").get() == null);
        Pod fresh = create("reused");
        StatusManager m = new StatusManager("kubelab-worker", client, timers);
        m.start();
        // the kubelet's late final delete of the old pod carries its UID as a precondition
        m.deletePod("default", "reused", old.getMetadata().getUid());
        eventually("the manager idle", () -> m.pendingCount() == 0);
        assertThat(client.pods().inNamespace("default").withName("reused").get().getMetadata().getUid())
                .isEqualTo(fresh.getMetadata().getUid());
    }
}
