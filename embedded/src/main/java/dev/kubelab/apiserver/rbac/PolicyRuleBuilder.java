package dev.kubelab.apiserver.rbac;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * rbacv1helpers.NewRule(verbs...).Groups(...).Resources(...).Names(...).URLs(...) as in
 * pkg/apis/rbac/v1/helpers.go, so the bootstrap policy reads like bootstrappolicy/policy.go.
 */
public final class PolicyRuleBuilder {

    private final List<String> verbs;
    private List<String> groups = List.of();
    private List<String> resources = List.of();
    private List<String> names = List.of();
    private List<String> urls = List.of();

    private PolicyRuleBuilder(List<String> verbs) {
        this.verbs = verbs;
    }

    public static PolicyRuleBuilder rule(String... verbs) {
        return new PolicyRuleBuilder(List.of(verbs));
    }

    public static PolicyRuleBuilder rule(List<String> verbs) {
        return new PolicyRuleBuilder(List.copyOf(verbs));
    }

    public PolicyRuleBuilder groups(String... g) { groups = List.of(g); return this; }
    public PolicyRuleBuilder resources(String... r) { resources = List.of(r); return this; }
    public PolicyRuleBuilder names(String... n) { names = List.of(n); return this; }
    public PolicyRuleBuilder urls(String... u) { urls = List.of(u); return this; }

    /** The rule as rbac/v1 JSON, fields in the order the API server serialises them. */
    public ObjectNode build() {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        if (!groups.isEmpty()) array(r, "apiGroups", groups);
        if (!urls.isEmpty()) array(r, "nonResourceURLs", urls);
        if (!names.isEmpty()) array(r, "resourceNames", names);
        if (!resources.isEmpty()) array(r, "resources", resources);
        array(r, "verbs", verbs);
        return r;
    }

    private static void array(ObjectNode r, String field, List<String> values) {
        ArrayNode a = r.putArray(field);
        values.forEach(a::add);
    }
}
