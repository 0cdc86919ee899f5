package dev.kubelab.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.endpoints.ResourceHandler;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.BuiltinResources;
import dev.kubelab.apiserver.registry.ResourceInfo;
import dev.kubelab.apiserver.storage.ObjectStore;
import java.util.UUID;

/**
 * What kube-controller-manager puts into every namespace right after it appears: the {@code default}
 * ServiceAccount (serviceaccounts-controller) and the {@code kube-root-ca.crt} ConfigMap with the cluster CA
 * (root-ca-cert-publisher). Until kubelab's controller manager runs, the API server does it synchronously when a
 * namespace is created (and at start for the system namespaces), so that the ServiceAccount admission plugin
 * finds the default account as it would on a real cluster. Idempotent: existing objects are left alone.
 */
final class NamespaceDefaults {

    private final ObjectStore store;
    private final String caPem;

    /** caPem null: no kube-root-ca.crt (plain HTTP without a PKI). */
    NamespaceDefaults(ObjectStore store, String caPem) {
        this.store = store;
        this.caPem = caPem;
    }

    void ensure(String namespace) {
        ResourceInfo sas = BuiltinResources.byGroupResource("serviceaccounts").orElseThrow();
        ObjectNode sa = Json.MAPPER.createObjectNode();
        sa.put("kind", "ServiceAccount").put("apiVersion", "v1");
        sa.putObject("metadata").put("name", "default").put("namespace", namespace);
        create(sas, namespace, "default", sa);
        if (caPem != null) {
            ResourceInfo cms = BuiltinResources.byGroupResource("configmaps").orElseThrow();
            ObjectNode cm = Json.MAPPER.createObjectNode();
            cm.put("kind", "ConfigMap").put("apiVersion", "v1");
            cm.putObject("metadata").put("name", "kube-root-ca.crt").put("namespace", namespace)
                    .putObject("annotations").put("kubernetes.io/description", "Contains a CA bundle that can be used to verify the "
                            + "kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. "
                            + "No other usage is guaranteed across distributions of Kubernetes clusters.");
            cm.putObject("data").put("ca.crt", caPem);
            create(cms, namespace, "kube-root-ca.crt", cm);
        }
    }

    private void create(ResourceInfo ri, String ns, String name, ObjectNode o) {
        if (store.find(ri, ns, name) != null) return;
        o.with("metadata").put("uid", UUID.randomUUID().toString()).put("creationTimestamp", ResourceHandler.now());
        try {
            store.create(ri, ns, name, o, false);
        } catch (StatusError e) {
            if (!"AlreadyExists".equals(e.reason())) throw e;
        }
    }
}
