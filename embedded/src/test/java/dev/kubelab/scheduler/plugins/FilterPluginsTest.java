package dev.kubelab.scheduler.plugins;

import static dev.kubelab.scheduler.Fixtures.controlPlane;
import static dev.kubelab.scheduler.Fixtures.node;
import static dev.kubelab.scheduler.Fixtures.on;
import static dev.kubelab.scheduler.Fixtures.pod;
import static dev.kubelab.scheduler.Fixtures.podBuilder;
import static dev.kubelab.scheduler.Fixtures.worker;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.scheduler.framework.Code;
import dev.kubelab.scheduler.framework.CycleState;
import dev.kubelab.scheduler.framework.NodeInfo;
import dev.kubelab.scheduler.framework.NodeInfoLister;
import dev.kubelab.scheduler.framework.PodResources;
import dev.kubelab.scheduler.framework.Resource;
import dev.kubelab.scheduler.framework.Status;
import dev.kubelab.scheduler.plugins.nodeaffinity.NodeAffinity;
import dev.kubelab.scheduler.plugins.nodename.NodeName;
import dev.kubelab.scheduler.plugins.nodeports.NodePorts;
import dev.kubelab.scheduler.plugins.noderesources.Fit;
import dev.kubelab.scheduler.plugins.nodeunschedulable.NodeUnschedulable;
import dev.kubelab.scheduler.plugins.tainttoleration.TaintToleration;
import io.fabric8.kubernetes.api.model.ContainerBuilder;
import io.fabric8.kubernetes.api.model.ContainerPortBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorRequirementBuilder;
import io.fabric8.kubernetes.api.model.NodeSelectorTermBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import io.fabric8.kubernetes.api.model.TolerationBuilder;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each filter plugin with its exact kube-scheduler reason and status code. */
class FilterPluginsTest {

    static Status run(dev.kubelab.scheduler.framework.FilterPlugin plugin, Pod pod, NodeInfo ni) {
        CycleState state = new CycleState(NodeInfoLister.of(List.of(ni)));
        if (plugin instanceof dev.kubelab.scheduler.framework.PreFilterPlugin pf) {
            Status s = pf.preFilter(state, pod);
            if (s.isSkip()) {
                return Status.success();
            }
        }
        return plugin.filter(state, pod, ni);
    }

    @Test
    void nodeUnschedulable() {
        Node cordoned = new NodeBuilder(worker("w")).editSpec().withUnschedulable(true).endSpec().build();
        Status s = run(new NodeUnschedulable(), pod("p"), NodeInfo.of(cordoned));
        assertThat(s.code()).isEqualTo(Code.UnschedulableAndUnresolvable);
        assertThat(s.reasons()).containsExactly("node(s) were unschedulable");
        Pod tolerating = podBuilder("ds").editSpec().addToTolerations(new TolerationBuilder()
                .withKey("node.kubernetes.io/unschedulable").withOperator("Exists").withEffect("NoSchedule").build()).endSpec().build();
        assertThat(run(new NodeUnschedulable(), tolerating, NodeInfo.of(cordoned)).isSuccess()).isTrue();
        assertThat(run(new NodeUnschedulable(), pod("p"), NodeInfo.of(worker("w"))).isSuccess()).isTrue();
    }

    @Test
    void nodeName() {
        Pod p = podBuilder("p").editSpec().withNodeName("other").endSpec().build();
        Status s = run(new NodeName(), p, NodeInfo.of(worker("w")));
        assertThat(s.code()).isEqualTo(Code.UnschedulableAndUnresolvable);
        assertThat(s.reasons()).containsExactly("node(s) didn't match the requested node name");
        assertThat(run(new NodeName(), pod("p"), NodeInfo.of(worker("w"))).isSuccess()).isTrue();
    }

    @Test
    void taintToleration() {
        Status s = run(new TaintToleration(), pod("p"), NodeInfo.of(controlPlane("cp")));
        assertThat(s.code()).isEqualTo(Code.UnschedulableAndUnresolvable);
        assertThat(s.reasons()).containsExactly("node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }");

        Node valued = new NodeBuilder(worker("w")).editSpec().addToTaints(new TaintBuilder().withKey("dedicated").withValue("gpu")
                .withEffect("NoExecute").build()).endSpec().build();
        assertThat(run(new TaintToleration(), pod("p"), NodeInfo.of(valued)).reasons()).containsExactly("node(s) had untolerated taint {dedicated: gpu}");
        Pod tolerates = podBuilder("t").editSpec().addToTolerations(new TolerationBuilder().withKey("dedicated")
                .withOperator("Equal").withValue("gpu").build()).endSpec().build();
        assertThat(run(new TaintToleration(), tolerates, NodeInfo.of(valued)).isSuccess()).isTrue();
        Pod wrongValue = podBuilder("t").editSpec().addToTolerations(new TolerationBuilder().withKey("dedicated")
                .withValue("cpu").build()).endSpec().build();
        assertThat(run(new TaintToleration(), wrongValue, NodeInfo.of(valued)).isSuccess()).isFalse();

        Node prefer = new NodeBuilder(worker("w")).editSpec().addToTaints(new TaintBuilder().withKey("x")
                .withEffect("PreferNoSchedule").build()).endSpec().build();
        assertThat(run(new TaintToleration(), pod("p"), NodeInfo.of(prefer)).isSuccess()).isTrue();
    }

