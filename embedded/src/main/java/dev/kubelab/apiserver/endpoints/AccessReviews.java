package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.authorization.Attributes;
import dev.kubelab.apiserver.authorization.Authorizer;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.util.ArrayList;
import java.util.List;

/**
 * SelfSubjectAccessReview and SubjectAccessReview (what `kubectl auth can-i` posts): the
 * authorizer's decision for the described request, returned in status, never stored.
 */
public final class AccessReviews {

    private AccessReviews() {}

    public static Response create(ApiRequest req, ResourceInfo ri, Authorizer authorizer) {
        if (!req.method().equals("POST") || req.info().name() != null) {
            throw StatusError.methodNotSupported(ri.group(), ri.resource(), req.info().verb());
        }
        ObjectNode review = Json.parseObject(req.body(), req.yamlBody());
        ResourceHandler.checkTypeMeta(review, ri);
        JsonNode spec = review.path("spec");
        UserInfo user = req.user();
        if (ri.resource().equals("subjectaccessreviews")) {
            List<String> groups = new ArrayList<>();
            spec.path("groups").forEach(g -> groups.add(g.asText()));
            user = new UserInfo(spec.path("user").asText(""), groups);
        }
        Attributes a;
        JsonNode ra = spec.path("resourceAttributes");
        if (!ra.isMissingNode()) {
            a = new Attributes(user, ra.path("verb").asText(""), emptyToNull(ra.path("namespace").asText("")), ra.path("group").asText(""),
                    ra.path("resource").asText(""), emptyToNull(ra.path("subresource").asText("")), emptyToNull(ra.path("name").asText("")), true, null);
        } else {
            JsonNode nra = spec.path("nonResourceAttributes");
            a = new Attributes(user, nra.path("verb").asText(""), null, null, null, null, null, false, nra.path("path").asText(""));
        }
        Authorizer.Result r = authorizer.authorize(a);
        ObjectNode status = review.putObject("status");
        status.put("allowed", r.decision() == Authorizer.Decision.ALLOW);
        if (r.decision() == Authorizer.Decision.DENY) status.put("denied", true);
        if (r.reason() != null && !r.reason().isEmpty()) status.put("reason", r.reason());
        review.with("metadata").putNull("creationTimestamp");
        return Response.json(201, review);
    }

    private static String emptyToNull(String s) {
        return s.isEmpty() ? null : s;
    }
}
