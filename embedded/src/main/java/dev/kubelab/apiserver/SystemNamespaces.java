package dev.kubelab.apiserver;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.endpoints.ResourceHandler;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.BuiltinResources;
import dev.kubelab.apiserver.registry.ResourceInfo;
import dev.kubelab.apiserver.storage.ObjectStore;
import java.util.List;
import java.util.UUID;

/**
 * kube-apiserver's bootstrap post-start hook: the namespaces default, kube-system, kube-public
 * and kube-node-lease exist from the first moment (created if missing, left alone otherwise).
 */
final class SystemNamespaces {

    static final List<String> NAMES = List.of("default", "kube-node-lease", "kube-public", "kube-system");

    private SystemNamespaces() {}

    static void ensure(ObjectStore store) {
        ResourceInfo ns = BuiltinResources.find("v1", "namespaces").orElseThrow();
        for (String name : NAMES) {
            if (store.find(ns, null, name) != null) continue;
            ObjectNode o = Json.MAPPER.createObjectNode();
            o.put("kind", "Namespace");
            o.put("apiVersion", "v1");
            ObjectNode meta = o.putObject("metadata");
            meta.put("name", name);
            meta.put("uid", UUID.randomUUID().toString());
            meta.put("creationTimestamp", ResourceHandler.now());
            meta.putObject("labels").put("kubernetes.io/metadata.name", name);
            o.putObject("spec").putArray("finalizers").add("kubernetes");
            o.putObject("status").put("phase", "Active");
            try {
                store.create(ns, null, name, o, false);
            } catch (StatusError e) {
                if (!"AlreadyExists".equals(e.reason())) throw e;
            }
        }
    }
}
