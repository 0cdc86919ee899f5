package dev.kubelab.controller;

import io.fabric8.kubernetes.api.model.BindingBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Plays kube-scheduler and kubelet for controller tests, through the API only: binds new pods (to the node their
 * daemon affinity names, else {@code kubelab-worker}) with pods/binding, reports them Running and Ready with an IP
 * (or Succeeded/Failed when the pod template carries the label {@code test/exit: Succeeded|Failed}), and finishes
 * graceful deletions. Pods labelled {@code test/hold: "true"} are left Pending for the test to drive.
 */
public final class FakeKubelet implements AutoCloseable {
    private final KubernetesClient client;
    private final SharedIndexInformer<Pod> informer;
    private final ExecutorService exec = Executors.newFixedThreadPool(4);
    private final AtomicInteger ip = new AtomicInteger(10);

    public FakeKubelet(KubernetesClient client) {
        this.client = client;
        this.informer = client.pods().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                exec.execute(() -> handle(pod));
            }

            @Override
            public void onUpdate(Pod o, Pod n) {
                exec.execute(() -> handle(n));
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
            }
        });
    }

    private void handle(Pod pod) {
        try {
            String ns = pod.getMetadata().getNamespace();
            String name = pod.getMetadata().getName();
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                client.pods().inNamespace(ns).withName(name).withGracePeriod(0).delete();
                return;
            }
            var labels = pod.getMetadata().getLabels();
            if (labels != null && "true".equals(labels.get("test/hold"))) {
                return;
            }
            if (pod.getSpec().getNodeName() == null || pod.getSpec().getNodeName().isEmpty()) {
                bind(pod, nodeFor(pod));
                return; // the update event brings us back
            }
            if (pod.getStatus() != null && pod.getStatus().getPhase() != null && !"Pending".equals(pod.getStatus().getPhase())) {
                return;
            }
            String exit = labels == null ? null : labels.get("test/exit");
            if (exit != null) {
                setPhase(pod, exit, false);
            } else {
                setPhase(pod, "Running", true);
            }
        } catch (io.fabric8.kubernetes.client.KubernetesClientException e) {
            // conflicts and races with the controllers are expected; the next event retries
            if (e.getCode() != 409 && e.getCode() != 404) {
                System.err.println("FakeKubelet: " + e.getMessage());
            }
        } catch (RuntimeException e) {
            System.err.println("FakeKubelet: " + e);
        }
    }

    /** POST pods/&lt;name&gt;/binding, as kube-scheduler binds. */
    public void bind(Pod pod, String node) {
        String ns = pod.getMetadata().getNamespace();
        String name = pod.getMetadata().getName();
        var binding = new BindingBuilder().withNewMetadata().withName(name).endMetadata()
                .withNewTarget().withKind("Node").withName(node).endTarget().build();
        client.raw(client.getMasterUrl() + "api/v1/namespaces/" + ns + "/pods/" + name + "/binding", "POST",
                io.fabric8.kubernetes.client.utils.Serialization.asJson(binding));
    }

    private static String nodeFor(Pod pod) {
        try {
            return pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution()
                    .getNodeSelectorTerms().get(0).getMatchFields().get(0).getValues().get(0);
        } catch (RuntimeException e) {
            return "kubelab-worker";
        }
    }

    /** Reports a phase; Running pods get all four conditions True. */
    public void setPhase(Pod pod, String phase, boolean ready) {
        String ns = pod.getMetadata().getNamespace();
        Pod cur = client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get();
        if (cur == null) {
            return;
        }
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        List<PodCondition> conds = new ArrayList<>();
        for (String t : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
            conds.add(new PodCondition(now, now, null, null, null, ready || "PodScheduled".equals(t) ? "True" : "False", t));
        }
        Pod updated = new PodBuilder(cur).editOrNewStatus().withPhase(phase).withPodIP("10.244.1." + ip.getAndIncrement())
                .withHostIP("172.18.0.3").withConditions(conds).withStartTime(now).endStatus().build();
        client.pods().inNamespace(ns).resource(updated).updateStatus();
    }

    @Override
    public void close() {
        informer.close();
        exec.shutdownNow();
    }
}
