package dev.kubelab.apiserver.authentication;

import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.ObjectReader;
import dev.kubelab.pki.Pki;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * kube-apiserver's authentication as kubeadm configures it: x509 client certificates (--client-ca-file), then
 * service-account tokens, then — if --anonymous-auth (the default) — system:anonymous. Every identified user
 * also gets the group system:authenticated (AuthenticatedGroupAdder). An invalid credential is 401, as is no
 * credential when anonymous requests are disabled.
 */
public final class AuthenticationChain implements Authenticator {

    public static final String AUTHENTICATED = "system:authenticated";

    private final Authenticator union;
    private final boolean anonymous;

    public AuthenticationChain(List<Authenticator> authenticators, boolean anonymous) {
        this.union = new UnionAuthenticator(authenticators);
        this.anonymous = anonymous;
    }

    /** The chain for a cluster's PKI, reading service accounts and pods through reader (may be null). */
    public static AuthenticationChain standard(Pki pki, ObjectReader reader, boolean anonymous) {
        ServiceAccountTokens tokens = new ServiceAccountTokens(pki.serviceAccountKeys());
        return new AuthenticationChain(List.of(
                new X509Authenticator(pki.ca().certificate()),
                new ServiceAccountAuthenticator(tokens, List.of(tokens.issuer()), reader)), anonymous);
    }

    /** The requester; anonymous when nothing identifies it and anonymous is enabled; otherwise 401. */
    public UserInfo authenticateRequest(X509Certificate[] peerCertificates, String bearerToken) {
        return authenticate(peerCertificates, bearerToken).orElseThrow(() -> StatusError.unauthorized("Unauthorized"));
    }

    @Override
    public Optional<UserInfo> authenticate(X509Certificate[] peerCertificates, String bearerToken) {
        Optional<UserInfo> user = union.authenticate(peerCertificates, bearerToken);
        if (user.isPresent()) return Optional.of(withAuthenticatedGroup(user.get()));
        // A presented but unrecognised bearer token is an error, not anonymous (union.NewFailOnError).
        if (bearerToken != null && !bearerToken.isEmpty()) throw StatusError.unauthorized("Unauthorized");
        return anonymous ? Optional.of(UserInfo.ANONYMOUS) : Optional.empty();
    }

    /** The token of an Authorization header ("Bearer &lt;token&gt;", scheme case-insensitive), or null. */
    public static String bearerToken(String authorizationHeader) {
        if (authorizationHeader == null) return null;
        String h = authorizationHeader.trim();
        if (h.length() < 7 || !h.substring(0, 7).equalsIgnoreCase("bearer ")) return null;
        String token = h.substring(7).trim();
        return token.isEmpty() ? null : token;
    }

    static UserInfo withAuthenticatedGroup(UserInfo u) {
        if (u.groups().contains(AUTHENTICATED) || u.name().equals(UserInfo.ANONYMOUS.name())) return u;
        List<String> groups = new ArrayList<>(u.groups());
        groups.add(AUTHENTICATED);
        return new UserInfo(u.name(), List.copyOf(groups));
    }
}
