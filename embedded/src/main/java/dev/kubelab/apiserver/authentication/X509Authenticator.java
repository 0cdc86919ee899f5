package dev.kubelab.apiserver.authentication;

import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.pki.CertificateSubject;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * kube-apiserver's x509 request authenticator (--client-ca-file): a client certificate signed by the cluster CA,
 * valid now and usable for client auth, names the user by its subject CN and the groups by its O values.
 * A certificate that does not verify is an authentication error (401), not a fall-through to anonymous.
 */
public final class X509Authenticator implements Authenticator {

    private static final String CLIENT_AUTH_OID = "1.3.6.1.5.5.7.3.2";
    private final X509Certificate clientCa;

    public X509Authenticator(X509Certificate clientCa) {
        this.clientCa = clientCa;
    }

    @Override
    public Optional<UserInfo> authenticate(X509Certificate[] peerCertificates, String bearerToken) {
        if (peerCertificates == null || peerCertificates.length == 0) return Optional.empty();
        X509Certificate leaf = peerCertificates[0];
        if (!verifies(leaf)) throw StatusError.unauthorized("Unauthorized");
        CertificateSubject subject;
        try {
            subject = CertificateSubject.of(leaf);
        } catch (IllegalArgumentException e) {
            throw StatusError.unauthorized("Unauthorized");
        }
        String cn = subject.commonName();
        if (cn == null || cn.isEmpty()) return Optional.empty();
        return Optional.of(new UserInfo(cn, subject.organizations()));
    }

    private boolean verifies(X509Certificate leaf) {
        try {
            leaf.verify(clientCa.getPublicKey());
            leaf.checkValidity();
            List<String> eku = leaf.getExtendedKeyUsage();
            return eku == null || eku.contains(CLIENT_AUTH_OID);
        } catch (CertificateParsingException e) {
            return false;
        } catch (Exception e) {
            return false;
        }
    }
}
