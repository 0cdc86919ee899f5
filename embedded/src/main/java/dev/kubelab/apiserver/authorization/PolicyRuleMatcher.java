package dev.kubelab.apiserver.authorization;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Whether one rbac/v1 PolicyRule covers a request: RBAC's RuleAllows with the matchers of
 * k8s.io/component-helpers/auth/rbac/validation (VerbMatches, APIGroupMatches, ResourceMatches,
 * ResourceNameMatches, NonResourceURLMatches).
 */
public final class PolicyRuleMatcher {

    private PolicyRuleMatcher() {}

    public static boolean allows(Attributes a, JsonNode rule) {
        if (a.resourceRequest()) {
            String sub = a.subresource() == null ? "" : a.subresource();
            String combined = sub.isEmpty() ? a.resource() : a.resource() + "/" + sub;
            return verbMatches(rule, a.verb()) && apiGroupMatches(rule, nz(a.apiGroup()))
                    && resourceMatches(rule, combined, sub) && resourceNameMatches(rule, nz(a.name()));
        }
        return verbMatches(rule, a.verb()) && nonResourceUrlMatches(rule, a.path());
    }

    static boolean verbMatches(JsonNode rule, String verb) {
        for (JsonNode v : rule.path("verbs")) if (v.asText().equals("*") || v.asText().equals(verb)) return true;
        return false;
    }

    static boolean apiGroupMatches(JsonNode rule, String group) {
        for (JsonNode g : rule.path("apiGroups")) if (g.asText().equals("*") || g.asText().equals(group)) return true;
        return false;
    }

    /** "*" matches all; "pods/log" matches exactly; "*&#47;log" matches any resource's log subresource. */
    static boolean resourceMatches(JsonNode rule, String combined, String subresource) {
        for (JsonNode r : rule.path("resources")) {
            String res = r.asText();
            if (res.equals("*") || res.equals(combined)) return true;
            if (!subresource.isEmpty() && res.length() == subresource.length() + 2 && res.startsWith("*/")
                    && res.endsWith(subresource)) return true;
        }
        return false;
    }

    /** No resourceNames means every name; otherwise the request must name one of them (so list/create never match). */
    static boolean resourceNameMatches(JsonNode rule, String name) {
        JsonNode names = rule.path("resourceNames");
        if (names.isMissingNode() || names.isNull() || names.isEmpty()) return true;
        for (JsonNode n : names) if (n.asText().equals(name)) return true;
        return false;
    }

    /** "*" matches all; "/apis/*" matches by prefix; otherwise exact. */
    static boolean nonResourceUrlMatches(JsonNode rule, String path) {
        if (path == null) return false;
        for (JsonNode u : rule.path("nonResourceURLs")) {
            String url = u.asText();
            if (url.equals("*") || url.equals(path)) return true;
            if (url.endsWith("*") && path.startsWith(url.substring(0, url.length() - 1))) return true;
        }
        return false;
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
