package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Optional;

/**
 * Read access to stored objects for in-server consumers (admission plugins, the RBAC authorizer),
 * as kube-apiserver gives them informer-backed listers. groupResource is e.g. "namespaces",
 * "serviceaccounts", "rolebindings.rbac.authorization.k8s.io"; namespace is null for
 * cluster-scoped kinds and for "all namespaces".
 */
public interface ObjectReader {

    Optional<ObjectNode> get(String groupResource, String namespace, String name);

    List<ObjectNode> list(String groupResource, String namespace);
}
