package dev.kubelab.apiserver.authentication;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * kube-apiserver's service-account token authenticator: a token of our issuer whose signature, expiry and
 * audience check out, and (--service-account-lookup=true) whose service account, and pod if bound, still exist
 * with the same uid. User system:serviceaccount:&lt;ns&gt;:&lt;name&gt;, groups system:serviceaccounts and
 * system:serviceaccounts:&lt;ns&gt;. An invalid token of ours is a 401.
 */
public final class ServiceAccountAuthenticator implements Authenticator {

    private final ServiceAccountTokens tokens;
    private final List<String> apiAudiences;
    private final ObjectReader reader;

    /** @param reader for the lookup of service accounts and pods; null skips it */
    public ServiceAccountAuthenticator(ServiceAccountTokens tokens, List<String> apiAudiences, ObjectReader reader) {
        this.tokens = tokens;
        this.apiAudiences = List.copyOf(apiAudiences);
        this.reader = reader;
    }

    @Override
    public Optional<UserInfo> authenticate(X509Certificate[] peerCertificates, String bearerToken) {
        if (bearerToken == null || bearerToken.isEmpty()) return Optional.empty();
        ServiceAccountTokens.Claims claims;
        try {
            claims = tokens.verify(bearerToken, apiAudiences);
        } catch (IllegalArgumentException e) {
            throw StatusError.unauthorized("Unauthorized");
        }
        if (claims == null) return Optional.empty();
        if (reader != null) {
            Optional<ObjectNode> sa = reader.get("serviceaccounts", claims.namespace(), claims.serviceAccountName());
            if (sa.isEmpty() || !uidMatches(sa.get(), claims.serviceAccountUid()) || terminating(sa.get())) {
                throw StatusError.unauthorized("Unauthorized");
            }
            if (claims.pod() != null) {
                Optional<ObjectNode> pod = reader.get("pods", claims.namespace(), claims.pod().name());
                if (pod.isEmpty() || !uidMatches(pod.get(), claims.pod().uid()) || terminating(pod.get())) {
                    throw StatusError.unauthorized("Unauthorized");
                }
            }
        }
        return Optional.of(new UserInfo(claims.username(),
                List.of("system:serviceaccounts", "system:serviceaccounts:" + claims.namespace())));
    }

    private static boolean uidMatches(ObjectNode o, String uid) {
        String stored = o.path("metadata").path("uid").asText("");
        return stored.isEmpty() || stored.equals(uid);
    }

    private static boolean terminating(ObjectNode o) {
        return o.path("metadata").hasNonNull("deletionTimestamp");
    }
}
