package dev.kubelab.apiserver.admission;

import static dev.kubelab.apiserver.admission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeRestrictionTest {

    static final UserInfo N1 = new UserInfo("system:node:n1", List.of("system:nodes", "system:authenticated"));
    final InMemoryObjectReader reader = namespaces("default");
    final NodeRestriction plugin = new NodeRestriction(reader);

    @Test
    void aNodeModifiesOnlyItself() {
        ObjectNode n2 = json("{'metadata':{'name':'n2'}}");
        assertThat(rejects(plugin, as(N1, "UPDATE", NODES, "status", null, "n2", n2, n2)).getMessage())
                .isEqualTo("nodes \"n2\" is forbidden: node \"n1\" is not allowed to modify node \"n2\"");
        ObjectNode n1 = json("{'metadata':{'name':'n1'}}");
        assertThatCode(() -> run(plugin, as(N1, "UPDATE", NODES, "status", null, "n1", n1, n1))).doesNotThrowAnyException();
        assertThatCode(() -> run(plugin, as(ADMIN, "UPDATE", NODES, null, null, "n2", n2, n2))).doesNotThrowAnyException();
    }

    @Test
    void podsBoundElsewhereAreOffLimits() {
        ObjectNode onN2 = json("{'metadata':{'name':'p','namespace':'default'},'spec':{'nodeName':'n2'}}");
        ObjectNode onN1 = json("{'metadata':{'name':'q','namespace':'default'},'spec':{'nodeName':'n1'}}");
        assertThat(rejects(plugin, as(N1, "UPDATE", PODS, "status", "default", "p", onN2, onN2)).getMessage())
                .isEqualTo("pods \"p\" is forbidden: node \"n1\" can only update pod status for pods with spec.nodeName set to itself");
        assertThatCode(() -> run(plugin, as(N1, "UPDATE", PODS, "status", "default", "q", onN1, onN1))).doesNotThrowAnyException();
        reader.put("pods", onN2);
        assertThat(rejects(plugin, as(N1, "DELETE", PODS, null, "default", "p", null, null)).getMessage())
                .isEqualTo("pods \"p\" is forbidden: node \"n1\" can only delete pods with spec.nodeName set to itself");
        assertThatCode(() -> run(plugin, create(PODS, "default", onN1))).doesNotThrowAnyException(); // not a node user
    }

    @Test
    void onlyMirrorPodsMayBeCreated() {
        ObjectNode plain = json("{'metadata':{'name':'p'},'spec':{'nodeName':'n1'}}");
        assertThat(rejects(plugin, as(N1, "CREATE", PODS, null, "default", "p", plain, null)).getMessage())
                .isEqualTo("pods \"p\" is forbidden: pod does not have \"kubernetes.io/config.mirror\" annotation, node \"n1\" can only create mirror pods");
        ObjectNode mirror = json("{'metadata':{'name':'m','annotations':{'kubernetes.io/config.mirror':'x'}},'spec':{'nodeName':'n1'}}");
        assertThatCode(() -> run(plugin, as(N1, "CREATE", PODS, null, "default", "m", mirror, null))).doesNotThrowAnyException();
    }

    @Test
    void leasesOnlyItsOwn() {
        ObjectNode lease = json("{'metadata':{'name':'n2','namespace':'kube-node-lease'}}");
        assertThat(rejects(plugin, as(N1, "UPDATE", LEASES, null, "kube-node-lease", "n2", lease, lease)).getMessage())
                .isEqualTo("leases.coordination.k8s.io \"n2\" is forbidden: can only access node lease with the same name as the requesting node");
        assertThatCode(() -> run(plugin, as(N1, "UPDATE", LEASES, null, "kube-node-lease", "n1", lease, lease))).doesNotThrowAnyException();
    }
}
