package dev.kubelab.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A signing CA as kubeadm makes them (pkiutil.NewCertificateAuthority / NewSignedCert): self-signed roots valid
 * 10 years, leaf certificates valid 1 year, both back-dated 5 minutes against clock skew, with kubeadm's key
 * usages (CA: digitalSignature, keyEncipherment, keyCertSign; leaves: digitalSignature, keyEncipherment) and
 * subject/authority key identifiers.
 */
public final class CertificateAuthority {

    public static final Duration CA_VALIDITY = Duration.ofDays(3650);
    public static final Duration CERT_VALIDITY = Duration.ofDays(365);
    static final Duration BACKDATE = Duration.ofMinutes(5);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final CertKeyPair pair;

    public CertificateAuthority(CertKeyPair pair) {
        this.pair = pair;
    }

    public CertKeyPair pair() {
        return pair;
    }

    public X509Certificate certificate() {
        return pair.certificate();
    }

    public static CertificateAuthority selfSigned(String commonName, KeyAlgorithm algorithm) {
        KeyPair kp = algorithm.generate();
        Instant now = Instant.now();
        X500Name subject = name(commonName, List.of());
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(subject, serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CA_VALIDITY)), subject, kp.getPublic())
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment | KeyUsage.keyCertSign))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(true))
                    .addExtension(Extension.subjectKeyIdentifier, false, ext.createSubjectKeyIdentifier(kp.getPublic()));
            return new CertificateAuthority(new CertKeyPair(sign(b, kp.getPrivate()), kp.getPrivate()));
        } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot create CA " + commonName + ": " + e.getMessage(), e);
        }
    }

    /** Issues a leaf certificate for a fresh key of the given algorithm. */
    public CertKeyPair issue(CertConfig config, KeyAlgorithm algorithm) {
        KeyPair kp = algorithm.generate();
        return new CertKeyPair(issue(config, kp.getPublic()), kp.getPrivate());
    }

    public X509Certificate issue(CertConfig config, PublicKey publicKey) {
        Instant now = Instant.now();
        try {
            JcaX509ExtensionUtils ext = new JcaX509ExtensionUtils();
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(pair.certificate(), serial(),
                    Date.from(now.minus(BACKDATE)), Date.from(now.plus(CERT_VALIDITY)),
                    name(config.commonName(), config.organizations()), publicKey)
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyEncipherment))
                    .addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            ext.createAuthorityKeyIdentifier(pair.certificate()));
            List<KeyPurposeId> usages = new ArrayList<>();
            if (config.serverAuth()) usages.add(KeyPurposeId.id_kp_serverAuth);
            if (config.clientAuth()) usages.add(KeyPurposeId.id_kp_clientAuth);
            if (!usages.isEmpty()) {
                b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(usages.toArray(KeyPurposeId[]::new)));
            }
            List<GeneralName> sans = new ArrayList<>();
            for (String dns : config.dnsNames()) sans.add(new GeneralName(GeneralName.dNSName, dns));
            for (String ip : config.ipAddresses()) sans.add(new GeneralName(GeneralName.iPAddress, ip));
            if (!sans.isEmpty()) {
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(sans.toArray(GeneralName[]::new)));
            }
            return sign(b, pair.key());
        } catch (GeneralSecurityException | java.io.IOException | OperatorCreationException e) {
            throw new IllegalStateException("cannot issue a certificate for " + config.commonName() + ": " + e.getMessage(), e);
        }
    }

    private static X509Certificate sign(X509v3CertificateBuilder b, java.security.PrivateKey signer)
            throws OperatorCreationException, GeneralSecurityException {
        return new JcaX509CertificateConverter().getCertificate(
                b.build(new JcaContentSignerBuilder(KeyAlgorithm.signatureAlgorithmFor(signer)).build(signer)));
    }

    /** Subject as Go's crypto/x509 orders it: O before CN. */
    private static X500Name name(String commonName, List<String> organizations) {
        X500NameBuilder nb = new X500NameBuilder(BCStyle.INSTANCE);
        for (String o : organizations) nb.addRDN(BCStyle.O, o);
        nb.addRDN(BCStyle.CN, commonName);
        return nb.build();
    }

    /** Random positive serial, as kubeadm (crypto/rand, up to 2^63). */
    private static BigInteger serial() {
        return new BigInteger(63, RANDOM).add(BigInteger.ONE);
    }
}
