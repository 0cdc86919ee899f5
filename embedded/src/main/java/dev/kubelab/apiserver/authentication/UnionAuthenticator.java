package dev.kubelab.apiserver.authentication;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/** The first authenticator that identifies the request wins (k8s.io/apiserver/pkg/authentication/request/union). */
public final class UnionAuthenticator implements Authenticator {

    private final List<Authenticator> authenticators;

    public UnionAuthenticator(List<Authenticator> authenticators) {
        this.authenticators = List.copyOf(authenticators);
    }

    @Override
    public Optional<UserInfo> authenticate(X509Certificate[] peerCertificates, String bearerToken) {
        for (Authenticator a : authenticators) {
            Optional<UserInfo> user = a.authenticate(peerCertificates, bearerToken);
            if (user.isPresent()) return user;
        }
        return Optional.empty();
    }
}
