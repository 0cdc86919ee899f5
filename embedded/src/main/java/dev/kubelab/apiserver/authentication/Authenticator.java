package dev.kubelab.apiserver.authentication;

import java.security.cert.X509Certificate;
import java.util.Optional;

/**
 * Identifies the requester of one request. Client certificates carry CN = user and O = groups,
 * as kube-apiserver's x509 authenticator reads them; bearer tokens are looked up.
 */
public interface Authenticator {
    /**
     * @param peerCertificates the verified client certificate chain, or null
     * @param bearerToken      the Authorization: Bearer token, or null
     * @return the user, or empty when neither identifies anyone (the caller then uses anonymous)
     */
    Optional<UserInfo> authenticate(X509Certificate[] peerCertificates, String bearerToken);
}
