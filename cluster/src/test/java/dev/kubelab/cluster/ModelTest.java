package dev.kubelab.cluster;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsing and naming rules of the value types learners type into magics. */
class ModelTest {
    @Test
    void versionsParseAndOrder() {
        assertThat(KubernetesVersion.parse("v1.31.4")).isEqualTo(new KubernetesVersion(1, 31, 4));
        assertThat(KubernetesVersion.parse("1.31")).hasToString("v1.31.0");
        assertThat(KubernetesVersion.parse("v1.9.0")).isLessThan(KubernetesVersion.parse("v1.10.0"));
        assertThat(KubernetesVersion.parse("v1.31.4").minorLine()).isEqualTo("v1.31");
        assertThatThrownBy(() -> KubernetesVersion.parse("latest")).hasMessage("invalid Kubernetes version \"latest\": expected the form v1.31.4");
    }

    @Test
    void componentsParseByBinaryName() {
        assertThat(Component.parse("kube-scheduler")).isEqualTo(Component.KUBE_SCHEDULER);
        assertThat(Component.parse("scheduler")).isEqualTo(Component.KUBE_SCHEDULER);
        assertThat(Component.parse("etcd")).isEqualTo(Component.ETCD);
        assertThat(Component.KUBELET.perNode()).isTrue();
        assertThat(Component.KUBE_APISERVER.perNode()).isFalse();
        assertThatThrownBy(() -> Component.parse("coredns")).hasMessage("unknown component \"coredns\": valid components are "
                + "etcd, kube-apiserver, kube-scheduler, kube-controller-manager, kubelet, kube-proxy");
    }

    @Test
    void specNamesNodesAsKindDoesAndRejectsBadInput() {
        ClusterSpec spec = ClusterSpec.defaults();
        assertThat(spec.workers()).isEqualTo(2);
        assertThat(spec.controlPlaneNodeName()).isEqualTo("kubelab-control-plane");
        assertThat(spec.workerNodeName(1)).isEqualTo("kubelab-worker");
        assertThat(spec.workerNodeName(2)).isEqualTo("kubelab-worker2");
        assertThat(spec.withName("lab").dataDir().getFileName()).hasToString("lab");
        assertThatThrownBy(() -> spec.withName("My_Cluster")).hasMessageStartingWith("invalid cluster name \"My_Cluster\"");
        assertThatThrownBy(() -> spec.withWorkers(-1)).hasMessage("invalid --workers -1: choose 0 to 100");
    }

    @Test
    void stepsReportStartAndOutcomeAndKeepOneLineErrors() {
        List<StepEvent> events = new ArrayList<>();
        Steps steps = new Steps(events::add);
        steps.run("start-etcd", Text.of("Starting etcd", "etcd 시작"), () -> { });
        assertThatThrownBy(() -> steps.run("start-kube-apiserver", Text.of("Starting kube-apiserver", "kube-apiserver 시작"), () -> {
            throw new java.io.IOException("port 6443 in use\nsecond line");
        })).isInstanceOf(ClusterException.class).hasMessage("Starting kube-apiserver failed: port 6443 in use");
        assertThat(events).extracting(StepEvent::state).containsExactly(StepState.STARTED, StepState.SUCCEEDED, StepState.STARTED, StepState.FAILED);
        assertThat(events.get(1).line("en")).startsWith(" ✓ Starting etcd (");
        assertThat(events.get(3).line("ko")).startsWith(" ✗ kube-apiserver 시작: port 6443 in use");
    }

    @Test
    void realismRendersEachAspectInTheLearnersLanguage() {
        Realism r = new Realism(ProviderName.EMBEDDED, Text.of("Summary", "요약"),
                List.of(Realism.real("etcd", "the real etcd", "실제 etcd"), Realism.simulated("kubelet", "no container runs", "컨테이너 없음")));
        assertThat(r.render("en")).contains("real       etcd     the real etcd").contains("simulated  kubelet  no container runs");
        assertThat(r.render("ko")).startsWith("요약").contains("실제 etcd").contains("시뮬레이션");
    }

    @Test
    void unsupportedUpgradeSaysWhy() {
        Upgrade u = Upgrade.unsupported("no kubeadm here");
        assertThatThrownBy(u::plan).isInstanceOf(UnsupportedClusterOperationException.class).hasMessage("no kubeadm here");
        assertThat(Optional.of(u)).isPresent();
    }
}
