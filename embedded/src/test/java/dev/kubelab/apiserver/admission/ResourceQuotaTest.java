package dev.kubelab.apiserver.admission;

import static dev.kubelab.apiserver.admission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import org.junit.jupiter.api.Test;

class ResourceQuotaTest {

    final InMemoryObjectReader reader = namespaces("default");
    final ResourceQuota plugin = new ResourceQuota(reader);

    static ObjectNode sized(String name, String cpu) {
        return json("{'metadata':{'name':'" + name + "','namespace':'default'},'spec':{'containers':[{'name':'c','image':'i',"
                + "'resources':{'requests':{'cpu':'" + cpu + "','memory':'64Mi'},'limits':{'cpu':'" + cpu + "','memory':'64Mi'}}}]}}");
    }

    @Test
    void podCountIsLimited() {
        reader.putJson("resourcequotas", "{'metadata':{'name':'pod-count','namespace':'default'},'spec':{'hard':{'pods':'2'}}}");
        reader.put("pods", sized("a", "100m"));
        assertThatCode(() -> run(plugin, create(PODS, "default", sized("b", "100m")))).doesNotThrowAnyException();
        reader.put("pods", sized("b", "100m"));
        assertThat(rejects(plugin, create(PODS, "default", sized("c", "100m"))).getMessage())
                .isEqualTo("pods \"c\" is forbidden: exceeded quota: pod-count, requested: pods=1, used: pods=2, limited: pods=2");
        // finished pods no longer count
        reader.put("pods", (ObjectNode) sized("b", "100m").set("status", json("{'phase':'Succeeded'}")));
        assertThatCode(() -> run(plugin, create(PODS, "default", sized("c", "100m")))).doesNotThrowAnyException();
    }

    @Test
    void computeRequestsAreSummed() {
        reader.putJson("resourcequotas", "{'metadata':{'name':'compute','namespace':'default'},'spec':{'hard':{'requests.cpu':'1','limits.memory':'1Gi'}}}");
        reader.put("pods", sized("a", "600m"));
        assertThat(rejects(plugin, create(PODS, "default", sized("b", "500m"))).getMessage())
                .isEqualTo("pods \"b\" is forbidden: exceeded quota: compute, requested: requests.cpu=500m, used: requests.cpu=600m, limited: requests.cpu=1");
        assertThat(rejects(plugin, create(PODS, "default", pod("bare"))).getMessage())
                .isEqualTo("pods \"bare\" is forbidden: failed quota: compute: must specify limits.memory for: nginx; requests.cpu for: nginx");
    }

    @Test
    void objectCounts() {
        reader.putJson("resourcequotas", "{'metadata':{'name':'objects','namespace':'default'},'spec':{'hard':{'configmaps':'1','count/deployments.apps':'0'}}}");
        reader.putJson("configmaps", "{'metadata':{'name':'one','namespace':'default'}}");
        assertThat(rejects(plugin, create(CONFIGMAPS, "default", json("{'metadata':{'name':'two'}}"))).getMessage())
                .isEqualTo("configmaps \"two\" is forbidden: exceeded quota: objects, requested: configmaps=1, used: configmaps=1, limited: configmaps=1");
        assertThat(rejects(plugin, create(DEPLOYMENTS, "default", json("{'metadata':{'name':'web'}}"))).getMessage())
                .isEqualTo("deployments.apps \"web\" is forbidden: exceeded quota: objects, requested: count/deployments.apps=1, "
                        + "used: count/deployments.apps=0, limited: count/deployments.apps=0");
    }
}
