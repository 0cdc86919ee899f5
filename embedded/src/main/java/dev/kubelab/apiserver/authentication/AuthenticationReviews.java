package dev.kubelab.apiserver.authentication;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;

/**
 * The authentication.k8s.io/v1 review resources and the service-account TokenRequest, as pure functions from
 * request body to response body (pkg/registry/authentication/*, pkg/registry/core/serviceaccount/storage/token.go):
 * SelfSubjectReview ({@code kubectl auth whoami}), TokenReview (does this token authenticate, and as whom), and
 * TokenRequest ({@code kubectl create token sa}: POST serviceaccounts/&lt;name&gt;/token).
 */
public final class AuthenticationReviews {

    /** TokenRequest's default and minimum lifetimes (1 h; "may not specify a duration less than 10 minutes"). */
    public static final long DEFAULT_EXPIRATION_SECONDS = 3600, MIN_EXPIRATION_SECONDS = 600;

    private AuthenticationReviews() {}

    public static ObjectNode selfSubjectReview(UserInfo user) {
        ObjectNode r = JsonNodeFactory.instance.objectNode();
        r.put("kind", "SelfSubjectReview");
        r.put("apiVersion", "authentication.k8s.io/v1");
        r.putObject("metadata").put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        r.putObject("status").set("userInfo", userInfo(user));
        return r;
    }

    /** TokenReview: spec.token through the authenticators (anonymous never counts as authenticated). */
    public static ObjectNode tokenReview(ObjectNode request, Authenticator authenticator, List<String> apiAudiences) {
        ObjectNode response = request.deepCopy();
        response.remove("status");
        ObjectNode status = response.putObject("status");
        String token = request.path("spec").path("token").asText("");
        try {
            UserInfo u = token.isEmpty() ? null : authenticator.authenticate(null, token).orElse(null);
            if (u == null || u.name().equals(UserInfo.ANONYMOUS.name())) {
                status.put("authenticated", false).putObject("user");
            } else {
                status.put("authenticated", true).set("user", userInfo(u));
                ArrayNode aud = status.putArray("audiences");
                apiAudiences.forEach(aud::add);
            }
        } catch (StatusError e) {
            status.put("authenticated", false).putObject("user");
            status.put("error", "invalid bearer token");
        }
        return response;
    }

    /**
     * TokenRequest for serviceAccount (the stored object), optionally bound to a pod (the stored pod named by
     * spec.boundObjectRef). Returns the TokenRequest with status.token and status.expirationTimestamp.
     */
    public static ObjectNode tokenRequest(ObjectNode request, ObjectNode serviceAccount, ObjectNode boundPod,
                                          ServiceAccountTokens tokens) {
        JsonNode spec = request.path("spec");
        long seconds = spec.path("expirationSeconds").asLong(DEFAULT_EXPIRATION_SECONDS);
        String saName = serviceAccount.path("metadata").path("name").asText();
        String ns = serviceAccount.path("metadata").path("namespace").asText();
        if (seconds < MIN_EXPIRATION_SECONDS) {
            String msg = "may not specify a duration less than 10 minutes";
            throw new StatusError(422, "Invalid", "TokenRequest.authentication.k8s.io \"" + saName + "\" is invalid: "
                    + "spec.expirationSeconds: Invalid value: " + seconds + ": " + msg, "authentication.k8s.io", "TokenRequest",
                    saName, List.of(new StatusError.Cause("FieldValueInvalid", "Invalid value: " + seconds + ": " + msg,
                    "spec.expirationSeconds")), null);
        }
        List<String> audiences = new ArrayList<>();
        spec.path("audiences").forEach(a -> audiences.add(a.asText()));
        ServiceAccountTokens.BoundPod pod = boundPod == null ? null : new ServiceAccountTokens.BoundPod(
                boundPod.path("metadata").path("name").asText(), boundPod.path("metadata").path("uid").asText());
        Instant expiry = Instant.now().plusSeconds(seconds).truncatedTo(ChronoUnit.SECONDS);
        String token = tokens.issue(ns, saName, serviceAccount.path("metadata").path("uid").asText(""), audiences, seconds, pod);
        ObjectNode response = request.deepCopy();
        response.put("kind", "TokenRequest");
        response.put("apiVersion", "authentication.k8s.io/v1");
        ObjectNode meta = response.with("metadata");
        meta.put("name", saName).put("namespace", ns).put("creationTimestamp", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        ObjectNode outSpec = response.with("spec");
        if (audiences.isEmpty()) outSpec.putArray("audiences").add(tokens.issuer());
        outSpec.put("expirationSeconds", seconds);
        if (!outSpec.has("boundObjectRef")) outSpec.putNull("boundObjectRef");
        response.putObject("status").put("token", token).put("expirationTimestamp", expiry.toString());
        return response;
    }

    static ObjectNode userInfo(UserInfo u) {
        ObjectNode o = JsonNodeFactory.instance.objectNode();
        o.put("username", u.name());
        ArrayNode groups = o.putArray("groups");
        u.groups().forEach(groups::add);
        return o;
    }
}
