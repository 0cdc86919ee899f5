package dev.kubelab.apiserver.admission;

import static dev.kubelab.apiserver.admission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import org.junit.jupiter.api.Test;

class ServiceAccountTest {

    final InMemoryObjectReader reader = namespaces("default");
    final ServiceAccount plugin = new ServiceAccount(reader, 2, 1);

    @Test
    void defaultsTheServiceAccountAndMountsTheApiAccessVolume() {
        ObjectNode pod = pod("web");
        ((ObjectNode) pod.path("spec")).putArray("initContainers").addObject().put("name", "init").put("image", "busybox");
        run(plugin, create(PODS, "default", pod));
        ObjectNode spec = (ObjectNode) pod.path("spec");
        assertThat(spec.path("serviceAccountName").asText()).isEqualTo("default");
        String volume = spec.path("volumes").get(0).path("name").asText();
        assertThat(volume).matches("kube-api-access-[bcdfghjklmnpqrstvwxz2456789]{5}");
        assertThat(spec.path("volumes").get(0).path("projected").toString()).isEqualTo(
                "{\"defaultMode\":420,\"sources\":[{\"serviceAccountToken\":{\"expirationSeconds\":3607,\"path\":\"token\"}},"
                        + "{\"configMap\":{\"items\":[{\"key\":\"ca.crt\",\"path\":\"ca.crt\"}],\"name\":\"kube-root-ca.crt\"}},"
                        + "{\"downwardAPI\":{\"items\":[{\"fieldRef\":{\"apiVersion\":\"v1\",\"fieldPath\":\"metadata.namespace\"},\"path\":\"namespace\"}]}}]}");
        for (String list : new String[] {"containers", "initContainers"}) {
            assertThat(spec.path(list).get(0).path("volumeMounts").toString()).isEqualTo(
                    "[{\"mountPath\":\"/var/run/secrets/kubernetes.io/serviceaccount\",\"name\":\"" + volume + "\",\"readOnly\":true}]");
        }
    }

    @Test
    void missingServiceAccountIsForbidden() {
        ObjectNode pod = pod("web");
        ((ObjectNode) pod.path("spec")).put("serviceAccountName", "builder");
        StatusError e = rejects(plugin, create(PODS, "default", pod));
        assertThat(e.code()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("pods \"web\" is forbidden: error looking up service account default/builder: serviceaccount \"builder\" not found");
    }

    @Test
    void missingDefaultServiceAccountIsRetriedThenForbidden() {
        InMemoryObjectReader empty = new InMemoryObjectReader();
        StatusError e = rejects(new ServiceAccount(empty, 3, 1), create(PODS, "default", pod("web")));
        assertThat(e.getMessage()).isEqualTo("pods \"web\" is forbidden: error looking up service account default/default: serviceaccount \"default\" not found");
    }

    @Test
    void automountOptOutAndPullSecrets() {
        reader.putJson("serviceaccounts", "{'metadata':{'name':'quiet','namespace':'default'},'automountServiceAccountToken':false,'imagePullSecrets':[{'name':'regcred'}]}");
        ObjectNode pod = pod("web");
        ((ObjectNode) pod.path("spec")).put("serviceAccountName", "quiet");
        run(plugin, create(PODS, "default", pod));
        assertThat(pod.path("spec").has("volumes")).isFalse();
        assertThat(pod.path("spec").path("imagePullSecrets").toString()).isEqualTo("[{\"name\":\"regcred\"}]");
        // the pod's own setting wins over the service account's
        ObjectNode pod2 = pod("web2");
        ((ObjectNode) pod2.path("spec")).put("serviceAccountName", "quiet").put("automountServiceAccountToken", true);
        run(plugin, create(PODS, "default", pod2));
        assertThat(pod2.path("spec").path("volumes")).hasSize(1);
    }

    @Test
    void existingMountAtTheTokenPathIsKept() {
        ObjectNode pod = json("{'metadata':{'name':'web'},'spec':{'containers':[{'name':'c','image':'i','volumeMounts':[{'name':'mine','mountPath':'/var/run/secrets/kubernetes.io/serviceaccount'}]}],'volumes':[{'name':'mine','emptyDir':{}}]}}");
        run(plugin, create(PODS, "default", pod));
        assertThat(pod.path("spec").path("volumes")).hasSize(1);
        assertThat(pod.path("spec").path("containers").get(0).path("volumeMounts")).hasSize(1);
    }

    @Test
    void mirrorPodsMayNotReferenceServiceAccounts() {
        ObjectNode pod = json("{'metadata':{'name':'etcd-n1','annotations':{'kubernetes.io/config.mirror':'x'}},'spec':{'serviceAccountName':'default','containers':[{'name':'c','image':'i'}]}}");
        assertThat(rejects(plugin, create(PODS, "default", pod)).getMessage())
                .isEqualTo("pods \"etcd-n1\" is forbidden: a mirror pod may not reference service accounts");
    }
}
