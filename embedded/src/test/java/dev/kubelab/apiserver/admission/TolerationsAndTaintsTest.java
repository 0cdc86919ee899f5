package dev.kubelab.apiserver.admission;

import static dev.kubelab.apiserver.admission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

class TolerationsAndTaintsTest {

    @Test
    void defaultTolerationSecondsAddsNotReadyAndUnreachable() {
        ObjectNode pod = pod("web");
        run(new DefaultTolerationSeconds(), create(PODS, "default", pod));
        assertThat(pod.path("spec").path("tolerations").toString()).isEqualTo(
                "[{\"effect\":\"NoExecute\",\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"tolerationSeconds\":300},"
                        + "{\"effect\":\"NoExecute\",\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"tolerationSeconds\":300}]");
    }

    @Test
    void existingTolerationsAreRespected() {
        ObjectNode pod = json("{'metadata':{'name':'ds'},'spec':{'containers':[{'name':'c'}],'tolerations':[{'key':'node.kubernetes.io/unreachable','operator':'Exists','effect':'NoExecute'}]}}");
        run(new DefaultTolerationSeconds(), create(PODS, "default", pod));
        assertThat(pod.path("spec").path("tolerations")).hasSize(2);
        assertThat(pod.path("spec").path("tolerations").get(1).path("key").asText()).isEqualTo("node.kubernetes.io/not-ready");
        ObjectNode all = json("{'metadata':{'name':'ds'},'spec':{'containers':[{'name':'c'}],'tolerations':[{'operator':'Exists'}]}}");
        run(new DefaultTolerationSeconds(), create(PODS, "default", all));
        assertThat(all.path("spec").path("tolerations")).hasSize(1);
    }

    @Test
    void newNodesAreTaintedNotReady() {
        ObjectNode node = json("{'metadata':{'name':'n1'},'spec':{'taints':[{'key':'dedicated','value':'gpu','effect':'NoSchedule'}]}}");
        run(new TaintNodesByCondition(), create(NODES, null, node));
        assertThat(node.path("spec").path("taints").toString())
                .endsWith("{\"effect\":\"NoSchedule\",\"key\":\"node.kubernetes.io/not-ready\"}]");
        run(new TaintNodesByCondition(), create(NODES, null, node));
        assertThat(node.path("spec").path("taints")).hasSize(2);
        ObjectNode updated = json("{'metadata':{'name':'n2'},'spec':{}}");
        run(new TaintNodesByCondition(), as(ADMIN, "UPDATE", NODES, null, null, "n2", updated, updated));
        assertThat(updated.path("spec").has("taints")).isFalse();
    }
}