    @Test
    void nodeAffinityNodeSelectorAndRequiredTerms() {
        Node ssd = new NodeBuilder(worker("w")).editMetadata().addToLabels("disk", "ssd").addToLabels("gen", "5").endMetadata().build();
        Pod selector = podBuilder("p").editSpec().addToNodeSelector("disk", "hdd").endSpec().build();
        Status s = run(new NodeAffinity(), selector, NodeInfo.of(ssd));
        assertThat(s.code()).isEqualTo(Code.UnschedulableAndUnresolvable);
        assertThat(s.reasons()).containsExactly("node(s) didn't match Pod's node affinity/selector");

        Pod required = podBuilder("p").editSpec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addToNodeSelectorTerms(new NodeSelectorTermBuilder().addToMatchExpressions(
                        new NodeSelectorRequirementBuilder().withKey("gen").withOperator("Gt").withValues("4").build()).build())
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
        assertThat(run(new NodeAffinity(), required, NodeInfo.of(ssd)).isSuccess()).isTrue();
        assertThat(run(new NodeAffinity(), required, NodeInfo.of(worker("plain"))).isSuccess()).isFalse();

        Pod byName = podBuilder("p").editSpec().withNewAffinity().withNewNodeAffinity().withNewRequiredDuringSchedulingIgnoredDuringExecution()
                .addToNodeSelectorTerms(new NodeSelectorTermBuilder().addToMatchFields(
                        new NodeSelectorRequirementBuilder().withKey("metadata.name").withOperator("In").withValues("w").build()).build())
                .endRequiredDuringSchedulingIgnoredDuringExecution().endNodeAffinity().endAffinity().endSpec().build();
        assertThat(run(new NodeAffinity(), byName, NodeInfo.of(ssd)).isSuccess()).isTrue();
        assertThat(run(new NodeAffinity(), byName, NodeInfo.of(worker("x"))).isSuccess()).isFalse();
    }

    @Test
    void nodeResourcesFitReasons() {
        NodeInfo small = NodeInfo.of(node("n", "1", "1Gi", 2), on(pod("a", "500m", "512Mi"), "n"));
        Status s = run(new Fit(), pod("p", "600m", "600Mi"), small);
        assertThat(s.code()).isEqualTo(Code.Unschedulable);
        assertThat(s.reasons()).containsExactly("Insufficient cpu", "Insufficient memory");
        assertThat(run(new Fit(), pod("p", "500m", "512Mi"), small).isSuccess()).isTrue();

        NodeInfo full = NodeInfo.of(node("n", "4", "4Gi", 1), on(pod("a"), "n"));
        assertThat(run(new Fit(), pod("p"), full).reasons()).containsExactly("Too many pods");

        Pod gpu = podBuilder("g").editSpec().editFirstContainer().withNewResources().addToRequests("nvidia.com/gpu", new Quantity("1"))
                .endResources().endContainer().endSpec().build();
        assertThat(run(new Fit(), gpu, NodeInfo.of(worker("w"))).reasons()).containsExactly("Insufficient nvidia.com/gpu");
    }

    @Test
    void podRequestsCountInitContainersSidecarsAndOverhead() {
        Pod p = podBuilder("p").editSpec()
                .editFirstContainer().withNewResources().addToRequests("cpu", new Quantity("100m")).endResources().endContainer()
                .addToInitContainers(new ContainerBuilder().withName("init").withNewResources().addToRequests("cpu", new Quantity("1")).endResources().build())
                .addToOverhead("cpu", new Quantity("50m"))
                .endSpec().build();
        assertThat(PodResources.requests(p).milliCpu).isEqualTo(1050); // max(100m, 1) + overhead

        Pod sidecar = podBuilder("s").editSpec()
                .editFirstContainer().withNewResources().addToRequests("cpu", new Quantity("500m")).endResources().endContainer()
                .addToInitContainers(new ContainerBuilder().withName("proxy").withRestartPolicy("Always")
                        .withNewResources().addToRequests("cpu", new Quantity("200m")).endResources().build())
                .endSpec().build();
        assertThat(PodResources.requests(sidecar).milliCpu).isEqualTo(700);

        Resource nonZero = PodResources.nonZeroRequests(pod("empty"));
        assertThat(nonZero.milliCpu).isEqualTo(100);
        assertThat(nonZero.memory).isEqualTo(200L * 1024 * 1024);
        assertThat(PodResources.requests(pod("empty")).milliCpu).isZero();
    }

    @Test
    void nodePorts() {
        Pod web = podBuilder("web").editSpec().editFirstContainer().addToPorts(new ContainerPortBuilder()
                .withContainerPort(80).withHostPort(8080).build()).endContainer().endSpec().build();
        NodeInfo used = NodeInfo.of(worker("w"), on(web, "w"));
        Pod other = new PodBuilder(web).editMetadata().withName("web2").endMetadata().build();
        Status s = run(new NodePorts(), other, used);
        assertThat(s.code()).isEqualTo(Code.Unschedulable);
        assertThat(s.reasons()).containsExactly("node(s) didn't have free ports for the requested pod ports");
        Pod udp = podBuilder("udp").editSpec().editFirstContainer().addToPorts(new ContainerPortBuilder()
                .withContainerPort(80).withHostPort(8080).withProtocol("UDP").build()).endContainer().endSpec().build();
        assertThat(run(new NodePorts(), udp, used).isSuccess()).isTrue();
        assertThat(run(new NodePorts(), other, NodeInfo.of(worker("w"))).isSuccess()).isTrue();
    }
}
