package dev.kubelab.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.rbac.BootstrapPolicy;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class RbacAuthorizationTest {

    static final String CR = "clusterroles.rbac.authorization.k8s.io", CRB = "clusterrolebindings.rbac.authorization.k8s.io",
            R = "roles.rbac.authorization.k8s.io", RB = "rolebindings.rbac.authorization.k8s.io";

    static final UserInfo ADMIN = new UserInfo("kubernetes-admin", List.of("kubeadm:cluster-admins", "system:authenticated"));
    static final UserInfo SUPER = new UserInfo("kubernetes-super-admin", List.of("system:masters", "system:authenticated"));
    static final UserInfo JANE = new UserInfo("jane", List.of("developers", "system:authenticated"));
    static final UserInfo QA = new UserInfo("quinn", List.of("qa", "system:authenticated"));
    static final UserInfo BUILDER = new UserInfo("system:serviceaccount:dev:builder",
            List.of("system:serviceaccounts", "system:serviceaccounts:dev", "system:authenticated"));
    static final UserInfo NODE = new UserInfo("system:node:n1", List.of("system:nodes", "system:authenticated"));
    static final UserInfo SCHED = new UserInfo("system:kube-scheduler", List.of("system:authenticated"));
    static final UserInfo KCM = new UserInfo("system:kube-controller-manager", List.of("system:authenticated"));
    static final UserInfo ANON = UserInfo.ANONYMOUS;

    static InMemoryObjectReader reader;
    static Authorizer authorizer;

    @BeforeEach
    void store() {
        reader = policyStore();
        authorizer = Authorizers.standard(reader);
    }

    static InMemoryObjectReader policyStore() {
        InMemoryObjectReader r = new InMemoryObjectReader();
        BootstrapPolicy.clusterRoles().forEach(o -> r.put(CR, o));
        BootstrapPolicy.clusterRoleBindings().forEach(o -> r.put(CRB, o));
        BootstrapPolicy.namespaceRoles().forEach(o -> r.put(R, o));
        BootstrapPolicy.namespaceRoleBindings().forEach(o -> r.put(RB, o));
        r.putJson(R, "{'metadata':{'name':'pod-reader','namespace':'dev'},'rules':[{'apiGroups':[''],'resources':['pods'],'verbs':['get','list','watch']},{'apiGroups':[''],'resources':['pods/log'],'verbs':['get']}]}");
        r.putJson(RB, "{'metadata':{'name':'jane-pods','namespace':'dev'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'pod-reader'},'subjects':[{'kind':'User','name':'jane','apiGroup':'rbac.authorization.k8s.io'}]}");
        r.putJson(R, "{'metadata':{'name':'one-config','namespace':'dev'},'rules':[{'apiGroups':[''],'resources':['configmaps'],'resourceNames':['app-config'],'verbs':['get','update']}]}");
        r.putJson(RB, "{'metadata':{'name':'devs-config','namespace':'dev'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'one-config'},'subjects':[{'kind':'Group','name':'developers','apiGroup':'rbac.authorization.k8s.io'}]}");
        r.putJson(RB, "{'metadata':{'name':'builder-edit','namespace':'dev'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'edit'},'subjects':[{'kind':'ServiceAccount','name':'builder'}]}");
        r.putJson(RB, "{'metadata':{'name':'qa-view','namespace':'qa'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'view'},'subjects':[{'kind':'Group','name':'qa','apiGroup':'rbac.authorization.k8s.io'}]}");
        return r;
    }

    static Attributes res(UserInfo u, String verb, String ns, String group, String resource, String sub, String name) {
        return new Attributes(u, verb, ns, group, resource, sub, name, true, null);
    }

    static Attributes path(UserInfo u, String verb, String path) {
        return new Attributes(u, verb, "", "", "", "", "", false, path);
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(res(ADMIN, "delete", "", "", "nodes", "", "n1"), true),
                Arguments.of(res(ADMIN, "create", "kube-system", "apps", "deployments", "", ""), true),
                Arguments.of(path(ADMIN, "get", "/metrics"), true),
                Arguments.of(res(SUPER, "deletecollection", "default", "", "secrets", "", ""), true),
                Arguments.of(res(JANE, "list", "default", "", "pods", "", ""), false),
                Arguments.of(res(JANE, "list", "dev", "", "pods", "", ""), true),
                Arguments.of(res(JANE, "get", "dev", "", "pods", "log", "web-1"), true),
                Arguments.of(res(JANE, "create", "dev", "", "pods", "exec", "web-1"), false),
                Arguments.of(res(JANE, "delete", "dev", "", "pods", "", "web-1"), false),
                Arguments.of(res(JANE, "list", "", "", "pods", "", ""), false),
                Arguments.of(res(JANE, "get", "dev", "", "configmaps", "", "app-config"), true),
                Arguments.of(res(JANE, "update", "dev", "", "configmaps", "", "app-config"), true),
                Arguments.of(res(JANE, "get", "dev", "", "configmaps", "", "other"), false),
                Arguments.of(res(JANE, "list", "dev", "", "configmaps", "", ""), false),
                Arguments.of(res(JANE, "create", "", "authorization.k8s.io", "selfsubjectaccessreviews", "", ""), true),
                Arguments.of(path(JANE, "get", "/apis/apps/v1"), true),
                Arguments.of(path(JANE, "get", "/metrics"), false),
                Arguments.of(path(ANON, "get", "/healthz"), true),
                Arguments.of(path(ANON, "get", "/version"), true),
                Arguments.of(path(ANON, "get", "/api"), false),
                Arguments.of(res(ANON, "list", "default", "", "pods", "", ""), false),
                Arguments.of(res(BUILDER, "create", "dev", "apps", "deployments", "", ""), true),
                Arguments.of(res(BUILDER, "patch", "dev", "apps", "deployments", "scale", "web"), true),
                Arguments.of(res(BUILDER, "get", "dev", "", "secrets", "", "s"), true),
                Arguments.of(res(BUILDER, "create", "dev", "rbac.authorization.k8s.io", "roles", "", ""), false),
                Arguments.of(res(BUILDER, "create", "other", "apps", "deployments", "", ""), false),
                Arguments.of(res(QA, "list", "qa", "apps", "deployments", "", ""), true),
                Arguments.of(res(QA, "get", "qa", "", "pods", "log", "p"), true),
                Arguments.of(res(QA, "get", "qa", "", "secrets", "", "s"), false),
                Arguments.of(res(QA, "create", "qa", "", "pods", "", ""), false),
                Arguments.of(res(NODE, "patch", "", "", "nodes", "status", "n1"), true),
                Arguments.of(res(NODE, "update", "", "coordination.k8s.io", "leases", "", "n1"), true),
                Arguments.of(res(NODE, "delete", "", "", "nodes", "", "n1"), false),
                Arguments.of(res(NODE, "create", "default", "apps", "deployments", "", ""), false),
                Arguments.of(res(SCHED, "create", "default", "", "pods", "binding", "p"), true),
                Arguments.of(res(SCHED, "update", "kube-system", "coordination.k8s.io", "leases", "", "kube-scheduler"), true),
                Arguments.of(res(SCHED, "update", "kube-system", "coordination.k8s.io", "leases", "", "other"), false),
                Arguments.of(res(SCHED, "create", "default", "", "pods", "", ""), false),
                Arguments.of(res(SCHED, "update", "kube-system", "", "configmaps", "", "kube-scheduler"), true),
                Arguments.of(res(SCHED, "update", "kube-system", "", "configmaps", "", "kube-proxy"), false),
                Arguments.of(res(KCM, "watch", "", "apps", "deployments", "", ""), true),
                Arguments.of(res(KCM, "delete", "default", "apps", "deployments", "", "web"), false));
    }

    @ParameterizedTest(name = "[{index}] {0} → {1}")
    @MethodSource("table")
    void decides(Attributes a, boolean allowed) {
        Authorizer.Result r = authorizer.authorize(a);
        assertThat(r.decision() == Authorizer.Decision.ALLOW).as(r.reason()).isEqualTo(allowed);
    }

    @Test
    void allowReasonNamesTheBinding() {
        assertThat(authorizer.authorize(res(JANE, "list", "dev", "", "pods", "", "")).reason())
                .isEqualTo("RBAC: allowed by RoleBinding \"jane-pods/dev\" of Role \"pod-reader\" to User \"jane\"");
        assertThat(authorizer.authorize(res(ADMIN, "list", "", "", "nodes", "", "")).reason())
                .isEqualTo("RBAC: allowed by ClusterRoleBinding \"kubeadm:cluster-admins\" of ClusterRole \"cluster-admin\" to Group \"kubeadm:cluster-admins\"");
        assertThat(authorizer.authorize(res(BUILDER, "list", "dev", "", "pods", "", "")).reason())
                .isEqualTo("RBAC: allowed by RoleBinding \"builder-edit/dev\" of ClusterRole \"edit\" to ServiceAccount \"builder/dev\"");
    }

    @Test
    void systemMastersNeedsNoBinding() {
        Authorizer empty = Authorizers.standard(new InMemoryObjectReader());
        assertThat(empty.authorize(res(SUPER, "delete", "", "", "namespaces", "", "x")).decision()).isEqualTo(Authorizer.Decision.ALLOW);
        assertThat(empty.authorize(res(ADMIN, "delete", "", "", "namespaces", "", "x")).decision()).isEqualTo(Authorizer.Decision.NO_OPINION);
    }

    @Test
    void missingRoleIsTheReason() {
        reader.putJson(RB, "{'metadata':{'name':'dangling','namespace':'dev'},'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'Role','name':'gone'},'subjects':[{'kind':'User','name':'jane'}]}");
        Authorizer.Result r = authorizer.authorize(res(JANE, "delete", "dev", "", "pods", "", "x"));
        assertThat(r.decision()).isEqualTo(Authorizer.Decision.NO_OPINION);
        assertThat(r.reason()).isEqualTo("RBAC: role.rbac.authorization.k8s.io \"gone\" not found");
        assertThat(Forbidden.error(res(JANE, "delete", "dev", "", "pods", "", "x"), r.reason()).getMessage())
                .isEqualTo("pods \"x\" is forbidden: User \"jane\" cannot delete resource \"pods\" in API group \"\" in the namespace \"dev\": RBAC: role.rbac.authorization.k8s.io \"gone\" not found");
    }

    @Test
    void aggregationPicksUpNewRolesAtOnce() {
        Attributes a = res(QA, "list", "qa", "example.com", "widgets", "", "");
        assertThat(authorizer.authorize(a).decision()).isEqualTo(Authorizer.Decision.NO_OPINION);
        reader.putJson(CR, "{'metadata':{'name':'widget-viewer','labels':{'rbac.authorization.k8s.io/aggregate-to-view':'true'}},'rules':[{'apiGroups':['example.com'],'resources':['widgets'],'verbs':['get','list']}]}");
        assertThat(authorizer.authorize(a).decision()).isEqualTo(Authorizer.Decision.ALLOW);
        // view aggregates into edit, edit into admin: the selector chain, not a copy, decides
        assertThat(authorizer.authorize(res(BUILDER, "list", "dev", "example.com", "widgets", "", "")).decision())
                .isEqualTo(Authorizer.Decision.ALLOW);
    }

    @Test
    void forbiddenMessagesMatchKubeApiserver() {
        StatusError list = Forbidden.error(res(JANE, "list", "default", "", "pods", "", ""), "");
        assertThat(list.code()).isEqualTo(403);
        assertThat(list.reason()).isEqualTo("Forbidden");
        assertThat(list.kind()).isEqualTo("pods");
        assertThat(list.getMessage()).isEqualTo(
                "pods is forbidden: User \"jane\" cannot list resource \"pods\" in API group \"\" in the namespace \"default\"");
        assertThat(Forbidden.error(res(JANE, "list", "", "", "nodes", "", ""), "").getMessage()).isEqualTo(
                "nodes is forbidden: User \"jane\" cannot list resource \"nodes\" in API group \"\" at the cluster scope");
        assertThat(Forbidden.error(res(JANE, "get", "dev", "apps", "deployments", "", "web"), "").getMessage()).isEqualTo(
                "deployments.apps \"web\" is forbidden: User \"jane\" cannot get resource \"deployments\" in API group \"apps\" in the namespace \"dev\"");
        assertThat(Forbidden.error(res(JANE, "create", "dev", "", "pods", "exec", "web-1"), "").getMessage()).isEqualTo(
                "pods \"web-1\" is forbidden: User \"jane\" cannot create resource \"pods/exec\" in API group \"\" in the namespace \"dev\"");
        assertThat(Forbidden.error(path(ANON, "get", "/api"), "").getMessage()).isEqualTo(
                "forbidden: User \"system:anonymous\" cannot get path \"/api\"");
    }

    @Test
    void accessReviewsAnswerKubectlAuthCanI() throws Exception {
        ObjectMapper json = new ObjectMapper();
        AccessReviews reviews = AccessReviews.standard(reader);
        ObjectNode ssar = (ObjectNode) json.readTree("""
                {"kind":"SelfSubjectAccessReview","apiVersion":"authorization.k8s.io/v1","metadata":{"creationTimestamp":null},
                 "spec":{"resourceAttributes":{"namespace":"dev","verb":"get","resource":"pods","subresource":"log"}},"status":{"allowed":false}}""");
        ObjectNode yes = reviews.selfSubjectAccessReview(ssar, JANE);
        assertThat(yes.path("status").path("allowed").asBoolean()).isTrue();
        assertThat(yes.path("status").path("reason").asText()).startsWith("RBAC: allowed by RoleBinding \"jane-pods/dev\"");
        assertThat(yes.path("spec")).isEqualTo(ssar.path("spec"));
        ((ObjectNode) ssar.path("spec").path("resourceAttributes")).put("namespace", "default");
        ObjectNode no = reviews.selfSubjectAccessReview(ssar, JANE);
        assertThat(no.path("status").path("allowed").asBoolean()).isFalse();
        assertThat(no.path("status").has("denied")).isFalse();

        ObjectNode sar = (ObjectNode) json.readTree("""
                {"kind":"SubjectAccessReview","apiVersion":"authorization.k8s.io/v1",
                 "spec":{"user":"quinn","groups":["qa"],"resourceAttributes":{"namespace":"qa","verb":"list","group":"apps","resource":"deployments"}}}""");
        assertThat(reviews.subjectAccessReview(sar).path("status").path("allowed").asBoolean()).isTrue();

        ObjectNode nonResource = (ObjectNode) json.readTree("""
                {"spec":{"nonResourceAttributes":{"path":"/healthz","verb":"get"}}}""");
        assertThat(reviews.selfSubjectAccessReview(nonResource, ANON).path("status").path("allowed").asBoolean()).isTrue();

        ObjectNode empty = (ObjectNode) json.readTree("{\"spec\":{}}");
        StatusError invalid = org.assertj.core.api.Assertions.catchThrowableOfType(StatusError.class,
                () -> reviews.selfSubjectAccessReview(empty, JANE));
        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.getMessage()).isEqualTo("SelfSubjectAccessReview.authorization.k8s.io \"\" is invalid: spec.resourceAttributes: "
                + "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
    }

    @Test
    void rulesReviewListsWhatApplies() throws Exception {
        AccessReviews reviews = AccessReviews.standard(reader);
        ObjectNode req = (ObjectNode) new ObjectMapper().readTree("{\"spec\":{\"namespace\":\"dev\"}}");
        ObjectNode status = (ObjectNode) reviews.selfSubjectRulesReview(req, JANE).path("status");
        assertThat(status.path("resourceRules").toString())
                .contains("{\"verbs\":[\"get\",\"list\",\"watch\"],\"apiGroups\":[\"\"],\"resources\":[\"pods\"]}")
                .contains("\"resourceNames\":[\"app-config\"]")
                .contains("selfsubjectaccessreviews");
        assertThat(status.path("nonResourceRules").toString()).contains("/healthz");
        assertThat(status.path("incomplete").asBoolean()).isFalse();
        ObjectNode masters = (ObjectNode) reviews.selfSubjectRulesReview(req, SUPER).path("status");
        assertThat(masters.path("resourceRules").get(0).toString()).isEqualTo("{\"verbs\":[\"*\"],\"apiGroups\":[\"*\"],\"resources\":[\"*\"]}");
    }
}
