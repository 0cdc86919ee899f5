package dev.kubelab.apiserver.rbac;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class BootstrapPolicyTest {

    @Test
    void everyDefaultObjectIsLabelledAndAnnotatedLikeKubeApiserversOwn() {
        List<ObjectNode> all = new java.util.ArrayList<>(BootstrapPolicy.clusterRoles());
        all.addAll(BootstrapPolicy.clusterRoleBindings());
        all.addAll(BootstrapPolicy.namespaceRoles());
        all.addAll(BootstrapPolicy.namespaceRoleBindings());
        Set<String> kubeadm = Set.of("kubeadm:cluster-admins", "kubeadm:node-proxier");
        for (ObjectNode o : all) {
            JsonNode meta = o.path("metadata");
            if (kubeadm.contains(meta.path("name").asText())) {
                assertThat(meta.has("labels")).as(meta.toString()).isFalse();
                continue;
            }
            assertThat(meta.path("labels").path("kubernetes.io/bootstrapping").asText()).as(meta.toString()).isEqualTo("rbac-defaults");
            assertThat(meta.path("annotations").path("rbac.authorization.kubernetes.io/autoupdate").asText()).isEqualTo("true");
            assertThat(o.path("apiVersion").asText()).isEqualTo("rbac.authorization.k8s.io/v1");
        }
    }

    @Test
    void namesAreUniqueAndBindingsReferenceExistingRoles() {
        List<String> roleNames = BootstrapPolicy.clusterRoles().stream().map(r -> r.path("metadata").path("name").asText()).toList();
        assertThat(new HashSet<>(roleNames)).hasSameSizeAs(roleNames);
        assertThat(roleNames).contains("cluster-admin", "admin", "edit", "view", "system:basic-user", "system:discovery",
                "system:public-info-viewer", "system:kube-scheduler", "system:kube-controller-manager", "system:node",
                "system:node-proxier", "system:controller:deployment-controller", "system:controller:replicaset-controller");
        for (ObjectNode b : BootstrapPolicy.clusterRoleBindings()) {
            assertThat(roleNames).as(b.toString()).contains(b.path("roleRef").path("name").asText());
        }
        Set<String> nsRoles = BootstrapPolicy.namespaceRoles().stream()
                .map(r -> r.path("metadata").path("namespace").asText() + "/" + r.path("metadata").path("name").asText())
                .collect(Collectors.toSet());
        for (ObjectNode b : BootstrapPolicy.namespaceRoleBindings()) {
            assertThat(nsRoles).contains(b.path("metadata").path("namespace").asText() + "/" + b.path("roleRef").path("name").asText());
        }
        assertThat(BootstrapPolicy.clusterRoleBindings().stream().filter(b -> b.path("metadata").path("name").asText().equals("kubeadm:cluster-admins")))
                .singleElement().satisfies(b -> assertThat(b.path("subjects").get(0).path("name").asText()).isEqualTo("kubeadm:cluster-admins"));
    }

    @Test
    void everyObjectIsAValidRbacObjectForFabric8() {
        for (ObjectNode o : BootstrapPolicy.clusterRoles()) {
            ClusterRole r = Serialization.unmarshal(o.toString(), ClusterRole.class);
            assertThat(r.getRules()).as(r.getMetadata().getName()).hasSize(o.path("rules").size()).isNotEmpty();
            r.getRules().forEach(rule -> {
                assertThat(rule.getVerbs()).isNotEmpty();
                assertThat(rule.getNonResourceURLs().isEmpty()).isEqualTo(!rule.getApiGroups().isEmpty() || !rule.getResources().isEmpty());
            });
        }
        for (ObjectNode o : BootstrapPolicy.clusterRoleBindings()) {
            ClusterRoleBinding b = Serialization.unmarshal(o.toString(), ClusterRoleBinding.class);
            assertThat(b.getRoleRef().getKind()).isEqualTo("ClusterRole");
        }
        for (ObjectNode o : BootstrapPolicy.namespaceRoles()) assertThat(Serialization.unmarshal(o.toString(), Role.class).getKind()).isEqualTo("Role");
        for (ObjectNode o : BootstrapPolicy.namespaceRoleBindings()) {
            assertThat(Serialization.unmarshal(o.toString(), RoleBinding.class).getRoleRef().getKind()).isEqualTo("Role");
        }
    }

    @Test
    void adminEditViewAggregateThroughLabels() {
        ObjectNode view = BootstrapPolicy.clusterRoles().stream().filter(r -> r.path("metadata").path("name").asText().equals("view")).findFirst().orElseThrow();
        assertThat(view.path("aggregationRule").path("clusterRoleSelectors").get(0).path("matchLabels").path("rbac.authorization.k8s.io/aggregate-to-view").asText()).isEqualTo("true");
        assertThat(view.path("metadata").path("labels").path("rbac.authorization.k8s.io/aggregate-to-edit").asText()).isEqualTo("true");
        assertThat(view.path("rules").toString()).contains("pods/log").doesNotContain("secrets");
    }
}
