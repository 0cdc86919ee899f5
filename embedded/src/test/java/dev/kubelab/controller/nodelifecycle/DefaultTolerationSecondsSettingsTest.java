package dev.kubelab.controller.nodelifecycle;

import dev.kubelab.apiserver.admission.DefaultTolerationSeconds;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.admission.AdmissionAttributes;
import dev.kubelab.apiserver.registry.BuiltinResources;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DefaultTolerationSecondsSettingsTest {
    static final ObjectMapper M = new ObjectMapper();

    static ObjectNode admit(DefaultTolerationSeconds plugin, String podJson) throws Exception {
        ObjectNode pod = (ObjectNode) M.readTree(podJson);
        plugin.admit(new AdmissionAttributes("CREATE", BuiltinResources.byGroupResource("pods").orElseThrow(), null,
                "default", "p", pod, null, null, false));
        return pod;
    }

    @Test
    void addsBothTolerationsWithTheConfiguredSeconds() throws Exception {
        ObjectNode pod = admit(new DefaultTolerationSeconds(30, 20), "{\"spec\":{\"containers\":[]}}");
        assertThat(pod.path("spec").path("tolerations").toString()).isEqualTo(
                "[{\"key\":\"node.kubernetes.io/not-ready\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":30},"
                        + "{\"key\":\"node.kubernetes.io/unreachable\",\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":20}]");
    }

    @Test
    void keepsAnExistingToleration() throws Exception {
        ObjectNode pod = admit(new DefaultTolerationSeconds(), "{\"spec\":{\"tolerations\":[{\"key\":\"node.kubernetes.io/unreachable\","
                + "\"operator\":\"Exists\",\"effect\":\"NoExecute\",\"tolerationSeconds\":5}]}}");
        assertThat(pod.path("spec").path("tolerations")).hasSize(2);
        assertThat(pod.path("spec").path("tolerations").get(0).path("tolerationSeconds").asLong()).isEqualTo(5);
        assertThat(pod.path("spec").path("tolerations").get(1).path("key").asText()).isEqualTo("node.kubernetes.io/not-ready");
        // tolerate-everything (DaemonSet pods): nothing added
        ObjectNode ds = admit(new DefaultTolerationSeconds(), "{\"spec\":{\"tolerations\":[{\"operator\":\"Exists\"}]}}");
        assertThat(ds.path("spec").path("tolerations")).hasSize(1);
    }
}
