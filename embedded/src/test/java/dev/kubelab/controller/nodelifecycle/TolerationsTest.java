package dev.kubelab.controller.nodelifecycle;

import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Taint;
import io.fabric8.kubernetes.api.model.Toleration;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TolerationsTest {
    static Taint taint(String key, String effect) {
        Taint t = new Taint();
        t.setKey(key);
        t.setEffect(effect);
        return t;
    }

    static Toleration toleration(String key, String op, String effect, Long seconds) {
        return new Toleration(effect, key, op, seconds, null);
    }

    @Test
    void untoleratedTaintEvictsNow() {
        assertThat(Tolerations.minTolerationTime(List.of(taint("node.kubernetes.io/unreachable", "NoExecute")), List.of()))
                .contains(Duration.ZERO);
    }

    @Test
    void smallestTolerationSecondsWins() {
        var taints = List.of(taint("node.kubernetes.io/unreachable", "NoExecute"));
        var tols = List.of(toleration("node.kubernetes.io/unreachable", "Exists", "NoExecute", 300L),
                toleration("node.kubernetes.io/unreachable", "Exists", "NoExecute", 20L));
        assertThat(Tolerations.minTolerationTime(taints, tols)).contains(Duration.ofSeconds(20));
    }

    @Test
    void toleratingForeverNeverEvicts() {
        var taints = List.of(taint("node.kubernetes.io/unreachable", "NoExecute"), taint("node.kubernetes.io/not-ready", "NoExecute"));
        assertThat(Tolerations.minTolerationTime(taints, List.of(toleration(null, "Exists", "NoExecute", null)))).isEmpty();
        // one taint tolerated, the other not: now
        assertThat(Tolerations.minTolerationTime(taints, List.of(toleration("node.kubernetes.io/unreachable", "Exists", null, 5L))))
                .contains(Duration.ZERO);
    }

    @Test
    void equalOperatorComparesValues() {
        Taint t = taint("dedicated", "NoExecute");
        t.setValue("gpu");
        assertThat(dev.kubelab.scheduler.plugins.helper.Tolerations.tolerates(new Toleration("NoExecute", "dedicated", "Equal", null, "gpu"), t)).isTrue();
        assertThat(dev.kubelab.scheduler.plugins.helper.Tolerations.tolerates(new Toleration("NoExecute", "dedicated", null, null, "cpu"), t)).isFalse();
        assertThat(dev.kubelab.scheduler.plugins.helper.Tolerations.tolerates(new Toleration("NoSchedule", "dedicated", "Exists", null, null), t)).isFalse();
    }

    @Test
    void silentNodeBecomesUnknown() {
        Instant t0 = Instant.parse("2024-05-01T10:00:00Z");
        var node = new NodeBuilder().withNewMetadata().withName("w").withCreationTimestamp("2024-05-01T09:00:00Z").endMetadata()
                .withNewStatus().addNewCondition().withType("Ready").withStatus("True").withReason("KubeletReady")
                .withLastHeartbeatTime("2024-05-01T10:00:00Z").withLastTransitionTime("2024-05-01T09:00:00Z").endCondition()
                .addNewCondition().withType("MemoryPressure").withStatus("False").withLastHeartbeatTime("2024-05-01T10:00:00Z").endCondition()
                .endStatus().build();
        var lease = new LeaseBuilder().withNewSpec().withRenewTime(t0.plusSeconds(30).atZone(ZoneOffset.UTC)).endSpec().build();
        Duration grace = Duration.ofSeconds(40);
        // the lease keeps it alive past the status heartbeat
        assertThat(NodeHealth.unknownConditions(node, lease, t0.plusSeconds(60), grace, Duration.ofSeconds(60))).isEmpty();
        var conds = NodeHealth.unknownConditions(node, lease, t0.plusSeconds(71), grace, Duration.ofSeconds(60)).orElseThrow();
        assertThat(conds).extracting(c -> c.getType() + "=" + c.getStatus() + "/" + c.getReason()).containsExactly(
                "Ready=Unknown/NodeStatusUnknown", "MemoryPressure=Unknown/NodeStatusUnknown",
                "DiskPressure=Unknown/NodeStatusNeverUpdated", "PIDPressure=Unknown/NodeStatusNeverUpdated");
        assertThat(conds.get(0).getMessage()).isEqualTo("Kubelet stopped posting node status.");
        assertThat(conds.get(0).getLastHeartbeatTime()).isEqualTo("2024-05-01T10:00:00Z");
        assertThat(conds.get(0).getLastTransitionTime()).isEqualTo("2024-05-01T10:01:11Z");
        assertThat(conds.get(2).getMessage()).isEqualTo("Kubelet never posted node status.");
        node.getStatus().setConditions(conds);
        // already Unknown: nothing more to write
        assertThat(NodeHealth.unknownConditions(node, lease, t0.plusSeconds(90), grace, Duration.ofSeconds(60))).isEmpty();
    }
}
