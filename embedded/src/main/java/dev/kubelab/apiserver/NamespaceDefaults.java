package dev.kubelab.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.endpoints.ResourceHandler;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.BuiltinResources;
import dev.kubelab.apiserver.registry.ResourceInfo;
import dev.kubelab.apiserver.storage.ObjectStore;
import java.util.UUID;

/**
 * The {@code kube-root-ca.crt} ConfigMap with the cluster CA that kube-controller-manager's root-ca-cert-publisher puts
 * into every namespace; kubelab's controller manager has no such controller, so the API server writes it
 * synchronously when a namespace is created (and at start for the system namespaces). Idempotent.
 *
 * <p>Not the {@code default} ServiceAccount: as in Kubernetes, only the controller manager's serviceaccount controller
 * creates it. Without a controller manager ({@code cluster up --api-only}) namespaces have none, and the
 * ServiceAccount admission plugin rejects pods there exactly as kube-apiserver does.
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
