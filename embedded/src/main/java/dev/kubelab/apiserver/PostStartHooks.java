package dev.kubelab.apiserver;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.admission.SystemPriorityClasses;
import dev.kubelab.apiserver.endpoints.ResourceHandler;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.rbac.BootstrapPolicy;
import dev.kubelab.apiserver.registry.BuiltinResources;
import dev.kubelab.apiserver.registry.ResourceInfo;
import dev.kubelab.apiserver.storage.EtcdStore;
import dev.kubelab.apiserver.storage.ObjectStore;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * What kube-apiserver stores right after it starts, idempotently (existing objects are left alone, as the
 * post-start hooks do for objects without the autoupdate annotation — kubelab never rewrites them):
 * <ul>
 *   <li>rbac/bootstrap-roles: the default ClusterRoles, ClusterRoleBindings and the kube-system/kube-public Roles
 *       and RoleBindings ({@link BootstrapPolicy}), plus kubeadm's own bindings (kubeadm:cluster-admins →
 *       cluster-admin);</li>
 *   <li>scheduling/bootstrap-system-priority-classes: system-node-critical and system-cluster-critical;</li>
 *   <li>the bootstrap controller's {@code default/kubernetes} Service (the first address of the service CIDR) with
 *       its Endpoints and EndpointSlice pointing at this API server.</li>
 * </ul>
 * Missing objects are found with one range read per kind and written in transactions of 100, so a fresh etcd
 * costs a few round trips, not one per object.
 */
final class PostStartHooks {

    private PostStartHooks() {}

    static void run(ObjectStore store, Executor executor, String serviceIp, String host, int port) {
        List<ObjectStore.NewObject> missing = new ArrayList<>();
        ensureAll(store, missing, "clusterroles.rbac.authorization.k8s.io", BootstrapPolicy.clusterRoles());
        List<ObjectNode> bindings = new ArrayList<>(BootstrapPolicy.clusterRoleBindings());
        bindings.addAll(BootstrapPolicy.kubeadmClusterRoleBindings());
        ensureAll(store, missing, "clusterrolebindings.rbac.authorization.k8s.io", bindings);
        ensureAll(store, missing, "roles.rbac.authorization.k8s.io", BootstrapPolicy.namespaceRoles());
        ensureAll(store, missing, "rolebindings.rbac.authorization.k8s.io", BootstrapPolicy.namespaceRoleBindings());
        ensureAll(store, missing, "priorityclasses.scheduling.k8s.io", SystemPriorityClasses.objects());
        ensureAll(store, missing, "services", List.of(kubernetesService(serviceIp)));
        CompletableFuture<Void> endpoints = CompletableFuture.runAsync(() -> reconcileEndpoints(store, host, port), executor);
        store.createAll(missing);
        endpoints.join();
    }

    /** Collects the objects of one kind that are missing, judged by one list of the kind. */
    private static void ensureAll(ObjectStore store, List<ObjectStore.NewObject> missing, String groupResource, List<ObjectNode> objects) {
        ResourceInfo ri = BuiltinResources.byGroupResource(groupResource).orElseThrow();
        Set<String> existing = new HashSet<>();
        for (EtcdStore.Entry e : store.etcd().list(BuiltinResources.keyPrefix(ri, null), null, 0, 0).entries()) existing.add(e.key());
        for (ObjectNode o : objects) {
            String ns = ri.namespaced() ? o.path("metadata").path("namespace").asText() : null;
            String name = o.path("metadata").path("name").asText();
            if (existing.contains(BuiltinResources.key(ri, ns, name))) continue;
            ObjectNode copy = o.deepCopy();
            ObjectNode meta = copy.with("metadata");
            meta.put("uid", UUID.randomUUID().toString());
            meta.put("creationTimestamp", ResourceHandler.now());
            missing.add(new ObjectStore.NewObject(ri, ns, name, copy));
        }
    }

    private static ObjectNode kubernetesService(String ip) {
        ObjectNode svc = Json.MAPPER.createObjectNode();
        svc.put("kind", "Service").put("apiVersion", "v1");
        ObjectNode meta = svc.putObject("metadata").put("name", "kubernetes").put("namespace", "default");
        meta.putObject("labels").put("component", "apiserver").put("provider", "kubernetes");
        ObjectNode spec = svc.putObject("spec");
        spec.putArray("ports").addObject().put("name", "https").put("protocol", "TCP").put("port", 443).put("targetPort", 6443);
        spec.put("clusterIP", ip);
        spec.putArray("clusterIPs").add(ip);
        spec.put("type", "ClusterIP").put("sessionAffinity", "None");
        spec.putArray("ipFamilies").add("IPv4");
        spec.put("ipFamilyPolicy", "SingleStack").put("internalTrafficPolicy", "Cluster");
        svc.putObject("status").putObject("loadBalancer");
        return svc;
    }

    /** The bootstrap controller's endpoint reconciler: default/kubernetes points at this server's address. */
    private static void reconcileEndpoints(ObjectStore store, String host, int port) {
        ResourceInfo eps = BuiltinResources.byGroupResource("endpoints").orElseThrow();
        ObjectNode ep = Json.MAPPER.createObjectNode();
        ep.put("kind", "Endpoints").put("apiVersion", "v1");
        ep.putObject("metadata").put("name", "kubernetes").put("namespace", "default")
                .putObject("labels").put("endpointslice.kubernetes.io/skip-mirror", "true");
        ObjectNode subset = ep.putArray("subsets").addObject();
        subset.putArray("addresses").addObject().put("ip", host);
        subset.putArray("ports").addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        upsert(store, eps, ep, "subsets");

        ResourceInfo slices = BuiltinResources.byGroupResource("endpointslices.discovery.k8s.io").orElseThrow();
        ObjectNode slice = Json.MAPPER.createObjectNode();
        slice.put("kind", "EndpointSlice").put("apiVersion", "discovery.k8s.io/v1");
        slice.putObject("metadata").put("name", "kubernetes").put("namespace", "default")
                .putObject("labels").put("kubernetes.io/service-name", "kubernetes");
        slice.put("addressType", "IPv4");
        ObjectNode endpoint = slice.putArray("endpoints").addObject();
        endpoint.putArray("addresses").add(host);
        endpoint.putObject("conditions").put("ready", true);
        ArrayNode ports = slice.putArray("ports");
        ports.addObject().put("name", "https").put("port", port).put("protocol", "TCP");
        upsert(store, slices, slice, "endpoints", "ports");
    }

    private static void upsert(ObjectStore store, ResourceInfo ri, ObjectNode desired, String... fields) {
        ObjectNode current = store.find(ri, "default", "kubernetes");
        if (current == null) {
            desired.with("metadata").put("uid", UUID.randomUUID().toString()).put("creationTimestamp", ResourceHandler.now());
            try {
                store.create(ri, "default", "kubernetes", desired, false);
                return;
            } catch (StatusError e) {
                if (!"AlreadyExists".equals(e.reason())) throw e;
            }
        }
        store.guaranteedUpdate(ri, "default", "kubernetes", true, false, cur -> {
            for (String f : fields) cur.set(f, desired.get(f).deepCopy());
            return cur;
        });
    }
}
