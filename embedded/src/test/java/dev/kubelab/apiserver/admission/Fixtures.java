package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.util.List;
import org.assertj.core.api.Assertions;

/** ResourceInfos and request builders for admission tests. */
final class Fixtures {

    static final ObjectMapper JSON = new ObjectMapper();
    static final UserInfo ADMIN = new UserInfo("kubernetes-admin", List.of("kubeadm:cluster-admins", "system:authenticated"));

    static final ResourceInfo PODS = ri("", "Pod", "pods", true);
    static final ResourceInfo NODES = ri("", "Node", "nodes", false);
    static final ResourceInfo NAMESPACES = ri("", "Namespace", "namespaces", false);
    static final ResourceInfo CONFIGMAPS = ri("", "ConfigMap", "configmaps", true);
    static final ResourceInfo PVCS = ri("", "PersistentVolumeClaim", "persistentvolumeclaims", true);
    static final ResourceInfo PVS = ri("", "PersistentVolume", "persistentvolumes", false);
    static final ResourceInfo DEPLOYMENTS = ri("apps", "Deployment", "deployments", true);
    static final ResourceInfo PRIORITY_CLASSES = ri("scheduling.k8s.io", "PriorityClass", "priorityclasses", false);
    static final ResourceInfo LEASES = ri("coordination.k8s.io", "Lease", "leases", true);

    private Fixtures() {}

    static ResourceInfo ri(String group, String kind, String resource, boolean namespaced) {
        return new ResourceInfo(group, "v1", kind, resource, kind.toLowerCase(), namespaced, List.of(), List.of(),
                List.of("create", "delete", "get", "list", "patch", "update", "watch"), List.of(), resource);
    }

    static ObjectNode json(String s) {
        try {
            return (ObjectNode) JSON.readTree(s.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    static AdmissionAttributes create(ResourceInfo r, String ns, ObjectNode obj) {
        return new AdmissionAttributes("CREATE", r, null, ns, obj.path("metadata").path("name").asText(""), obj, null, ADMIN, false);
    }

    static AdmissionAttributes as(UserInfo user, String op, ResourceInfo r, String sub, String ns, String name, ObjectNode obj, ObjectNode old) {
        return new AdmissionAttributes(op, r, sub, ns, name, obj, old, user, false);
    }

    /** The plugin's admit then validate, as the chain runs one plugin alone. */
    static void run(AdmissionPlugin p, AdmissionAttributes a) {
        new AdmissionChain(List.of(p)).run(a);
    }

    static StatusError rejects(AdmissionPlugin p, AdmissionAttributes a) {
        return Assertions.catchThrowableOfType(StatusError.class, () -> run(p, a));
    }

    static InMemoryObjectReader namespaces(String... names) {
        InMemoryObjectReader r = new InMemoryObjectReader();
        for (String n : names) {
            r.putJson("namespaces", "{'metadata':{'name':'" + n + "'},'status':{'phase':'Active'}}");
            r.putJson("serviceaccounts", "{'metadata':{'name':'default','namespace':'" + n + "','uid':'sa-" + n + "'}}");
        }
        return r;
    }

    static ObjectNode pod(String name) {
        return json("{'apiVersion':'v1','kind':'Pod','metadata':{'name':'" + name + "','namespace':'default'},"
                + "'spec':{'containers':[{'name':'nginx','image':'nginx'}]}}");
    }
}
