package dev.kubelab.apiserver.admission;

import static dev.kubelab.apiserver.admission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import org.junit.jupiter.api.Test;

class LimitRangerTest {

    final InMemoryObjectReader reader = namespaces("default");
    final LimitRanger plugin = new LimitRanger(reader);

    @Test
    void withoutLimitRangesNothingChanges() {
        ObjectNode pod = pod("web");
        String before = pod.toString();
        run(plugin, create(PODS, "default", pod));
        assertThat(pod.toString()).isEqualTo(before);
    }

    @Test
    void defaultsAreAppliedAndAnnotated() {
        reader.putJson("limitranges", "{'metadata':{'name':'defaults','namespace':'default'},'spec':{'limits':[{'type':'Container',"
                + "'default':{'cpu':'500m','memory':'256Mi'},'defaultRequest':{'cpu':'100m'}}]}}");
        ObjectNode pod = json("{'metadata':{'name':'web'},'spec':{'containers':[{'name':'nginx','image':'nginx','resources':{'limits':{'memory':'128Mi'}}}]}}");
        run(plugin, create(PODS, "default", pod));
        ObjectNode res = (ObjectNode) pod.path("spec").path("containers").get(0).path("resources");
        assertThat(res.path("limits").toString()).isEqualTo("{\"memory\":\"128Mi\",\"cpu\":\"500m\"}");
        // defaultRequest memory defaults to default memory (LimitRangeItem defaulting)
        assertThat(res.path("requests").toString()).isEqualTo("{\"cpu\":\"100m\",\"memory\":\"256Mi\"}");
        assertThat(pod.path("metadata").path("annotations").path("kubernetes.io/limit-ranger").asText())
                .isEqualTo("LimitRanger plugin set: cpu, memory request for container nginx; cpu limit for container nginx");
    }

    @Test
    void minAndMaxAreEnforced() {
        reader.putJson("limitranges", "{'metadata':{'name':'bounds','namespace':'default'},'spec':{'limits':[{'type':'Container',"
                + "'max':{'cpu':'1'},'min':{'cpu':'100m'}}]}}");
        ObjectNode tooBig = json("{'metadata':{'name':'big'},'spec':{'containers':[{'name':'c','image':'i','resources':{'limits':{'cpu':'2'},'requests':{'cpu':'200m'}}}]}}");
        assertThat(rejects(plugin, create(PODS, "default", tooBig)).getMessage())
                .isEqualTo("pods \"big\" is forbidden: maximum cpu usage per Container is 1, but limit is 2");
        ObjectNode tooSmall = json("{'metadata':{'name':'small'},'spec':{'containers':[{'name':'c','image':'i','resources':{'limits':{'cpu':'500m'},'requests':{'cpu':'50m'}}}]}}");
        assertThat(rejects(plugin, create(PODS, "default", tooSmall)).getMessage())
                .isEqualTo("pods \"small\" is forbidden: minimum cpu usage per Container is 100m, but request is 50m");
        ObjectNode unset = pod("unset");
        run(plugin, create(PODS, "default", unset)); // max defaults the limit, min the request
        assertThat(unset.path("spec").path("containers").get(0).path("resources").toString())
                .isEqualTo("{\"limits\":{\"cpu\":\"1\"},\"requests\":{\"cpu\":\"1\"}}");
    }
}
