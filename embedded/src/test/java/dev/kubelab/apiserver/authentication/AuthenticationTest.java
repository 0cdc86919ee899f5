package dev.kubelab.apiserver.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import dev.kubelab.pki.CertConfig;
import dev.kubelab.pki.CertKeyPair;
import dev.kubelab.pki.CertificateAuthority;
import dev.kubelab.pki.KeyAlgorithm;
import dev.kubelab.pki.Pki;
import dev.kubelab.pki.PkiOptions;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticationTest {

    @TempDir static Path dir;
    static Pki pki;
    static InMemoryObjectReader reader;
    static AuthenticationChain chain;
    static ServiceAccountTokens tokens;

    @BeforeAll
    static void setUp() {
        pki = Pki.ensure(dir, PkiOptions.defaults("control-plane"));
        reader = new InMemoryObjectReader();
        reader.putJson("serviceaccounts", "{'metadata':{'name':'default','namespace':'default','uid':'u-1'}}");
        reader.putJson("pods", "{'metadata':{'name':'web','namespace':'default','uid':'p-1'}}");
        chain = AuthenticationChain.standard(pki, reader, true);
        tokens = new ServiceAccountTokens(pki.serviceAccountKeys());
    }

    static X509Certificate[] chainOf(CertKeyPair p) {
        return new X509Certificate[] {p.certificate()};
    }

    @Test
    void clientCertificateNamesUserAndGroups() {
        UserInfo u = chain.authenticateRequest(chainOf(pki.clientCertificate("jane", List.of("developers", "qa"))), null);
        assertThat(u).isEqualTo(new UserInfo("jane", List.of("developers", "qa", "system:authenticated")));
    }

    @Test
    void foreignOrServerOnlyCertificatesAreRejected() {
        CertificateAuthority other = CertificateAuthority.selfSigned("evil", KeyAlgorithm.ECDSA_P256);
        CertKeyPair forged = other.issue(CertConfig.client("kubernetes-admin", List.of("system:masters")), KeyAlgorithm.ECDSA_P256);
        StatusError e = catchThrowableOfType(StatusError.class, () -> chain.authenticateRequest(chainOf(forged), null));
        assertThat(e.code()).isEqualTo(401);
        assertThat(e.getMessage()).isEqualTo("Unauthorized");
        CertKeyPair serverOnly = pki.ca().issue(CertConfig.server("kube-apiserver", List.of(), List.of()), KeyAlgorithm.ECDSA_P256);
        assertThat(catchThrowableOfType(StatusError.class, () -> chain.authenticateRequest(chainOf(serverOnly), null)).code()).isEqualTo(401);
    }

    @Test
    void serviceAccountTokensRoundTrip() {
        String token = tokens.issue("default", "default", "u-1", List.of(), 3600, null);
        assertThat(chain.authenticateRequest(null, token)).isEqualTo(new UserInfo("system:serviceaccount:default:default",
                List.of("system:serviceaccounts", "system:serviceaccounts:default", "system:authenticated")));
        String payload = new String(Base64.getUrlDecoder().decode(token.split("\\.")[1]));
        assertThat(payload).contains("\"iss\":\"https://kubernetes.default.svc.cluster.local\"")
                .contains("\"sub\":\"system:serviceaccount:default:default\"")
                .contains("\"kubernetes.io\":{\"namespace\":\"default\",\"serviceaccount\":{");
        String bound = tokens.issue("default", "default", "u-1", List.of(), 3607, new ServiceAccountTokens.BoundPod("web", "p-1"));
        assertThat(chain.authenticateRequest(null, bound).name()).isEqualTo("system:serviceaccount:default:default");
    }

    /** kubeadm makes sa.key of the cluster's key type; kube-apiserver signs ES256 with an ECDSA key, RS256 with RSA. */
    @Test
    void theServiceAccountKeyTypeDecidesTheTokenAlgorithm() {
        String es = tokens.issue("default", "default", "u-1", List.of(), 600, null);
        assertThat(header(es)).contains("\"alg\":\"ES256\"");
        ServiceAccountTokens rsa = new ServiceAccountTokens(KeyAlgorithm.RSA_2048.generate()); // an sa.key kept from an older cluster
        String rs = rsa.issue("default", "default", "u-1", List.of(), 600, null);
        assertThat(header(rs)).contains("\"alg\":\"RS256\"");
        assertThat(rsa.verify(rs, List.of(ServiceAccountTokens.DEFAULT_ISSUER)).username()).isEqualTo("system:serviceaccount:default:default");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> rsa.verify(es, List.of(ServiceAccountTokens.DEFAULT_ISSUER))))
                .hasMessageContaining("invalid signature");
        assertThat(catchThrowableOfType(IllegalArgumentException.class, () -> tokens.verify(rs, List.of(ServiceAccountTokens.DEFAULT_ISSUER))))
                .hasMessageContaining("invalid signature");
    }

    private static String header(String jwt) {
        return new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]));
    }

    @Test
    void badTokensAreUnauthorized() {
        String good = tokens.issue("default", "default", "u-1", List.of(), 3600, null);
        String[] parts = good.split("\\.");
        String tampered = parts[0] + "." + parts[1] + "." + new StringBuilder(parts[2]).reverse();
        String expired = tokens.issue("default", "default", "u-1", List.of(), -10, null);
        String wrongAudience = tokens.issue("default", "default", "u-1", List.of("vault"), 3600, null);
        String deletedSa = tokens.issue("default", "gone", "u-9", List.of(), 3600, null);
        String recreatedSa = tokens.issue("default", "default", "u-old", List.of(), 3600, null);
        String deletedPod = tokens.issue("default", "default", "u-1", List.of(), 3600, new ServiceAccountTokens.BoundPod("old", "p-0"));
        for (String t : List.of(tampered, expired, wrongAudience, deletedSa, recreatedSa, deletedPod, "not-a-jwt")) {
            StatusError e = catchThrowableOfType(StatusError.class, () -> chain.authenticateRequest(null, t));
            assertThat(e).as(t).isNotNull();
            assertThat(e.code()).isEqualTo(401);
        }
    }

    @Test
    void anonymousOnlyWhenEnabled() {
        assertThat(chain.authenticateRequest(null, null)).isEqualTo(UserInfo.ANONYMOUS);
        AuthenticationChain strict = AuthenticationChain.standard(pki, reader, false);
        StatusError e = catchThrowableOfType(StatusError.class, () -> strict.authenticateRequest(null, null));
        assertThat(e.code()).isEqualTo(401);
        assertThat(e.reason()).isEqualTo("Unauthorized");
    }

    @Test
    void bearerHeaderParsing() {
        assertThat(AuthenticationChain.bearerToken("Bearer abc")).isEqualTo("abc");
        assertThat(AuthenticationChain.bearerToken("bearer  abc ")).isEqualTo("abc");
        assertThat(AuthenticationChain.bearerToken("Basic Zm9v")).isNull();
        assertThat(AuthenticationChain.bearerToken("Bearer ")).isNull();
        assertThat(AuthenticationChain.bearerToken(null)).isNull();
    }
}
