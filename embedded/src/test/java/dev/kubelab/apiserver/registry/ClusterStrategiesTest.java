package dev.kubelab.apiserver.registry;

import static dev.kubelab.apiserver.registry.Fixtures.create;
import static dev.kubelab.apiserver.registry.Fixtures.lines;
import static dev.kubelab.apiserver.registry.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

/** RBAC, PriorityClass, PodDisruptionBudget, Lease and EndpointSlice strategies, and the lookup itself. */
class ClusterStrategiesTest {

    private static final String RBAC = "rbac.authorization.k8s.io";

    @Test
    void rolesNeedVerbsAndResources() {
        ResourceStrategy roles = Fixtures.strategy(RBAC, "Role", "roles", true);
        ObjectNode role = yaml("""
                metadata: {name: reader, namespace: default}
                rules:
                - apiGroups: [""]
                  resources: [pods]
                - resources: [pods]
                  verbs: [get]
                - nonResourceURLs: [/healthz]
                  verbs: [get]
                """);
        assertThat(lines(create(roles, role))).containsExactly(
                "rules[0].verbs: Required value: verbs must contain at least one value",
                "rules[1].apiGroups: Required value: resource rules must supply at least one api group",
                "rules[2].nonResourceURLs: Invalid value: []string{\"/healthz\"}: namespaced rules cannot apply to non-resource URLs");
        ResourceStrategy clusterRoles = Fixtures.strategy(RBAC, "ClusterRole", "clusterroles", false);
        assertThat(create(clusterRoles, yaml("metadata: {name: 'system:health'}\nrules: [{nonResourceURLs: [/healthz], verbs: [get]}]"))).isEmpty();
    }

    @Test
    void bindingsDefaultApiGroupsAndFreezeRoleRef() {
        ResourceStrategy bindings = Fixtures.strategy(RBAC, "RoleBinding", "rolebindings", true);
        ObjectNode rb = yaml("""
                metadata: {name: read-pods, namespace: default}
                roleRef: {kind: Role, name: reader}
                subjects: [{kind: User, name: jane}, {kind: ServiceAccount, name: ci, namespace: default}]
                """);
        assertThat(create(bindings, rb)).isEmpty();
        assertThat(rb.at("/roleRef/apiGroup").asText()).isEqualTo(RBAC);
        assertThat(rb.at("/subjects/0/apiGroup").asText()).isEqualTo(RBAC);
        ObjectNode changed = rb.deepCopy();
        changed.with("roleRef").put("name", "admin");
        assertThat(lines(bindings.validateUpdate(changed, rb))).containsExactly(
                "roleRef: Invalid value: rbac.RoleRef{APIGroup:\"rbac.authorization.k8s.io\", Kind:\"Role\", Name:\"admin\"}: cannot change roleRef");

        ResourceStrategy crbs = Fixtures.strategy(RBAC, "ClusterRoleBinding", "clusterrolebindings", false);
        assertThat(lines(create(crbs, yaml("""
                metadata: {name: x}
                roleRef: {kind: Role, name: r}
                subjects: [{kind: ServiceAccount, name: ci}, {kind: Robot, name: r2d2}]
                """)))).containsExactly(
                "roleRef.kind: Unsupported value: \"Role\": supported values: \"ClusterRole\"",
                "subjects[0].namespace: Required value",
                "subjects[1].kind: Unsupported value: \"Robot\": supported values: \"ServiceAccount\", \"User\", \"Group\"");
    }

    @Test
    void priorityClasses() {
        ResourceStrategy pcs = Fixtures.strategy("scheduling.k8s.io", "PriorityClass", "priorityclasses", false);
        ObjectNode pc = yaml("metadata: {name: high}\nvalue: 1000");
        assertThat(create(pcs, pc)).isEmpty();
        assertThat(pc.path("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
        ObjectNode bumped = pc.deepCopy().put("value", 2000);
        assertThat(lines(pcs.validateUpdate(bumped, pc))).containsExactly("value: Forbidden: may not be changed in an update.");
        assertThat(lines(create(pcs, yaml("metadata: {name: system-mine}\nvalue: 1"))))
                .containsExactly("metadata.name: Invalid value: \"system-mine\": priority class names with 'system-' prefix are reserved");
    }

    @Test
    void podDisruptionBudgets() {
        ResourceStrategy pdbs = Fixtures.strategy("policy", "PodDisruptionBudget", "poddisruptionbudgets", true);
        ObjectNode pdb = yaml("metadata: {name: web, namespace: default}\nspec: {minAvailable: 1, selector: {matchLabels: {app: web}}}");
        assertThat(create(pdbs, pdb)).isEmpty();
        assertThat(pdb.at("/status/disruptionsAllowed").asInt()).isZero();
        assertThat(pdb.at("/metadata/generation").asInt()).isEqualTo(1);
        assertThat(lines(create(pdbs, yaml("metadata: {name: x, namespace: default}\nspec: {minAvailable: 1, maxUnavailable: '120%'}"))))
                .containsExactly("spec: Invalid value: policy.PodDisruptionBudgetSpec{MinAvailable:1, MaxUnavailable:\"120%\"}: minAvailable and maxUnavailable cannot be both set",
                        "spec.maxUnavailable: Invalid value: \"120%\": must not be greater than 100%");
    }

    @Test
    void leasesAndEndpointSlices() {
        ResourceStrategy leases = Fixtures.strategy("coordination.k8s.io", "Lease", "leases", true);
        assertThat(lines(create(leases, yaml("metadata: {name: node-1, namespace: kube-node-lease}\nspec: {holderIdentity: node-1, leaseDurationSeconds: 0}"))))
                .containsExactly("spec.leaseDurationSeconds: Invalid value: 0: must be greater than 0");

        ResourceStrategy slices = Fixtures.strategy("discovery.k8s.io", "EndpointSlice", "endpointslices", true);
        ObjectNode slice = yaml("metadata: {name: web-abc, namespace: default}\naddressType: IPv4\nendpoints: [{addresses: []}]\nports: [{port: 80}]");
        assertThat(lines(create(slices, slice))).containsExactly("endpoints[0].addresses: Required value: must contain at least 1 address");
        assertThat(slice.at("/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(slice.at("/ports/0/name").asText()).isEmpty();
    }

    @Test
    void unknownResourcesGetTheGenericStrategy() {
        assertThat(Fixtures.strategy("example.com", "Widget", "widgets", true)).isSameAs(Strategies.GENERIC);
    }
}
