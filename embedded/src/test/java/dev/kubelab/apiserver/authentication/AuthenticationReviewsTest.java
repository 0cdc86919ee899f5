package dev.kubelab.apiserver.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import dev.kubelab.pki.Pki;
import dev.kubelab.pki.PkiOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AuthenticationReviewsTest {

    static final ObjectMapper JSON = new ObjectMapper();
    @TempDir Path dir;

    @Test
    void whoAmI() {
        ObjectNode r = AuthenticationReviews.selfSubjectReview(new UserInfo("jane", List.of("developers", "system:authenticated")));
        assertThat(r.path("kind").asText()).isEqualTo("SelfSubjectReview");
        assertThat(r.path("status").path("userInfo").toString())
                .isEqualTo("{\"username\":\"jane\",\"groups\":[\"developers\",\"system:authenticated\"]}");
    }

    @Test
    void tokenRequestIssuesATokenThatAuthenticatesAndTokenReviewSaysSo() throws Exception {
        Pki pki = Pki.ensure(dir, PkiOptions.defaults("cp"));
        InMemoryObjectReader reader = new InMemoryObjectReader();
        ObjectNode sa = (ObjectNode) JSON.readTree("{\"metadata\":{\"name\":\"builder\",\"namespace\":\"ci\",\"uid\":\"u-7\"}}");
        reader.put("serviceaccounts", sa);
        ServiceAccountTokens tokens = new ServiceAccountTokens(pki.serviceAccountKeys());
        ObjectNode req = (ObjectNode) JSON.readTree("{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"TokenRequest\",\"spec\":{\"expirationSeconds\":1200}}");
        ObjectNode resp = AuthenticationReviews.tokenRequest(req, sa, null, tokens);
        assertThat(resp.path("spec").path("audiences").toString()).isEqualTo("[\"https://kubernetes.default.svc.cluster.local\"]");
        Instant exp = Instant.parse(resp.path("status").path("expirationTimestamp").asText());
        assertThat(Duration.between(Instant.now(), exp).toMinutes()).isBetween(18L, 20L);
        String token = resp.path("status").path("token").asText();

        AuthenticationChain chain = AuthenticationChain.standard(pki, reader, true);
        ObjectNode review = (ObjectNode) JSON.readTree("{\"kind\":\"TokenReview\",\"apiVersion\":\"authentication.k8s.io/v1\",\"spec\":{\"token\":\"" + token + "\"}}");
        ObjectNode ok = AuthenticationReviews.tokenReview(review, chain, List.of(tokens.issuer()));
        assertThat(ok.path("status").path("authenticated").asBoolean()).isTrue();
        assertThat(ok.path("status").path("user").path("username").asText()).isEqualTo("system:serviceaccount:ci:builder");
        review.with("spec").put("token", "bogus");
        ObjectNode bad = AuthenticationReviews.tokenReview(review, chain, List.of(tokens.issuer()));
        assertThat(bad.path("status").path("authenticated").asBoolean()).isFalse();
        assertThat(bad.path("status").path("error").asText()).isEqualTo("invalid bearer token");

        ObjectNode tooShort = (ObjectNode) JSON.readTree("{\"spec\":{\"expirationSeconds\":60}}");
        StatusError e = catchThrowableOfType(StatusError.class, () -> AuthenticationReviews.tokenRequest(tooShort, sa, null, tokens));
        assertThat(e.code()).isEqualTo(422);
        assertThat(e.getMessage()).isEqualTo("TokenRequest.authentication.k8s.io \"builder\" is invalid: spec.expirationSeconds: "
                + "Invalid value: 60: may not specify a duration less than 10 minutes");
    }
}
