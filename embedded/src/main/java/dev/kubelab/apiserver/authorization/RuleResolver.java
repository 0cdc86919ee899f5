package dev.kubelab.apiserver.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * RBAC's DefaultRuleResolver.VisitRulesFor: walks the ClusterRoleBindings, then the RoleBindings of the request's
 * namespace, whose subjects match the user, and visits the rules of the role each one references. A ClusterRole
 * with an aggregationRule also contributes the rules of the ClusterRoles its selectors match (what the
 * clusterrole-aggregation controller would have copied into it). A binding to a missing role is an error
 * that ends up in the authorizer's reason.
 */
public final class RuleResolver {

    static final String CLUSTER_ROLES = "clusterroles.rbac.authorization.k8s.io";
    static final String CLUSTER_ROLE_BINDINGS = "clusterrolebindings.rbac.authorization.k8s.io";
    static final String ROLES = "roles.rbac.authorization.k8s.io";
    static final String ROLE_BINDINGS = "rolebindings.rbac.authorization.k8s.io";

    private final ObjectReader reader;

    public RuleResolver(ObjectReader reader) {
        this.reader = reader;
    }

    /** Receives each applicable rule with a description of where it came from; returns false to stop. */
    public interface Visitor {
        boolean visit(String source, JsonNode rule, String error);
    }

    public void visitRulesFor(UserInfo user, String namespace, Visitor visitor) {
        for (ObjectNode crb : reader.list(CLUSTER_ROLE_BINDINGS, null)) {
            String bindingName = crb.path("metadata").path("name").asText();
            for (JsonNode subject : crb.path("subjects")) {
                if (!appliesTo(user, subject, "")) continue;
                JsonNode roleRef = crb.path("roleRef");
                String source = "ClusterRoleBinding \"" + bindingName + "\" of " + roleRef.path("kind").asText() + " \""
                        + roleRef.path("name").asText() + "\" to " + describe(subject, "");
                if (!visitRoleRef(roleRef, "", source, visitor)) return;
                break;
            }
        }
        if (namespace == null || namespace.isEmpty()) return;
        for (ObjectNode rb : reader.list(ROLE_BINDINGS, namespace)) {
            String bindingName = rb.path("metadata").path("name").asText();
            for (JsonNode subject : rb.path("subjects")) {
                if (!appliesTo(user, subject, namespace)) continue;
                JsonNode roleRef = rb.path("roleRef");
                String source = "RoleBinding \"" + bindingName + "/" + namespace + "\" of " + roleRef.path("kind").asText()
                        + " \"" + roleRef.path("name").asText() + "\" to " + describe(subject, namespace);
                if (!visitRoleRef(roleRef, namespace, source, visitor)) return;
                break;
            }
        }
    }

    /** All rules that apply to user in namespace (for SelfSubjectRulesReview); errors are collected. */
    public List<JsonNode> rulesFor(UserInfo user, String namespace, List<String> errors) {
        List<JsonNode> rules = new ArrayList<>();
        visitRulesFor(user, namespace, (source, rule, error) -> {
            if (rule != null) rules.add(rule);
            if (error != null) errors.add(error);
            return true;
        });
        return rules;
    }

    private boolean visitRoleRef(JsonNode roleRef, String bindingNamespace, String source, Visitor visitor) {
        String kind = roleRef.path("kind").asText();
        String name = roleRef.path("name").asText();
        List<JsonNode> rules;
        if ("ClusterRole".equals(kind)) {
            Optional<ObjectNode> role = reader.get(CLUSTER_ROLES, null, name);
            if (role.isEmpty()) return visitor.visit(null, null, "clusterrole.rbac.authorization.k8s.io \"" + name + "\" not found");
            rules = clusterRoleRules(role.get());
        } else if ("Role".equals(kind) && !bindingNamespace.isEmpty()) {
            Optional<ObjectNode> role = reader.get(ROLES, bindingNamespace, name);
            if (role.isEmpty()) return visitor.visit(null, null, "role.rbac.authorization.k8s.io \"" + name + "\" not found");
            rules = new ArrayList<>();
            role.get().path("rules").forEach(rules::add);
        } else {
            return visitor.visit(null, null, "unsupported role reference kind: \"" + kind + "\"");
        }
        for (JsonNode rule : rules) if (!visitor.visit(source, rule, null)) return false;
        return true;
    }

    /** Own rules plus, for an aggregated ClusterRole, the rules of every ClusterRole its selectors pick. */
    List<JsonNode> clusterRoleRules(ObjectNode role) {
        return clusterRoleRules(role, new java.util.HashSet<>());
    }

    /** Transitively: view aggregates into edit and edit into admin, as repeated controller passes would leave them. */
    private List<JsonNode> clusterRoleRules(ObjectNode role, java.util.Set<String> visited) {
        List<JsonNode> rules = new ArrayList<>();
        visited.add(role.path("metadata").path("name").asText());
        role.path("rules").forEach(rules::add);
        JsonNode selectors = role.path("aggregationRule").path("clusterRoleSelectors");
        if (selectors.isArray() && !selectors.isEmpty()) {
            for (ObjectNode other : reader.list(CLUSTER_ROLES, null)) {
                if (visited.contains(other.path("metadata").path("name").asText())) continue;
                for (JsonNode selector : selectors) {
                    if (dev.kubelab.apimachinery.LabelSelectors.matches(selector, other.path("metadata").path("labels"))) {
                        for (JsonNode r : clusterRoleRules(other, visited)) if (!rules.contains(r)) rules.add(r);
                        break;
                    }
                }
            }
        }
        return rules;
    }

    /** RBAC's appliesToUser. */
    static boolean appliesTo(UserInfo user, JsonNode subject, String bindingNamespace) {
        String name = subject.path("name").asText();
        switch (subject.path("kind").asText()) {
            case "User":
                return user.name().equals(name);
            case "Group":
                return user.groups().contains(name);
            case "ServiceAccount":
                String ns = subject.path("namespace").asText("");
                if (ns.isEmpty()) ns = bindingNamespace;
                if (ns.isEmpty()) return false;
                return user.name().equals("system:serviceaccount:" + ns + ":" + name);
            default:
                return false;
        }
    }

    /** describeSubject in rbac.go: ServiceAccount "name/namespace", others Kind "name". */
    static String describe(JsonNode subject, String bindingNamespace) {
        String kind = subject.path("kind").asText();
        String name = subject.path("name").asText();
        if ("ServiceAccount".equals(kind)) {
            String ns = subject.path("namespace").asText("");
            return kind + " \"" + name + "/" + (ns.isEmpty() ? bindingNamespace : ns) + "\"";
        }
        return kind + " \"" + name + "\"";
    }
}
