package dev.kubelab.apiserver.registry;

import java.util.List;

/**
 * One served resource, as discovery describes it and as storage keys it.
 *
 * @param group        API group ("" for core)
 * @param version      e.g. "v1"
 * @param kind         e.g. "Deployment"
 * @param resource     plural name in URLs, e.g. "deployments"
 * @param singular     e.g. "deployment"
 * @param namespaced   whether objects live in a namespace
 * @param shortNames   kubectl short names, e.g. ["deploy"]
 * @param categories   e.g. ["all"]
 * @param verbs        discovery verbs
 * @param subresources e.g. ["status", "scale"]
 * @param etcdPrefix   the key prefix under /registry as kube-apiserver uses it
 *                     (e.g. "minions" for nodes, "services/specs" for services)
 */
public record ResourceInfo(String group, String version, String kind, String resource, String singular,
                           boolean namespaced, List<String> shortNames, List<String> categories,
                           List<String> verbs, List<String> subresources, String etcdPrefix) {

    public String apiVersion() {
        return group.isEmpty() ? version : group + "/" + version;
    }

    /** "deployments.apps" / "pods": the name apimachinery errors and RBAC use. */
    public String groupResource() {
        return group.isEmpty() ? resource : resource + "." + group;
    }
}
