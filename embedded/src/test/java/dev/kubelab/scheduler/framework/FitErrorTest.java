package dev.kubelab.scheduler.framework;

import static dev.kubelab.scheduler.Fixtures.pod;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FitErrorTest {

    @Test
    void histogramSortedAsStringsWithPostFilterMessage() {
        Diagnosis d = new Diagnosis();
        d.nodeToStatus.put("kubelab-control-plane", Status.of(Code.UnschedulableAndUnresolvable,
                "node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }"));
        d.nodeToStatus.put("kubelab-worker", Status.of(Code.Unschedulable, "Insufficient cpu"));
        d.nodeToStatus.put("kubelab-worker2", Status.of(Code.Unschedulable, "Insufficient cpu", "Insufficient memory"));
        d.postFilterMsg = "preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                + "2 No preemption victims found for incoming pod.";
        assertThat(new FitError(pod("p"), 3, d).getMessage()).isEqualTo(
                "0/3 nodes are available: 1 Insufficient memory, 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, "
                        + "2 Insufficient cpu. preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, "
                        + "2 No preemption victims found for incoming pod.");
    }

    @Test
    void countsSortAsStringsLikeGo() {
        Diagnosis d = new Diagnosis();
        for (int i = 0; i < 10; i++) {
            d.nodeToStatus.put("a" + i, Status.of(Code.Unschedulable, "Insufficient cpu"));
        }
        d.nodeToStatus.put("b", Status.of(Code.Unschedulable, "Too many pods"));
        d.nodeToStatus.put("c", Status.of(Code.Unschedulable, "Too many pods"));
        // "10 …" sorts before "2 …", as sort.Strings does.
        assertThat(new FitError(pod("p"), 12, d).getMessage())
                .isEqualTo("0/12 nodes are available: 10 Insufficient cpu, 2 Too many pods.");
    }

    @Test
    void preFilterMessageReplacesTheHistogram() {
        Diagnosis d = new Diagnosis();
        d.nodeToStatus.put("n", Status.of(Code.UnschedulableAndUnresolvable, "x"));
        d.preFilterMsg = "pod has unbound immediate PersistentVolumeClaims";
        assertThat(new FitError(pod("p"), 1, d).getMessage())
                .isEqualTo("0/1 nodes are available: pod has unbound immediate PersistentVolumeClaims.");
    }
}
