package dev.kubelab.controller;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/** Plays kube-scheduler and kubelet in controller tests, through the API as they would. */
public final class KcmHarness {
    private KcmHarness() {
    }

    /** Binds (sets nodeName) and reports the pod Running and Ready with an IP, as a kubelet does. */
    public static void runReady(KubernetesClient client, Pod pod, String node, String ip) {
        String ns = pod.getMetadata().getNamespace();
        String now = Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
        if (pod.getSpec().getNodeName() == null) {
            client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).edit(p -> {
                p.getSpec().setNodeName(node);
                return p;
            });
        }
        Pod cur = client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get();
        List<PodCondition> conds = new ArrayList<>();
        for (String t : List.of("PodScheduled", "Initialized", "ContainersReady", "Ready")) {
            conds.add(new PodCondition(now, now, null, null, null, "True", t));
        }
        Pod updated = new PodBuilder(cur).editOrNewStatus().withPhase("Running").withPodIP(ip).withHostIP("172.18.0.2")
                .withConditions(conds).withStartTime(now).endStatus().build();
        client.pods().inNamespace(ns).resource(updated).updateStatus();
    }

    /** Reports the pod terminated with the given phase (Succeeded/Failed), as a kubelet does. */
    public static void finish(KubernetesClient client, Pod pod, String phase) {
        String ns = pod.getMetadata().getNamespace();
        Pod cur = client.pods().inNamespace(ns).withName(pod.getMetadata().getName()).get();
        Pod updated = new PodBuilder(cur).editOrNewStatus().withPhase(phase).endStatus().build();
        client.pods().inNamespace(ns).resource(updated).updateStatus();
    }
}
