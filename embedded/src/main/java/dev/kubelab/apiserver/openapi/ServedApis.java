package dev.kubelab.apiserver.openapi;

import java.util.List;

/**
 * The REST paths the OpenAPI documents describe: one entry per served kind, with the URL plural and scope
 * kube-apiserver uses. Kept here (not derived from the schema) because a kind's plural is not in its schema.
 */
record ServedApis(String group, String version, String kind, String resource, boolean namespaced,
                  List<String> subresources) {

    static final List<ServedApis> ALL = List.of(
            core("Namespace", "namespaces", false, "status"),
            core("Node", "nodes", false, "status"),
            core("Pod", "pods", true, "status", "binding", "eviction", "log"),
            core("Service", "services", true, "status"),
            core("Endpoints", "endpoints", true),
            core("Event", "events", true),
            core("ConfigMap", "configmaps", true),
            core("Secret", "secrets", true),
            core("ServiceAccount", "serviceaccounts", true),
            core("LimitRange", "limitranges", true),
            core("ResourceQuota", "resourcequotas", true, "status"),
            of("events.k8s.io", "Event", "events", true),
            of("coordination.k8s.io", "Lease", "leases", true),
            of("apps", "Deployment", "deployments", true, "status", "scale"),
            of("apps", "ReplicaSet", "replicasets", true, "status", "scale"),
            of("apps", "DaemonSet", "daemonsets", true, "status"),
            of("apps", "StatefulSet", "statefulsets", true, "status", "scale"),
            of("batch", "Job", "jobs", true, "status"),
            of("batch", "CronJob", "cronjobs", true, "status"),
            of("policy", "PodDisruptionBudget", "poddisruptionbudgets", true, "status"),
            of("discovery.k8s.io", "EndpointSlice", "endpointslices", true),
            of("scheduling.k8s.io", "PriorityClass", "priorityclasses", false),
            of("rbac.authorization.k8s.io", "Role", "roles", true),
            of("rbac.authorization.k8s.io", "ClusterRole", "clusterroles", false),
            of("rbac.authorization.k8s.io", "RoleBinding", "rolebindings", true),
            of("rbac.authorization.k8s.io", "ClusterRoleBinding", "clusterrolebindings", false));

    private static ServedApis core(String kind, String resource, boolean namespaced, String... subresources) {
        return new ServedApis("", "v1", kind, resource, namespaced, List.of(subresources));
    }

    private static ServedApis of(String group, String kind, String resource, boolean namespaced, String... subresources) {
        return new ServedApis(group, "v1", kind, resource, namespaced, List.of(subresources));
    }

    /** "api/v1" or "apis/apps/v1": the OpenAPI v3 group-version path. */
    String groupVersionPath() {
        return group.isEmpty() ? "api/" + version : "apis/" + group + "/" + version;
    }
}
