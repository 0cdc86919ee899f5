package dev.kubelab.apiserver.rbac;

import static dev.kubelab.apiserver.rbac.PolicyRuleBuilder.rule;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The RBAC objects kube-apiserver reconciles at start (its rbac/bootstrap-roles post-start hook,
 * plugin/pkg/auth/authorizer/rbac/bootstrappolicy/policy.go and controller_policy.go, v1.31), plus the ones
 * kubeadm init adds. Every object carries the {@code kubernetes.io/bootstrapping: rbac-defaults} label and the
 * {@code rbac.authorization.kubernetes.io/autoupdate: "true"} annotation; kubeadm's objects carry neither.
 *
 * <p>Simplifications: feature-gated alpha rules (DRA, ClusterTrustBundles, …) are left out, and only the
 * controller roles of controllers kubelab runs are included (see {@link #controllerRoles()}). The aggregated roles
 * admin/edit/view are emitted with their rules already aggregated, as the clusterrole-aggregation controller
 * leaves them moments after start.
 */
public final class BootstrapPolicy {

    public static final String GROUP_VERSION = "rbac.authorization.k8s.io/v1";
    static final List<String> READ = List.of("get", "list", "watch");
    static final List<String> WRITE = List.of("create", "update", "patch", "delete", "deletecollection");
    static final List<String> READ_WRITE = List.of("get", "list", "watch", "create", "update", "patch", "delete", "deletecollection");
    static final List<String> READ_UPDATE = List.of("get", "list", "watch", "update", "patch");

    private static final String LEGACY = "", APPS = "apps", AUTHN = "authentication.k8s.io", AUTHZ = "authorization.k8s.io",
            AUTOSCALING = "autoscaling", BATCH = "batch", CERTS = "certificates.k8s.io", COORDINATION = "coordination.k8s.io",
            DISCOVERY = "discovery.k8s.io", EXTENSIONS = "extensions", POLICY = "policy", RBAC = "rbac.authorization.k8s.io",
            STORAGE = "storage.k8s.io", NETWORKING = "networking.k8s.io", EVENTS = "events.k8s.io", NODE = "node.k8s.io",
            SCHEDULING = "scheduling.k8s.io";

    private BootstrapPolicy() {}

    static ObjectNode eventsRule() {
        return rule("create", "update", "patch").groups(LEGACY, EVENTS).resources("events").build();
    }

    /** kube-apiserver's default ClusterRoles (policy.go clusterRoles + controller roles), in its order. */
    public static List<ObjectNode> clusterRoles() {
        List<ObjectNode> roles = new ArrayList<>();
        roles.add(role("cluster-admin", null, null,
                rule("*").groups("*").resources("*").build(),
                rule("*").urls("*").build()));
        roles.add(role("system:discovery", null, null,
                rule("get").urls("/livez", "/readyz", "/healthz", "/version", "/version/", "/openapi", "/openapi/*",
                        "/api", "/api/*", "/apis", "/apis/*").build()));
        roles.add(role("system:monitoring", null, null,
                rule("get").urls("/metrics", "/metrics/slis", "/livez", "/readyz", "/healthz", "/livez/*", "/readyz/*", "/healthz/*").build()));
        roles.add(role("system:basic-user", null, null,
                rule("create").groups(AUTHZ).resources("selfsubjectaccessreviews", "selfsubjectrulesreviews").build(),
                rule("create").groups(AUTHN).resources("selfsubjectreviews").build()));
        roles.add(role("system:public-info-viewer", null, null,
                rule("get").urls("/livez", "/readyz", "/healthz", "/version", "/version/").build()));

        List<ObjectNode> aggregateToAdmin = List.of(
                rule("create").groups(AUTHZ).resources("localsubjectaccessreviews").build(),
                rule(READ_WRITE).groups(RBAC).resources("rolebindings", "roles").build());
        List<ObjectNode> aggregateToEdit = List.of(
                rule(READ).groups(LEGACY).resources("pods/attach", "pods/exec", "pods/portforward", "pods/proxy", "secrets", "services/proxy").build(),
                rule("impersonate").groups(LEGACY).resources("serviceaccounts").build(),
                rule(WRITE).groups(LEGACY).resources("pods", "pods/attach", "pods/exec", "pods/portforward", "pods/proxy").build(),
                rule("create").groups(LEGACY).resources("pods/eviction").build(),
                rule(WRITE).groups(LEGACY).resources("configmaps", "endpoints", "persistentvolumeclaims", "replicationcontrollers",
                        "replicationcontrollers/scale", "secrets", "serviceaccounts", "services", "services/proxy").build(),
                rule("create").groups(LEGACY).resources("serviceaccounts/token").build(),
                rule(WRITE).groups(APPS).resources("daemonsets", "deployments", "deployments/rollback", "deployments/scale",
                        "replicasets", "replicasets/scale", "statefulsets", "statefulsets/scale").build(),
                rule(WRITE).groups(AUTOSCALING).resources("horizontalpodautoscalers").build(),
                rule(WRITE).groups(BATCH).resources("cronjobs", "jobs").build(),
                rule(WRITE).groups(EXTENSIONS).resources("daemonsets", "deployments", "deployments/rollback", "deployments/scale",
                        "ingresses", "networkpolicies", "replicasets", "replicasets/scale", "replicationcontrollers/scale").build(),
                rule(WRITE).groups(POLICY).resources("poddisruptionbudgets").build(),
                rule(WRITE).groups(NETWORKING).resources("ingresses", "networkpolicies").build(),
                rule(READ_WRITE).groups(COORDINATION).resources("leases").build());
        List<ObjectNode> aggregateToView = List.of(
                rule(READ).groups(LEGACY).resources("configmaps", "endpoints", "persistentvolumeclaims", "persistentvolumeclaims/status",
                        "pods", "replicationcontrollers", "replicationcontrollers/scale", "serviceaccounts", "services", "services/status").build(),
                rule(READ).groups(LEGACY).resources("bindings", "events", "limitranges", "namespaces/status", "pods/log", "pods/status",
                        "replicationcontrollers/status", "resourcequotas", "resourcequotas/status").build(),
                rule(READ).groups(LEGACY).resources("namespaces").build(),
                rule(READ).groups(DISCOVERY).resources("endpointslices").build(),
                rule(READ).groups(APPS).resources("controllerrevisions", "daemonsets", "daemonsets/status", "deployments", "deployments/scale",
                        "deployments/status", "replicasets", "replicasets/scale", "replicasets/status", "statefulsets", "statefulsets/scale",
                        "statefulsets/status").build(),
                rule(READ).groups(AUTOSCALING).resources("horizontalpodautoscalers", "horizontalpodautoscalers/status").build(),
                rule(READ).groups(BATCH).resources("cronjobs", "cronjobs/status", "jobs", "jobs/status").build(),
                rule(READ).groups(EXTENSIONS).resources("daemonsets", "daemonsets/status", "deployments", "deployments/scale", "deployments/status",
                        "ingresses", "ingresses/status", "networkpolicies", "replicasets", "replicasets/scale", "replicasets/status",
                        "replicationcontrollers/scale").build(),
                rule(READ).groups(POLICY).resources("poddisruptionbudgets", "poddisruptionbudgets/status").build(),
                rule(READ).groups(NETWORKING).resources("ingresses", "ingresses/status", "networkpolicies").build());

        List<ObjectNode> view = new ArrayList<>(aggregateToView);
        List<ObjectNode> edit = new ArrayList<>(aggregateToEdit);
        edit.addAll(view);
        List<ObjectNode> admin = new ArrayList<>(aggregateToAdmin);
        admin.addAll(edit);
        roles.add(aggregated("admin", null, "rbac.authorization.k8s.io/aggregate-to-admin", admin));
        roles.add(aggregated("edit", "rbac.authorization.k8s.io/aggregate-to-admin", "rbac.authorization.k8s.io/aggregate-to-edit", edit));
        roles.add(aggregated("view", "rbac.authorization.k8s.io/aggregate-to-edit", "rbac.authorization.k8s.io/aggregate-to-view", view));
        roles.add(role("system:aggregate-to-admin", Map.of("rbac.authorization.k8s.io/aggregate-to-admin", "true"), null,
                aggregateToAdmin.toArray(ObjectNode[]::new)));
        roles.add(role("system:aggregate-to-edit", Map.of("rbac.authorization.k8s.io/aggregate-to-edit", "true"), null,
                aggregateToEdit.toArray(ObjectNode[]::new)));
        roles.add(role("system:aggregate-to-view", Map.of("rbac.authorization.k8s.io/aggregate-to-view", "true"), null,
                aggregateToView.toArray(ObjectNode[]::new)));

        roles.add(role("system:heapster", null, null,
                rule(READ).groups(LEGACY).resources("events", "namespaces", "nodes", "pods").build(),
                rule(READ).groups(EXTENSIONS).resources("deployments").build()));
        roles.add(role("system:node", null, null, nodeRules().toArray(ObjectNode[]::new)));
        roles.add(role("system:node-problem-detector", null, null,
                rule("get").groups(LEGACY).resources("nodes").build(),
                rule("patch").groups(LEGACY).resources("nodes/status").build(),
                eventsRule()));
        roles.add(role("system:kubelet-api-admin", null, null,
                rule("get", "list", "watch").groups(LEGACY).resources("nodes").build(),
                rule("proxy").groups(LEGACY).resources("nodes").build(),
                rule("*").groups(LEGACY).resources("nodes/log", "nodes/metrics", "nodes/proxy", "nodes/stats").build()));
        roles.add(role("system:node-bootstrapper", null, null,
                rule("create", "get", "list", "watch").groups(CERTS).resources("certificatesigningrequests").build()));
        roles.add(role("system:auth-delegator", null, null,
                rule("create").groups(AUTHN).resources("tokenreviews").build(),
                rule("create").groups(AUTHZ).resources("subjectaccessreviews").build()));
        roles.add(role("system:kube-aggregator", null, null,
                rule(READ).groups(LEGACY).resources("endpoints", "services").build()));
        roles.add(role("system:kube-controller-manager", null, null,
                eventsRule(),
                rule("create").groups(COORDINATION).resources("leases").build(),
                rule("get", "update").groups(COORDINATION).resources("leases").names("kube-controller-manager").build(),
                rule("create").groups(LEGACY).resources("secrets", "serviceaccounts").build(),
                rule("delete").groups(LEGACY).resources("secrets").build(),
                rule("get").groups(LEGACY).resources("configmaps", "namespaces", "secrets", "serviceaccounts").build(),
                rule("update").groups(LEGACY).resources("secrets", "serviceaccounts").build(),
                rule("create").groups(AUTHN).resources("tokenreviews").build(),
                rule("create").groups(AUTHZ).resources("subjectaccessreviews").build(),
                rule("list", "watch").groups("*").resources("*").build(),
                rule("create").groups(LEGACY).resources("serviceaccounts/token").build()));
        roles.add(role("system:kube-dns", null, null,
                rule("list", "watch").groups(LEGACY).resources("endpoints", "services").build()));
        roles.add(role("system:persistent-volume-provisioner", null, null,
                rule("create", "delete", "get", "list", "watch").groups(LEGACY).resources("persistentvolumes").build(),
                rule("get", "list", "update", "watch").groups(LEGACY).resources("persistentvolumeclaims").build(),
                rule(READ).groups(STORAGE).resources("storageclasses").build(),
                rule("watch").groups(LEGACY).resources("events").build(),
                eventsRule()));
        roles.add(role("system:certificates.k8s.io:certificatesigningrequests:nodeclient", null, null,
                rule("create").groups(CERTS).resources("certificatesigningrequests/nodeclient").build()));
        roles.add(role("system:certificates.k8s.io:certificatesigningrequests:selfnodeclient", null, null,
                rule("create").groups(CERTS).resources("certificatesigningrequests/selfnodeclient").build()));
        roles.add(role("system:volume-scheduler", null, null,
                rule(READ_UPDATE).groups(LEGACY).resources("persistentvolumes").build(),
                rule(READ).groups(STORAGE).resources("storageclasses").build(),
                rule(READ_UPDATE).groups(LEGACY).resources("persistentvolumeclaims").build()));
        roles.add(role("system:certificates.k8s.io:legacy-unknown-approver", null, null,
                rule("approve").groups(CERTS).resources("signers").names("kubernetes.io/legacy-unknown").build()));
        roles.add(role("system:certificates.k8s.io:kubelet-serving-approver", null, null,
                rule("approve").groups(CERTS).resources("signers").names("kubernetes.io/kubelet-serving").build()));
        roles.add(role("system:certificates.k8s.io:kube-apiserver-client-approver", null, null,
                rule("approve").groups(CERTS).resources("signers").names("kubernetes.io/kube-apiserver-client").build()));
        roles.add(role("system:certificates.k8s.io:kube-apiserver-client-kubelet-approver", null, null,
                rule("approve").groups(CERTS).resources("signers").names("kubernetes.io/kube-apiserver-client-kubelet").build()));
        roles.add(role("system:service-account-issuer-discovery", null, null,
                rule("get").urls("/.well-known/openid-configuration", "/.well-known/openid-configuration/",
                        "/openid/v1/jwks", "/openid/v1/jwks/").build()));
        roles.add(role("system:node-proxier", null, null,
                rule("list", "watch").groups(LEGACY).resources("endpoints", "services").build(),
                rule("get", "list", "watch").groups(LEGACY).resources("nodes").build(),
                eventsRule(),
                rule("list", "watch").groups(DISCOVERY).resources("endpointslices").build()));
        roles.add(role("system:kube-scheduler", null, null,
                eventsRule(),
                rule("create").groups(COORDINATION).resources("leases").build(),
                rule("get", "update").groups(COORDINATION).resources("leases").names("kube-scheduler").build(),
                rule(READ).groups(LEGACY).resources("nodes").build(),
                rule("delete", "get", "list", "watch").groups(LEGACY).resources("pods").build(),
                rule("create").groups(LEGACY).resources("bindings", "pods/binding").build(),
                rule("patch", "update").groups(LEGACY).resources("pods/status").build(),
                rule(READ).groups(LEGACY).resources("replicationcontrollers", "services").build(),
                rule(READ).groups(APPS, EXTENSIONS).resources("replicasets").build(),
                rule(READ).groups(APPS).resources("statefulsets").build(),
                rule(READ).groups(POLICY).resources("poddisruptionbudgets").build(),
                rule(READ).groups(LEGACY).resources("persistentvolumeclaims", "persistentvolumes").build(),
                rule("create").groups(AUTHN).resources("tokenreviews").build(),
                rule("create").groups(AUTHZ).resources("subjectaccessreviews").build(),
                rule(READ).groups(STORAGE).resources("csinodes").build(),
                rule(READ).groups(LEGACY).resources("namespaces").build(),
                rule(READ).groups(STORAGE).resources("csidrivers").build(),
                rule(READ).groups(STORAGE).resources("csistoragecapacities").build()));
        roles.addAll(controllerRoles());
        return roles;
    }

    /** NodeRules(): what a kubelet needs (the Node authorizer and NodeRestriction narrow it per node). */
    public static List<ObjectNode> nodeRules() {
        return List.of(
                rule("create").groups(AUTHN).resources("tokenreviews").build(),
                rule("create").groups(AUTHZ).resources("localsubjectaccessreviews", "subjectaccessreviews").build(),
                rule(READ).groups(LEGACY).resources("services").build(),
                rule("create", "get", "list", "watch").groups(LEGACY).resources("nodes").build(),
                rule("patch", "update").groups(LEGACY).resources("nodes/status").build(),
                rule("patch", "update").groups(LEGACY).resources("nodes").build(),
                rule("create", "patch", "update").groups(LEGACY, EVENTS).resources("events").build(),
                rule(READ).groups(LEGACY).resources("pods").build(),
                rule("create", "delete").groups(LEGACY).resources("pods").build(),
                rule("patch", "update").groups(LEGACY).resources("pods/status").build(),
                rule("create").groups(LEGACY).resources("pods/eviction").build(),
                rule(READ).groups(LEGACY).resources("configmaps", "secrets").build(),
                rule("get").groups(LEGACY).resources("persistentvolumeclaims", "persistentvolumes").build(),
                rule("get").groups(LEGACY).resources("endpoints").build(),
                rule("create", "get", "list", "watch").groups(CERTS).resources("certificatesigningrequests").build(),
                rule("create", "delete", "get", "patch", "update").groups(COORDINATION).resources("leases").build(),
                rule("get").groups(STORAGE).resources("volumeattachments").build(),
                rule("create").groups(LEGACY).resources("serviceaccounts/token").build(),
                rule("get", "patch", "update").groups(LEGACY).resources("persistentvolumeclaims/status").build(),
                rule("get", "list", "watch").groups(STORAGE).resources("csidrivers").build(),
                rule("create", "delete", "get", "patch", "update").groups(STORAGE).resources("csinodes").build(),
                rule("get", "list", "watch").groups(NODE).resources("runtimeclasses").build());
    }

    /**
     * controller_policy.go's roles for the controllers kubelab's kube-controller-manager runs, each bound to the
     * kube-system service account of the same name (kubeadm runs the controller manager with
     * --use-service-account-credentials=true).
     */
    public static List<ObjectNode> controllerRoles() {
        List<ObjectNode> roles = new ArrayList<>();
        roles.add(role("system:controller:deployment-controller", null, null,
                rule("get", "list", "watch", "update").groups(APPS, EXTENSIONS).resources("deployments").build(),
                rule("update").groups(APPS, EXTENSIONS).resources("deployments/status").build(),
                rule("update").groups(APPS, EXTENSIONS).resources("deployments/finalizers").build(),
                rule("get", "list", "watch", "create", "update", "patch", "delete").groups(APPS, EXTENSIONS).resources("replicasets").build(),
                rule("get", "list", "watch", "update").groups(LEGACY).resources("pods").build(),
                eventsRule()));
        roles.add(role("system:controller:replicaset-controller", null, null,
                rule("get", "list", "watch", "update").groups(APPS, EXTENSIONS).resources("replicasets").build(),
                rule("update").groups(APPS, EXTENSIONS).resources("replicasets/status").build(),
                rule("update").groups(APPS, EXTENSIONS).resources("replicasets/finalizers").build(),
                rule("list", "watch", "patch", "create", "delete").groups(LEGACY).resources("pods").build(),
                eventsRule()));
        roles.add(role("system:controller:daemon-set-controller", null, null,
                rule("get", "list", "watch").groups(EXTENSIONS, APPS).resources("daemonsets").build(),
                rule("update").groups(EXTENSIONS, APPS).resources("daemonsets/status").build(),
                rule("update").groups(EXTENSIONS, APPS).resources("daemonsets/finalizers").build(),
                rule("list", "watch").groups(LEGACY).resources("nodes").build(),
                rule("list", "watch", "create", "delete", "patch").groups(LEGACY).resources("pods").build(),
                rule("create").groups(LEGACY).resources("pods/binding").build(),
                rule("get", "list", "watch", "create", "delete", "update", "patch").groups(APPS).resources("controllerrevisions").build(),
                eventsRule()));
        roles.add(role("system:controller:statefulset-controller", null, null,
                rule("list", "watch").groups(LEGACY).resources("pods").build(),
                rule("list", "watch").groups(APPS).resources("statefulsets").build(),
                rule("update").groups(APPS).resources("statefulsets/status").build(),
                rule("update").groups(APPS).resources("statefulsets/finalizers").build(),
                rule("get", "create", "delete", "update", "patch").groups(LEGACY).resources("pods").build(),
                rule("get", "create", "delete", "update", "patch", "list", "watch").groups(APPS).resources("controllerrevisions").build(),
                rule("get", "create").groups(LEGACY).resources("persistentvolumeclaims").build(),
                rule("update", "delete").groups(LEGACY).resources("persistentvolumeclaims").build(),
                eventsRule()));
        roles.add(role("system:controller:job-controller", null, null,
                rule("get", "list", "watch", "update", "patch").groups(BATCH).resources("jobs").build(),
                rule("update", "patch").groups(BATCH).resources("jobs/status").build(),
                rule("update").groups(BATCH).resources("jobs/finalizers").build(),
                rule("list", "watch", "create", "delete", "patch").groups(LEGACY).resources("pods").build(),
                eventsRule()));
        roles.add(role("system:controller:cronjob-controller", null, null,
                rule("get", "list", "watch", "update").groups(BATCH).resources("cronjobs").build(),
                rule("get", "list", "watch", "create", "update", "delete", "patch").groups(BATCH).resources("jobs").build(),
                rule("update").groups(BATCH).resources("cronjobs/status").build(),
                rule("update").groups(BATCH).resources("cronjobs/finalizers").build(),
                rule("list", "delete").groups(LEGACY).resources("pods").build(),
                eventsRule()));
        roles.add(role("system:controller:namespace-controller", null, null,
                rule("get", "list", "watch", "delete").groups(LEGACY).resources("namespaces").build(),
                rule("update").groups(LEGACY).resources("namespaces/finalize", "namespaces/status").build(),
                rule("get", "list", "delete", "deletecollection").groups("*").resources("*").build()));
        roles.add(role("system:controller:node-controller", null, null,
                rule("get", "list", "update", "delete", "patch").groups(LEGACY).resources("nodes").build(),
                rule("patch", "update").groups(LEGACY).resources("nodes/status").build(),
                rule("patch", "update").groups(LEGACY).resources("pods/status").build(),
                rule("list", "delete").groups(LEGACY).resources("pods").build(),
                eventsRule()));
        roles.add(role("system:controller:endpoint-controller", null, null,
                rule("get", "list", "watch").groups(LEGACY).resources("services", "pods").build(),
                rule("get", "list", "create", "update", "delete").groups(LEGACY).resources("endpoints").build(),
                rule("create").groups(LEGACY).resources("endpoints/restricted").build(),
                eventsRule()));
        roles.add(role("system:controller:endpointslice-controller", null, null,
                rule("get", "list", "watch").groups(LEGACY).resources("services", "pods", "nodes").build(),
                rule("update").groups(LEGACY).resources("services/finalizers").build(),
                rule("get", "list", "create", "update", "delete").groups(DISCOVERY).resources("endpointslices").build(),
                eventsRule()));
        roles.add(role("system:controller:service-account-controller", null, null,
                rule("create").groups(LEGACY).resources("serviceaccounts").build(),
                eventsRule()));
        roles.add(role("system:controller:root-ca-cert-publisher", null, null,
                rule("create", "update").groups(LEGACY).resources("configmaps").build(),
                eventsRule()));
        roles.add(role("system:controller:generic-garbage-collector", null, null,
                rule("get", "list", "watch", "patch", "update", "delete").groups("*").resources("*").build(),
                eventsRule()));
        roles.add(role("system:controller:pod-garbage-collector", null, null,
                rule("list", "watch", "delete").groups(LEGACY).resources("pods").build(),
                rule("get", "list").groups(LEGACY).resources("nodes").build(),
                rule("patch").groups(LEGACY).resources("pods/status").build()));
        roles.add(role("system:controller:disruption-controller", null, null,
                rule("get", "list", "watch").groups(EXTENSIONS, APPS).resources("deployments").build(),
                rule("get", "list", "watch").groups(APPS, EXTENSIONS).resources("replicasets").build(),
                rule("get", "list", "watch").groups(LEGACY).resources("replicationcontrollers").build(),
                rule("get", "list", "watch").groups(POLICY).resources("poddisruptionbudgets").build(),
                rule("get", "list", "watch").groups(APPS).resources("statefulsets").build(),
                rule("update").groups(POLICY).resources("poddisruptionbudgets/status").build(),
                rule("get").groups("*").resources("*/scale").build(),
                rule("patch", "update").groups(LEGACY).resources("pods/status").build(),
                eventsRule()));
        roles.add(role("system:controller:ttl-after-finished-controller", null, null,
                rule("get", "list", "watch", "delete").groups(BATCH).resources("jobs").build(),
                eventsRule()));
        roles.add(role("system:controller:ttl-controller", null, null,
                rule("update", "patch", "list", "watch").groups(LEGACY).resources("nodes").build(),
                eventsRule()));
        return roles;
    }

    /** kube-apiserver's default ClusterRoleBindings, then the controllers', then kubeadm's. */
    public static List<ObjectNode> clusterRoleBindings() {
        List<ObjectNode> b = new ArrayList<>();
        b.add(binding("cluster-admin", "cluster-admin", true, group("system:masters")));
        b.add(binding("system:monitoring", "system:monitoring", true, group("system:monitoring")));
        b.add(binding("system:discovery", "system:discovery", true, group("system:authenticated")));
        b.add(binding("system:basic-user", "system:basic-user", true, group("system:authenticated")));
        b.add(binding("system:public-info-viewer", "system:public-info-viewer", true,
                group("system:authenticated"), group("system:unauthenticated")));
        b.add(binding("system:node-proxier", "system:node-proxier", true, user("system:kube-proxy")));
        b.add(binding("system:kube-controller-manager", "system:kube-controller-manager", true, user("system:kube-controller-manager")));
        b.add(binding("system:kube-dns", "system:kube-dns", true, serviceAccount("kube-system", "kube-dns")));
        b.add(binding("system:kube-scheduler", "system:kube-scheduler", true, user("system:kube-scheduler")));
        b.add(binding("system:volume-scheduler", "system:volume-scheduler", true, user("system:kube-scheduler")));
        // Deprecated since the Node authorizer (1.7): kept with no subjects.
        b.add(binding("system:node", "system:node", true));
        b.add(binding("system:service-account-issuer-discovery", "system:service-account-issuer-discovery", true,
                group("system:serviceaccounts")));
        for (ObjectNode role : controllerRoles()) {
            String name = role.path("metadata").path("name").asText();
            b.add(binding(name, name, true, serviceAccount("kube-system", name.substring("system:controller:".length()))));
        }
        b.addAll(kubeadmClusterRoleBindings());
        return b;
    }

    /** The user kube-controller-manager authenticates as (controller-manager.conf's client certificate CN). */
    public static final String CONTROLLER_MANAGER_USER = "system:kube-controller-manager";

    /**
     * kubelab's stand-in for --use-service-account-credentials: kubeadm's kube-controller-manager runs each controller
     * with a token of its own kube-system service account (deployment-controller, …), bound above to its
     * system:controller:* role. kubelab's controllers all use controller-manager.conf's identity instead, so these
     * bindings (named {@code kubelab:controller:<controller>}, not in a real cluster) grant that user each controller
     * role — the union of what the controllers may do, and nothing beyond it.
     */
    public static List<ObjectNode> sharedControllerCredentialBindings() {
        List<ObjectNode> b = new ArrayList<>();
        for (ObjectNode role : controllerRoles()) {
            String name = role.path("metadata").path("name").asText();
            b.add(binding("kubelab:controller:" + name.substring("system:controller:".length()), name, false, user(CONTROLLER_MANAGER_USER)));
        }
        return b;
    }

    /**
     * What kubeadm init adds: kubeadm:cluster-admins (admin.conf's group, since 1.29, instead of system:masters)
     * and kubeadm:node-proxier (kube-proxy's service account).
     */
    public static List<ObjectNode> kubeadmClusterRoleBindings() {
        return List.of(
                binding("kubeadm:cluster-admins", "cluster-admin", false, group("kubeadm:cluster-admins")),
                binding("kubeadm:node-proxier", "system:node-proxier", false, serviceAccount("kube-system", "kube-proxy")));
    }

    /** namespace_policy.go: the Roles kube-apiserver keeps in kube-system and kube-public. */
    public static List<ObjectNode> namespaceRoles() {
        return List.of(
                namespaced(role("extension-apiserver-authentication-reader", null, null,
                        rule("get", "list", "watch").groups(LEGACY).resources("configmaps").names("extension-apiserver-authentication").build()),
                        "Role", "kube-system"),
                namespaced(role("system::leader-locking-kube-controller-manager", null, null,
                        rule("watch").groups(LEGACY).resources("configmaps").build(),
                        rule("get", "update").groups(LEGACY).resources("configmaps").names("kube-controller-manager").build()),
                        "Role", "kube-system"),
                namespaced(role("system::leader-locking-kube-scheduler", null, null,
                        rule("watch").groups(LEGACY).resources("configmaps").build(),
                        rule("get", "update").groups(LEGACY).resources("configmaps").names("kube-scheduler").build()),
                        "Role", "kube-system"),
                namespaced(role("system:controller:bootstrap-signer", null, null,
                        rule("get", "list", "watch").groups(LEGACY).resources("secrets").build()),
                        "Role", "kube-system"),
                namespaced(role("system:controller:cloud-provider", null, null,
                        rule("create", "get", "list", "watch").groups(LEGACY).resources("configmaps").build()),
                        "Role", "kube-system"),
                namespaced(role("system:controller:token-cleaner", null, null,
                        rule("delete", "get", "list", "watch").groups(LEGACY).resources("secrets").build(),
                        eventsRule()),
                        "Role", "kube-system"),
                namespaced(role("system:controller:bootstrap-signer", null, null,
                        rule("get", "list", "watch").groups(LEGACY).resources("configmaps").build(),
                        rule("update").groups(LEGACY).resources("configmaps").names("cluster-info").build(),
                        eventsRule()),
                        "Role", "kube-public"));
    }

    /** namespace_policy.go's RoleBindings for {@link #namespaceRoles()}. */
    public static List<ObjectNode> namespaceRoleBindings() {
        return List.of(
                roleBinding("kube-system", "system::extension-apiserver-authentication-reader", "extension-apiserver-authentication-reader",
                        user("system:kube-controller-manager"), user("system:kube-scheduler")),
                roleBinding("kube-system", "system::leader-locking-kube-controller-manager", "system::leader-locking-kube-controller-manager",
                        user("system:kube-controller-manager"), serviceAccount("kube-system", "kube-controller-manager")),
                roleBinding("kube-system", "system::leader-locking-kube-scheduler", "system::leader-locking-kube-scheduler",
                        user("system:kube-scheduler"), serviceAccount("kube-system", "kube-scheduler")),
                roleBinding("kube-system", "system:controller:bootstrap-signer", "system:controller:bootstrap-signer",
                        serviceAccount("kube-system", "bootstrap-signer")),
                roleBinding("kube-system", "system:controller:cloud-provider", "system:controller:cloud-provider",
                        serviceAccount("kube-system", "cloud-provider")),
                roleBinding("kube-system", "system:controller:token-cleaner", "system:controller:token-cleaner",
                        serviceAccount("kube-system", "token-cleaner")),
                roleBinding("kube-public", "system:controller:bootstrap-signer", "system:controller:bootstrap-signer",
                        serviceAccount("kube-system", "bootstrap-signer")));
    }

    // ---- object builders ----

    private static ObjectNode namespaced(ObjectNode o, String kind, String namespace) {
        o.put("kind", kind);
        ObjectNode meta = (ObjectNode) o.get("metadata");
        String name = meta.remove("name").asText();
        meta.put("name", name);
        meta.put("namespace", namespace);
        return o;
    }

    private static ObjectNode roleBinding(String namespace, String name, String roleName, ObjectNode... subjects) {
        ObjectNode o = binding(name, roleName, true, subjects);
        ((ObjectNode) o.get("roleRef")).put("kind", "Role");
        return namespaced(o, "RoleBinding", namespace);
    }

    private static ObjectNode role(String name, Map<String, String> labels, ObjectNode aggregationRule, ObjectNode... rules) {
        ObjectNode o = object("ClusterRole", name, labels, true);
        if (aggregationRule != null) o.set("aggregationRule", aggregationRule);
        ArrayNode r = o.putArray("rules");
        for (ObjectNode rule : rules) r.add(rule);
        return o;
    }

    private static ObjectNode aggregated(String name, String ownLabel, String selectorLabel, List<ObjectNode> rules) {
        ObjectNode agg = JsonNodeFactory.instance.objectNode();
        agg.putArray("clusterRoleSelectors").addObject().putObject("matchLabels").put(selectorLabel, "true");
        return role(name, ownLabel == null ? null : Map.of(ownLabel, "true"), agg, rules.toArray(ObjectNode[]::new));
    }

    private static ObjectNode binding(String name, String roleName, boolean bootstrap, ObjectNode... subjects) {
        ObjectNode o = object("ClusterRoleBinding", name, null, bootstrap);
        o.putObject("roleRef").put("apiGroup", "rbac.authorization.k8s.io").put("kind", "ClusterRole").put("name", roleName);
        if (subjects.length > 0) {
            ArrayNode s = o.putArray("subjects");
            for (ObjectNode subject : subjects) s.add(subject);
        }
        return o;
    }

    private static ObjectNode object(String kind, String name, Map<String, String> labels, boolean bootstrap) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("apiVersion", GROUP_VERSION);
        o.put("kind", kind);
        ObjectNode meta = o.putObject("metadata");
        if (bootstrap) meta.putObject("annotations").put("rbac.authorization.kubernetes.io/autoupdate", "true");
        if (bootstrap || labels != null) {
            ObjectNode l = meta.putObject("labels");
            if (bootstrap) l.put("kubernetes.io/bootstrapping", "rbac-defaults");
            if (labels != null) labels.forEach(l::put);
        }
        meta.put("name", name);
        return o;
    }

    static ObjectNode group(String name) {
        return JsonNodeFactory.instance.objectNode().put("apiGroup", "rbac.authorization.k8s.io").put("kind", "Group").put("name", name);
    }

    static ObjectNode user(String name) {
        return JsonNodeFactory.instance.objectNode().put("apiGroup", "rbac.authorization.k8s.io").put("kind", "User").put("name", name);
    }

    static ObjectNode serviceAccount(String namespace, String name) {
        return JsonNodeFactory.instance.objectNode().put("kind", "ServiceAccount").put("name", name).put("namespace", namespace);
    }
}
