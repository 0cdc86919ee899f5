package dev.kubelab.apiserver.admission;

import static dev.kubelab.apiserver.admission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import org.junit.jupiter.api.Test;

class PriorityTest {

    final InMemoryObjectReader reader = new InMemoryObjectReader();
    final Priority plugin = new Priority(reader);

    @Test
    void noClassMeansZeroAndPreemptLowerPriority() {
        ObjectNode pod = pod("web");
        run(plugin, create(PODS, "default", pod));
        assertThat(pod.path("spec").path("priority").asInt()).isZero();
        assertThat(pod.path("spec").path("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
        assertThat(pod.path("spec").has("priorityClassName")).isFalse();
    }

    @Test
    void globalDefaultApplies() {
        reader.putJson("priorityclasses.scheduling.k8s.io", "{'metadata':{'name':'normal'},'value':1000,'globalDefault':true,'preemptionPolicy':'Never'}");
        ObjectNode pod = pod("web");
        run(plugin, create(PODS, "default", pod));
        assertThat(pod.path("spec").path("priority").asInt()).isEqualTo(1000);
        assertThat(pod.path("spec").path("priorityClassName").asText()).isEqualTo("normal");
        assertThat(pod.path("spec").path("preemptionPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void systemClassesAreBuiltInAndStoredOnesWin() {
        ObjectNode pod = pod("coredns");
        ((ObjectNode) pod.path("spec")).put("priorityClassName", "system-cluster-critical");
        run(plugin, create(PODS, "kube-system", pod));
        assertThat(pod.path("spec").path("priority").asInt()).isEqualTo(2000000000);
        SystemPriorityClasses.objects().forEach(o -> reader.put("priorityclasses.scheduling.k8s.io", o));
        ObjectNode etcd = pod("etcd");
        ((ObjectNode) etcd.path("spec")).put("priorityClassName", "system-node-critical");
        run(plugin, create(PODS, "kube-system", etcd));
        assertThat(etcd.path("spec").path("priority").asInt()).isEqualTo(2000001000);
    }

    @Test
    void unknownClassIsForbidden() {
        ObjectNode pod = pod("web");
        ((ObjectNode) pod.path("spec")).put("priorityClassName", "urgent");
        assertThat(rejects(plugin, create(PODS, "default", pod)).getMessage())
                .isEqualTo("pods \"web\" is forbidden: no PriorityClass with name urgent was found");
    }

    @Test
    void explicitPriorityMustAgree() {
        ObjectNode pod = pod("web");
        ((ObjectNode) pod.path("spec")).put("priority", 5);
        assertThat(rejects(plugin, create(PODS, "default", pod)).getMessage()).isEqualTo("pods \"web\" is forbidden: the integer value of priority (5) "
                + "must not be provided in pod spec; priority admission controller computed 0 from the given PriorityClass name");
    }

    @Test
    void updateKeepsThePriorityOfCreation() {
        ObjectNode old = pod("web");
        ((ObjectNode) old.path("spec")).put("priority", 7).put("preemptionPolicy", "Never");
        ObjectNode updated = pod("web");
        run(plugin, as(ADMIN, "UPDATE", PODS, null, "default", "web", updated, old));
        assertThat(updated.path("spec").path("priority").asInt()).isEqualTo(7);
        assertThat(updated.path("spec").path("preemptionPolicy").asText()).isEqualTo("Never");
    }

    @Test
    void onlyOneGlobalDefault() {
        reader.putJson("priorityclasses.scheduling.k8s.io", "{'metadata':{'name':'normal'},'value':1000,'globalDefault':true}");
        ObjectNode second = json("{'metadata':{'name':'other'},'value':10,'globalDefault':true}");
        assertThat(rejects(plugin, create(PRIORITY_CLASSES, null, second)).getMessage())
                .isEqualTo("priorityclasses.scheduling.k8s.io \"other\" is forbidden: PriorityClass normal is already marked as default. Only one default can exist");
        ObjectNode same = json("{'metadata':{'name':'normal'},'value':1000,'globalDefault':true}");
        assertThatCode(() -> run(plugin, as(ADMIN, "UPDATE", PRIORITY_CLASSES, null, null, "normal", same, same))).doesNotThrowAnyException();
    }
}
