package dev.kubelab.apiserver.authentication;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.interfaces.ECPrivateKey;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPrivateKey;
import java.security.interfaces.RSAPublicKey;
import java.text.ParseException;
import java.time.Instant;
import java.util.Base64;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Service-account tokens as kube-apiserver's TokenRequest issues them (pkg/serviceaccount/claims.go): JWTs signed
 * with sa.key (RS256 for an RSA key, ES256 for an ECDSA P-256 one, as kube-apiserver's JWTTokenGenerator chooses), {@code iss}/{@code aud} = --service-account-issuer (kubeadm: https://kubernetes.default.svc.cluster.local),
 * {@code sub} = system:serviceaccount:&lt;ns&gt;:&lt;name&gt; and a private {@code kubernetes.io} claim naming the
 * namespace, service account and (for pod-bound tokens) the pod. The key id is kube-apiserver's: the unpadded
 * base64url SHA-256 of the DER public key. nimbus-jose-jwt does the JOSE work.
 */
public final class ServiceAccountTokens {

    public static final String DEFAULT_ISSUER = "https://kubernetes.default.svc.cluster.local";
    public static final String PREFIX = "system:serviceaccount:";

    private final KeyPair keys;
    private final String issuer;
    private final String keyId;

    public ServiceAccountTokens(KeyPair keys, String issuer) {
        if (!(keys.getPublic() instanceof RSAPublicKey) && !(keys.getPublic() instanceof ECPublicKey)) {
            throw new IllegalArgumentException("sa.key must be an RSA or ECDSA key");
        }
        this.keys = keys;
        this.issuer = issuer;
        this.keyId = keyId(keys);
    }

    public ServiceAccountTokens(KeyPair keys) {
        this(keys, DEFAULT_ISSUER);
    }

    public String issuer() { return issuer; }

    /** The pod a token is bound to (TokenRequest boundObjectRef). */
    public record BoundPod(String name, String uid) {}

    /** What a verified token says. */
    public record Claims(String namespace, String serviceAccountName, String serviceAccountUid, BoundPod pod,
                         List<String> audiences, Instant expiry) {
        public String username() { return PREFIX + namespace + ":" + serviceAccountName; }
    }

    public String issue(String namespace, String name, String uid, List<String> audiences, long expirationSeconds,
                        BoundPod pod) {
        Instant now = Instant.now();
        Map<String, Object> k8s = new LinkedHashMap<>();
        k8s.put("namespace", namespace);
        if (pod != null) k8s.put("pod", Map.of("name", pod.name(), "uid", pod.uid()));
        k8s.put("serviceaccount", Map.of("name", name, "uid", uid));
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .audience(audiences.isEmpty() ? List.of(issuer) : audiences)
                .expirationTime(Date.from(now.plusSeconds(expirationSeconds)))
                .issueTime(Date.from(now))
                .issuer(issuer)
                .jwtID(UUID.randomUUID().toString())
                .claim("kubernetes.io", k8s)
                .notBeforeTime(Date.from(now))
                .subject(PREFIX + namespace + ":" + name)
                .build();
        boolean rsa = keys.getPublic() instanceof RSAPublicKey;
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256).keyID(keyId).build(), claims);
        try {
            jwt.sign(rsa ? new RSASSASigner((RSAPrivateKey) keys.getPrivate()) : new ECDSASigner((ECPrivateKey) keys.getPrivate()));
        } catch (JOSEException e) {
            throw new IllegalStateException("cannot sign a service account token: " + e.getMessage(), e);
        }
        return jwt.serialize();
    }

    /**
     * @return the claims of a valid token of ours; null if the token is not a JWT from this issuer
     *         (another authenticator may own it)
     * @throws IllegalArgumentException if it is ours but invalid (bad signature, expired, wrong audience)
     */
    @SuppressWarnings("unchecked")
    public Claims verify(String token, List<String> acceptedAudiences) {
        SignedJWT jwt;
        JWTClaimsSet c;
        try {
            jwt = SignedJWT.parse(token);
            c = jwt.getJWTClaimsSet();
        } catch (ParseException e) {
            return null;
        }
        if (!issuer.equals(c.getIssuer())) return null;
        try {
            boolean rsa = keys.getPublic() instanceof RSAPublicKey;
            // a token signed with another algorithm than sa.key's is refused, not verified with the wrong verifier
            if (!jwt.getHeader().getAlgorithm().equals(rsa ? JWSAlgorithm.RS256 : JWSAlgorithm.ES256)
                    || !jwt.verify(rsa ? new RSASSAVerifier((RSAPublicKey) keys.getPublic()) : new ECDSAVerifier((ECPublicKey) keys.getPublic()))) {
                throw new IllegalArgumentException("invalid signature");
            }
        } catch (JOSEException e) {
            throw new IllegalArgumentException("invalid signature: " + e.getMessage());
        }
        Instant now = Instant.now();
        if (c.getExpirationTime() == null || !now.isBefore(c.getExpirationTime().toInstant())) {
            throw new IllegalArgumentException("token has expired");
        }
        if (c.getNotBeforeTime() != null && now.isBefore(c.getNotBeforeTime().toInstant().minusSeconds(60))) {
            throw new IllegalArgumentException("token is not valid yet");
        }
        List<String> aud = c.getAudience();
        if (aud.stream().noneMatch(acceptedAudiences::contains)) throw new IllegalArgumentException("token audiences is invalid");
        Object k8sClaim = c.getClaim("kubernetes.io");
        if (!(k8sClaim instanceof Map<?, ?> k8s)) throw new IllegalArgumentException("kubernetes.io claim missing");
        Map<String, Object> sa = (Map<String, Object>) k8s.get("serviceaccount");
        Map<String, Object> pod = (Map<String, Object>) k8s.get("pod");
        if (sa == null || k8s.get("namespace") == null) throw new IllegalArgumentException("service account claim missing");
        return new Claims(String.valueOf(k8s.get("namespace")), String.valueOf(sa.get("name")), String.valueOf(sa.get("uid")),
                pod == null ? null : new BoundPod(String.valueOf(pod.get("name")), String.valueOf(pod.get("uid"))),
                aud, c.getExpirationTime().toInstant());
    }

    static String keyId(KeyPair keys) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(keys.getPublic().getEncoded());
            return Base64.getUrlEncoder().withoutPadding().encodeToString(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
