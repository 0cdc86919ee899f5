package dev.kubelab.apiserver.admission;

import static dev.kubelab.apiserver.admission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import org.junit.jupiter.api.Test;

class StorageAndRuntimeClassTest {

    final InMemoryObjectReader reader = namespaces("default");

    @Test
    void defaultStorageClassIsTheNewestDefault() {
        reader.putJson("storageclasses.storage.k8s.io", "{'metadata':{'name':'old','creationTimestamp':'2026-01-01T00:00:00Z','annotations':{'storageclass.kubernetes.io/is-default-class':'true'}}}");
        reader.putJson("storageclasses.storage.k8s.io", "{'metadata':{'name':'standard','creationTimestamp':'2026-02-01T00:00:00Z','annotations':{'storageclass.kubernetes.io/is-default-class':'true'}}}");
        reader.putJson("storageclasses.storage.k8s.io", "{'metadata':{'name':'fast','creationTimestamp':'2026-03-01T00:00:00Z'}}");
        ObjectNode pvc = json("{'metadata':{'name':'data'},'spec':{'resources':{'requests':{'storage':'1Gi'}}}}");
        run(new DefaultStorageClass(reader), create(PVCS, "default", pvc));
        assertThat(pvc.path("spec").path("storageClassName").asText()).isEqualTo("standard");
        ObjectNode explicit = json("{'metadata':{'name':'data'},'spec':{'storageClassName':''}}");
        run(new DefaultStorageClass(reader), create(PVCS, "default", explicit));
        assertThat(explicit.path("spec").path("storageClassName").asText()).isEmpty();
    }

    @Test
    void protectionFinalizers() {
        ObjectNode pvc = json("{'metadata':{'name':'data'}}");
        run(new StorageObjectInUseProtection(), create(PVCS, "default", pvc));
        assertThat(pvc.path("metadata").path("finalizers").toString()).isEqualTo("[\"kubernetes.io/pvc-protection\"]");
        ObjectNode pv = json("{'metadata':{'name':'pv1','finalizers':['kubernetes.io/pv-protection']}}");
        run(new StorageObjectInUseProtection(), create(PVS, null, pv));
        assertThat(pv.path("metadata").path("finalizers")).hasSize(1);
    }

    @Test
    void resizeNeedsAnExpandableClass() {
        reader.putJson("storageclasses.storage.k8s.io", "{'metadata':{'name':'fixed'}}");
        reader.putJson("storageclasses.storage.k8s.io", "{'metadata':{'name':'elastic'},'allowVolumeExpansion':true}");
        ObjectNode old = json("{'metadata':{'name':'data'},'spec':{'storageClassName':'fixed','resources':{'requests':{'storage':'1Gi'}}}}");
        ObjectNode grown = json("{'metadata':{'name':'data'},'spec':{'storageClassName':'fixed','resources':{'requests':{'storage':'2Gi'}}}}");
        PersistentVolumeClaimResize plugin = new PersistentVolumeClaimResize(reader);
        assertThat(rejects(plugin, as(ADMIN, "UPDATE", PVCS, null, "default", "data", grown, old)).getMessage())
                .isEqualTo("persistentvolumeclaims \"data\" is forbidden: only dynamically provisioned pvc can be resized and "
                        + "the storageclass that provisions the pvc must support resize");
        ((ObjectNode) old.path("spec")).put("storageClassName", "elastic");
        ((ObjectNode) grown.path("spec")).put("storageClassName", "elastic");
        assertThatCode(() -> run(plugin, as(ADMIN, "UPDATE", PVCS, null, "default", "data", grown, old))).doesNotThrowAnyException();
    }

    @Test
    void runtimeClassMustExistAndAddsOverhead() {
        RuntimeClass plugin = new RuntimeClass(reader);
        ObjectNode pod = pod("web");
        ((ObjectNode) pod.path("spec")).put("runtimeClassName", "gvisor");
        assertThat(rejects(plugin, create(PODS, "default", pod)).getMessage())
                .isEqualTo("pods \"web\" is forbidden: pod rejected: RuntimeClass \"gvisor\" not found");
        reader.putJson("runtimeclasses.node.k8s.io", "{'metadata':{'name':'gvisor'},'handler':'runsc','overhead':{'podFixed':{'cpu':'250m'}},"
                + "'scheduling':{'nodeSelector':{'sandbox':'true'}}}");
        run(plugin, create(PODS, "default", pod));
        assertThat(pod.path("spec").path("overhead").toString()).isEqualTo("{\"cpu\":\"250m\"}");
        assertThat(pod.path("spec").path("nodeSelector").toString()).isEqualTo("{\"sandbox\":\"true\"}");
    }
}
