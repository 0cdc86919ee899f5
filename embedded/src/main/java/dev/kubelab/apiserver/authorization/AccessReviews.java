package dev.kubelab.apiserver.authorization;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.rbac.BootstrapPolicy;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The authorization.k8s.io/v1 review resources as pure functions from the request body to the response body
 * (pkg/registry/authorization/*): SelfSubjectAccessReview and SubjectAccessReview / LocalSubjectAccessReview ask
 * the authorizer chain about one request ({@code kubectl auth can-i list pods}); SelfSubjectRulesReview lists the
 * rules that apply in a namespace ({@code kubectl auth can-i --list}). The responses echo the request with a
 * {@code status}, as kube-apiserver does (nothing is stored).
 */
public final class AccessReviews {

    private static final String GROUP = "authorization.k8s.io";
    private final Authorizer authorizer;
    private final RuleResolver resolver;

    public AccessReviews(Authorizer authorizer, ObjectReader reader) {
        this.authorizer = authorizer;
        this.resolver = new RuleResolver(reader);
    }

    /** Over kubeadm's chain (Authorizers.standard). */
    public static AccessReviews standard(ObjectReader reader) {
        return new AccessReviews(Authorizers.standard(reader), reader);
    }

    public ObjectNode selfSubjectAccessReview(ObjectNode request, UserInfo requester) {
        JsonNode spec = request.path("spec");
        checkExactlyOne("SelfSubjectAccessReview", spec);
        return respond(request, attributes(spec, requester, null));
    }

    public ObjectNode subjectAccessReview(ObjectNode request) {
        JsonNode spec = request.path("spec");
        checkExactlyOne("SubjectAccessReview", spec);
        if (spec.path("user").asText("").isEmpty() && spec.path("groups").isEmpty()) {
            throw invalid("SubjectAccessReview", "spec.user", "Invalid value: \"\": at least one of user or group must be specified");
        }
        return respond(request, attributes(spec, subject(spec), null));
    }

    /** namespace is the request path's namespace, which must equal spec.resourceAttributes.namespace. */
    public ObjectNode localSubjectAccessReview(ObjectNode request, String namespace) {
        JsonNode spec = request.path("spec");
        checkExactlyOne("LocalSubjectAccessReview", spec);
        if (spec.has("nonResourceAttributes")) {
            throw invalid("LocalSubjectAccessReview", "spec.nonResourceAttributes",
                    "Invalid value: \"object\": disallowed on this kind of request");
        }
        String specNs = spec.path("resourceAttributes").path("namespace").asText("");
        if (!specNs.equals(namespace)) {
            throw invalid("LocalSubjectAccessReview", "spec.resourceAttributes.namespace",
                    "Invalid value: \"" + specNs + "\": must match metadata.namespace");
        }
        return respond(request, attributes(spec, subject(spec), namespace));
    }

    /** The rules that apply to requester in spec.namespace, as the authorizers' RulesFor report them. */
    public ObjectNode selfSubjectRulesReview(ObjectNode request, UserInfo requester) {
        String namespace = request.path("spec").path("namespace").asText("");
        ObjectNode response = echo(request);
        ObjectNode status = response.putObject("status");
        ArrayNode resourceRules = status.putArray("resourceRules");
        ArrayNode nonResourceRules = status.putArray("nonResourceRules");
        boolean incomplete = false;
        List<JsonNode> rules = new ArrayList<>();
        if (requester.groups().contains(Authorizers.SYSTEM_MASTERS)) {
            resourceRules.addObject().set("verbs", strings("*"));
            ((ObjectNode) resourceRules.get(0)).set("apiGroups", strings("*"));
            ((ObjectNode) resourceRules.get(0)).set("resources", strings("*"));
            nonResourceRules.addObject().set("verbs", strings("*"));
            ((ObjectNode) nonResourceRules.get(0)).set("nonResourceURLs", strings("*"));
        }
        if (NodeAuthorizer.isNode(requester.name(), requester.groups())) {
            rules.addAll(BootstrapPolicy.nodeRules());
            incomplete = true; // the Node authorizer's graph-based grants are not enumerable
        }
        List<String> errors = new ArrayList<>();
        rules.addAll(resolver.rulesFor(requester, namespace, errors));
        for (JsonNode rule : rules) {
            if (rule.has("nonResourceURLs")) {
                ObjectNode r = nonResourceRules.addObject();
                r.set("verbs", rule.path("verbs").deepCopy());
                r.set("nonResourceURLs", rule.path("nonResourceURLs").deepCopy());
            } else {
                ObjectNode r = resourceRules.addObject();
                r.set("verbs", rule.path("verbs").deepCopy());
                if (rule.has("apiGroups")) r.set("apiGroups", rule.get("apiGroups").deepCopy());
                if (rule.has("resources")) r.set("resources", rule.get("resources").deepCopy());
                if (rule.has("resourceNames")) r.set("resourceNames", rule.get("resourceNames").deepCopy());
            }
        }
        status.put("incomplete", incomplete || !errors.isEmpty());
        if (!errors.isEmpty()) status.put("evaluationError", RbacAuthorizer.aggregate(errors));
        return response;
    }

    /** The request as authorizer Attributes (resourceAttributes or nonResourceAttributes of the spec). */
    public static Attributes attributes(JsonNode spec, UserInfo user, String namespaceOverride) {
        JsonNode ra = spec.path("resourceAttributes");
        if (ra.isObject()) {
            String ns = namespaceOverride != null ? namespaceOverride : ra.path("namespace").asText("");
            return new Attributes(user, ra.path("verb").asText(""), ns, ra.path("group").asText(""),
                    ra.path("resource").asText(""), ra.path("subresource").asText(""), ra.path("name").asText(""), true, null);
        }
        JsonNode nra = spec.path("nonResourceAttributes");
        return new Attributes(user, nra.path("verb").asText(""), "", "", "", "", "", false, nra.path("path").asText(""));
    }

    private ObjectNode respond(ObjectNode request, Attributes attributes) {
        Authorizer.Result result = authorizer.authorize(attributes);
        ObjectNode response = echo(request);
        ObjectNode status = response.putObject("status");
        status.put("allowed", result.decision() == Authorizer.Decision.ALLOW);
        if (result.decision() == Authorizer.Decision.DENY) status.put("denied", true);
        if (result.reason() != null && !result.reason().isEmpty()) status.put("reason", result.reason());
        return response;
    }

    private static ObjectNode echo(ObjectNode request) {
        ObjectNode response = request.deepCopy();
        response.remove("status");
        if (!response.has("metadata")) response.putObject("metadata");
        ObjectNode meta = (ObjectNode) response.get("metadata");
        if (!meta.has("creationTimestamp")) meta.putNull("creationTimestamp");
        return response;
    }

    private static UserInfo subject(JsonNode spec) {
        List<String> groups = new ArrayList<>();
        spec.path("groups").forEach(g -> groups.add(g.asText()));
        return new UserInfo(spec.path("user").asText(""), List.copyOf(groups));
    }

    private static void checkExactlyOne(String kind, JsonNode spec) {
        boolean r = spec.path("resourceAttributes").isObject();
        boolean n = spec.path("nonResourceAttributes").isObject();
        if (r && n) throw invalid(kind, "spec.nonResourceAttributes",
                "Invalid value: \"object\": cannot be specified in combination with resourceAttributes");
        if (!r && !n) throw invalid(kind, "spec.resourceAttributes",
                "Invalid value: \"null\": exactly one of nonResourceAttributes or resourceAttributes must be specified");
    }

    private static StatusError invalid(String kind, String field, String message) {
        return new StatusError(422, "Invalid", kind + "." + GROUP + " \"\" is invalid: " + field + ": " + message,
                GROUP, kind, "", List.of(new StatusError.Cause("FieldValueInvalid", message, field)), null);
    }

    private static ArrayNode strings(String... values) {
        ArrayNode a = com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
        for (String v : values) a.add(v);
        return a;
    }
}
