package dev.kubelab.controller.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

class ActivePodsWithRanksTest {
    static Pod pod(String name, String node, String phase, boolean ready, String created) {
        PodBuilder b = new PodBuilder().withNewMetadata().withName(name).withCreationTimestamp(created).endMetadata()
                .withNewSpec().withNodeName(node).endSpec()
                .withNewStatus().withPhase(phase).endStatus();
        if (ready) {
            b.editStatus().addNewCondition().withType("Ready").withStatus("True").withLastTransitionTime(created).endCondition().endStatus();
        }
        return b.build();
    }

    @Test
    void deletesUnscheduledThenPendingThenNotReadyThenDoubledUpThenNewest() {
        Pod unscheduled = pod("unscheduled", null, "Pending", false, "2026-01-01T00:00:05Z");
        Pod pending = pod("pending", "n1", "Pending", false, "2026-01-01T00:00:05Z");
        Pod notReady = pod("notready", "n1", "Running", false, "2026-01-01T00:00:05Z");
        Pod readyOld = pod("ready-old", "n2", "Running", true, "2026-01-01T00:00:01Z");
        Pod readyNew = pod("ready-new", "n3", "Running", true, "2026-01-01T00:00:09Z");
        Pod doubled = pod("doubled", "n1", "Running", true, "2026-01-01T00:00:01Z");
        List<Pod> all = List.of(readyOld, doubled, readyNew, notReady, pending, unscheduled);
        List<Pod> sorted = ActivePodsWithRanks.sortForDeletion(all, all);
        assertThat(sorted).extracting(p -> p.getMetadata().getName())
                .containsExactly("unscheduled", "pending", "notready", "doubled", "ready-new", "ready-old");
    }

    @Test
    void lowerDeletionCostGoesFirst() {
        Pod cheap = pod("cheap", "n1", "Running", true, "2026-01-01T00:00:01Z");
        cheap.getMetadata().setAnnotations(java.util.Map.of(ActivePodsWithRanks.DELETION_COST, "-10"));
        Pod dear = pod("dear", "n2", "Running", true, "2026-01-01T00:00:09Z");
        assertThat(ActivePodsWithRanks.sortForDeletion(List.of(dear, cheap), List.of(dear, cheap)).get(0).getMetadata().getName())
                .isEqualTo("cheap");
    }
}
