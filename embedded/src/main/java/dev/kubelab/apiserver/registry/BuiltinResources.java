package dev.kubelab.apiserver.registry;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The resources this API server serves, with the names, short names, categories, verbs and etcd
 * key prefixes kube-apiserver v1.31 uses (pkg/registry/&lt;group&gt;/&lt;kind&gt;/storage,
 * `kubectl api-resources`). One catalogue: discovery, routing, RBAC and storage all read it.
 */
public final class BuiltinResources {

    private static final List<String> STD = List.of("create", "delete", "deletecollection", "get", "list", "patch", "update", "watch");
    private static final List<String> NO_COLLECTION = List.of("create", "delete", "get", "list", "patch", "update", "watch");
    private static final List<String> ALL = List.of("all");

    private static final List<ResourceInfo> RESOURCES = List.of(
            // core/v1
            r("", "v1", "ConfigMap", "configmaps", true, List.of("cm"), List.of(), STD, List.of(), "configmaps"),
            r("", "v1", "Endpoints", "endpoints", true, List.of("ep"), List.of(), STD, List.of(), "services/endpoints"),
            r("", "v1", "Event", "events", true, List.of("ev"), List.of(), STD, List.of(), "events"),
            r("", "v1", "LimitRange", "limitranges", true, List.of("limits"), List.of(), STD, List.of(), "limitranges"),
            r("", "v1", "Namespace", "namespaces", false, List.of("ns"), List.of(), NO_COLLECTION, List.of("finalize", "status"), "namespaces"),
            r("", "v1", "Node", "nodes", false, List.of("no"), List.of(), STD, List.of("status"), "minions"),
            r("", "v1", "Pod", "pods", true, List.of("po"), ALL, STD, List.of("binding", "eviction", "log", "status"), "pods"),
            r("", "v1", "ResourceQuota", "resourcequotas", true, List.of("quota"), List.of(), STD, List.of("status"), "resourcequotas"),
            r("", "v1", "Secret", "secrets", true, List.of(), List.of(), STD, List.of(), "secrets"),
            r("", "v1", "ServiceAccount", "serviceaccounts", true, List.of("sa"), List.of(), STD, List.of(), "serviceaccounts"),
            r("", "v1", "Service", "services", true, List.of("svc"), ALL, NO_COLLECTION, List.of("status"), "services/specs"),
            // apps/v1
            r("apps", "v1", "DaemonSet", "daemonsets", true, List.of("ds"), ALL, STD, List.of("status"), "daemonsets"),
            r("apps", "v1", "Deployment", "deployments", true, List.of("deploy"), ALL, STD, List.of("scale", "status"), "deployments"),
            r("apps", "v1", "ReplicaSet", "replicasets", true, List.of("rs"), ALL, STD, List.of("scale", "status"), "replicasets"),
            r("apps", "v1", "StatefulSet", "statefulsets", true, List.of("sts"), ALL, STD, List.of("scale", "status"), "statefulsets"),
            // batch/v1
            r("batch", "v1", "CronJob", "cronjobs", true, List.of("cj"), ALL, STD, List.of("status"), "cronjobs"),
            r("batch", "v1", "Job", "jobs", true, List.of(), ALL, STD, List.of("status"), "jobs"),
            // coordination, discovery, events, policy, rbac, scheduling
            r("coordination.k8s.io", "v1", "Lease", "leases", true, List.of(), List.of(), STD, List.of(), "leases"),
            r("discovery.k8s.io", "v1", "EndpointSlice", "endpointslices", true, List.of(), List.of(), STD, List.of(), "endpointslices"),
            r("events.k8s.io", "v1", "Event", "events", true, List.of("ev"), List.of(), STD, List.of(), "events"),
            r("policy", "v1", "PodDisruptionBudget", "poddisruptionbudgets", true, List.of("pdb"), List.of(), STD, List.of("status"), "poddisruptionbudgets"),
            r("rbac.authorization.k8s.io", "v1", "ClusterRoleBinding", "clusterrolebindings", false, List.of(), List.of(), STD, List.of(), "clusterrolebindings"),
            r("rbac.authorization.k8s.io", "v1", "ClusterRole", "clusterroles", false, List.of(), List.of(), STD, List.of(), "clusterroles"),
            r("rbac.authorization.k8s.io", "v1", "RoleBinding", "rolebindings", true, List.of(), List.of(), STD, List.of(), "rolebindings"),
            r("rbac.authorization.k8s.io", "v1", "Role", "roles", true, List.of(), List.of(), STD, List.of(), "roles"),
            // authorization reviews: computed by the authorizer, never stored
            r("authorization.k8s.io", "v1", "SelfSubjectAccessReview", "selfsubjectaccessreviews", false, List.of(), List.of(), List.of("create"), List.of(), ""),
            r("authorization.k8s.io", "v1", "SubjectAccessReview", "subjectaccessreviews", false, List.of(), List.of(), List.of("create"), List.of(), ""),
            r("scheduling.k8s.io", "v1", "PriorityClass", "priorityclasses", false, List.of("pc"), List.of(), STD, List.of(), "priorityclasses"));

