package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.authentication.AuthenticationReviews;
import dev.kubelab.apiserver.authentication.Authenticator;
import dev.kubelab.apiserver.authentication.ServiceAccountTokens;
import dev.kubelab.apiserver.authorization.AccessReviews;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.ObjectReader;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.util.List;

/**
 * The create-only resources that are computed, never stored: authorization.k8s.io's access reviews
 * ({@code kubectl auth can-i}), authentication.k8s.io's SelfSubjectReview ({@code kubectl auth whoami}) and
 * TokenReview, and serviceaccounts/token ({@code kubectl create token}). Decoding and routing only: the
 * answers come from {@link AccessReviews} and {@link AuthenticationReviews}.
 */
public final class Reviews {

    private final AccessReviews access;
    private final Authenticator authenticator;
    private final ServiceAccountTokens tokens;
    private final ObjectReader reader;

    /** authenticator and tokens are null on a plain-HTTP server (no PKI, no service-account keys). */
    public Reviews(AccessReviews access, Authenticator authenticator, ServiceAccountTokens tokens, ObjectReader reader) {
        this.access = access;
        this.authenticator = authenticator;
        this.tokens = tokens;
        this.reader = reader;
    }

    public static boolean handles(ResourceInfo ri, String subresource) {
        return ri.group().equals("authorization.k8s.io") || ri.group().equals("authentication.k8s.io")
                || (ri.groupResource().equals("serviceaccounts") && "token".equals(subresource));
    }

    public Response handle(ApiRequest req, ResourceInfo ri) {
        if (!req.info().verb().equals("create")) throw StatusError.methodNotSupported(ri.group(), ri.resource(), req.info().verb());
        ObjectNode body = Json.parseObject(req.body(), req.yamlBody());
        return switch (ri.groupResource()) {
            case "selfsubjectaccessreviews.authorization.k8s.io" -> created(access.selfSubjectAccessReview(typed(body, ri), req.user()));
            case "subjectaccessreviews.authorization.k8s.io" -> created(access.subjectAccessReview(typed(body, ri)));
            case "localsubjectaccessreviews.authorization.k8s.io" ->
                    created(access.localSubjectAccessReview(typed(body, ri), req.info().namespace()));
            case "selfsubjectrulesreviews.authorization.k8s.io" -> created(access.selfSubjectRulesReview(typed(body, ri), req.user()));
            case "selfsubjectreviews.authentication.k8s.io" -> created(AuthenticationReviews.selfSubjectReview(req.user()));
            case "tokenreviews.authentication.k8s.io" -> {
                if (authenticator == null) throw StatusError.methodNotSupported(ri.group(), ri.resource(), "create");
                yield created(AuthenticationReviews.tokenReview(typed(body, ri), authenticator, List.of(tokens.issuer())));
            }
            case "serviceaccounts" -> tokenRequest(req, body);
            default -> throw StatusError.methodNotSupported(ri.group(), ri.resource(), "create");
        };
    }

    private Response tokenRequest(ApiRequest req, ObjectNode body) {
        if (tokens == null) {
            throw StatusError.badRequest("the server is not configured to issue service account tokens (plain HTTP without a PKI)");
        }
        String ns = req.info().namespace();
        String name = req.info().name();
        ObjectNode sa = reader.get("serviceaccounts", ns, name)
                .orElseThrow(() -> StatusError.notFound("", "serviceaccounts", name));
        ObjectNode pod = null;
        var ref = body.path("spec").path("boundObjectRef");
        if (ref.isObject() && "Pod".equals(ref.path("kind").asText())) {
            String podName = ref.path("name").asText();
            pod = reader.get("pods", ns, podName).orElseThrow(() -> StatusError.notFound("", "pods", podName));
        }
        return created(AuthenticationReviews.tokenRequest(body, sa, pod, tokens));
    }

    private static ObjectNode typed(ObjectNode body, ResourceInfo ri) {
        if (!body.has("kind")) body.put("kind", ri.kind());
        if (!body.has("apiVersion")) body.put("apiVersion", ri.apiVersion());
        return body;
    }

    private static Response created(ObjectNode o) {
        return Response.json(201, o);
    }
}