    /** Groups in the order kube-apiserver lists them in /apis (preferred versions first). */
    private static final List<String> GROUP_ORDER = List.of("apps", "events.k8s.io", "batch", "policy",
            "authorization.k8s.io", "rbac.authorization.k8s.io", "coordination.k8s.io", "discovery.k8s.io", "scheduling.k8s.io");

    private static final Map<String, ResourceInfo> BY_PATH = new LinkedHashMap<>();

    static {
        for (ResourceInfo ri : RESOURCES) BY_PATH.put(ri.apiVersion() + "/" + ri.resource(), ri);
    }

    private BuiltinResources() {}

    private static ResourceInfo r(String group, String version, String kind, String resource, boolean namespaced,
                                  List<String> shortNames, List<String> categories, List<String> verbs,
                                  List<String> subresources, String etcdPrefix) {
        return new ResourceInfo(group, version, kind, resource, kind.toLowerCase(java.util.Locale.ROOT), namespaced,
                shortNames, categories, verbs, subresources, etcdPrefix);
    }

    public static List<ResourceInfo> all() {
        return RESOURCES;
    }

    /** The resource served at apiVersion ("v1", "apps/v1") + plural name. */
    public static Optional<ResourceInfo> find(String apiVersion, String resource) {
        return Optional.ofNullable(BY_PATH.get(apiVersion + "/" + resource));
    }

    /** By "pods", "deployments.apps", "rolebindings.rbac.authorization.k8s.io" (the ObjectReader key). */
    public static Optional<ResourceInfo> byGroupResource(String groupResource) {
        for (ResourceInfo ri : RESOURCES) {
            if (ri.groupResource().equals(groupResource)) return Optional.of(ri);
        }
        return Optional.empty();
    }

    /** API groups (without core), in discovery order. */
    public static List<String> groups() {
        List<String> gs = new ArrayList<>(GROUP_ORDER);
        return Collections.unmodifiableList(gs);
    }

    public static List<ResourceInfo> inGroupVersion(String group, String version) {
        List<ResourceInfo> out = new ArrayList<>();
        for (ResourceInfo ri : RESOURCES) {
            if (ri.group().equals(group) && ri.version().equals(version)) out.add(ri);
        }
        return out;
    }

    /** The storage key prefix of a resource (and namespace): /registry/pods/default/ */
    public static String keyPrefix(ResourceInfo ri, String namespace) {
        return "/registry/" + ri.etcdPrefix() + "/" + (ri.namespaced() && namespace != null ? namespace + "/" : "");
    }

    public static String key(ResourceInfo ri, String namespace, String name) {
        return keyPrefix(ri, namespace) + name;
    }
}
