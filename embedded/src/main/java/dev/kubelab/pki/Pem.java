package dev.kubelab.pki;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.security.KeyPair;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.cert.X509CertificateHolder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.openssl.jcajce.JcaPKCS8Generator;
import org.bouncycastle.util.io.pem.PemObject;

/**
 * PEM encoding as kubeadm writes it: certificates as CERTIFICATE, private keys in their traditional form
 * (RSA PRIVATE KEY / EC PRIVATE KEY), public keys as PUBLIC KEY (sa.pub). BouncyCastle does the ASN.1.
 */
public final class Pem {

    private Pem() {}

    public static String encode(Object certOrKey) {
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(certOrKey);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    /**
     * A private key in kubeadm's on-disk form: RSA PRIVATE KEY (PKCS#1) or EC PRIVATE KEY (SEC 1 with the named
     * curve and the public point, as Go's x509.MarshalECPrivateKey writes it; the JDK's own encoding omits both).
     */
    public static String encodePrivateKey(PrivateKey key, PublicKey publicKey) {
        if (!(key instanceof java.security.interfaces.ECPrivateKey ec)) return encode(key);
        PrivateKeyInfo info = PrivateKeyInfo.getInstance(key.getEncoded());
        SubjectPublicKeyInfo spki = SubjectPublicKeyInfo.getInstance(publicKey.getEncoded());
        org.bouncycastle.asn1.sec.ECPrivateKey sec1 = new org.bouncycastle.asn1.sec.ECPrivateKey(
                ec.getParams().getOrder().bitLength(), ec.getS(), spki.getPublicKeyData(),
                info.getPrivateKeyAlgorithm().getParameters());
        try {
            return encode(new PemObject("EC PRIVATE KEY", sec1.getEncoded()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** PKCS#8 ("PRIVATE KEY"), accepted by every TLS stack regardless of the key type. */
    public static String encodePkcs8(PrivateKey key) {
        try {
            PemObject o = new JcaPKCS8Generator(key, null).generate();
            StringWriter out = new StringWriter();
            try (JcaPEMWriter w = new JcaPEMWriter(out)) {
                w.writeObject(o);
            }
            return out.toString();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static X509Certificate parseCertificate(String pem) {
        Object o = read(pem);
        if (!(o instanceof X509CertificateHolder h)) throw new IllegalArgumentException("no CERTIFICATE block in PEM");
        try {
            return new JcaX509CertificateConverter().getCertificate(h);
        } catch (CertificateException e) {
            throw new IllegalArgumentException("invalid certificate: " + e.getMessage(), e);
        }
    }

    public static PrivateKey parsePrivateKey(String pem) {
        Object o = read(pem);
        try {
            JcaPEMKeyConverter c = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair kp) return c.getPrivateKey(kp.getPrivateKeyInfo());
            if (o instanceof PrivateKeyInfo info) return c.getPrivateKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no PRIVATE KEY block in PEM");
    }

    /** A key pair from a traditional private-key PEM (which carries the public half too). */
    public static KeyPair parseKeyPair(String pem) {
        Object o = read(pem);
        try {
            if (o instanceof PEMKeyPair kp) return new JcaPEMKeyConverter().getKeyPair(kp);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid private key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no RSA/EC PRIVATE KEY block in PEM");
    }

    public static PublicKey parsePublicKey(String pem) {
        Object o = read(pem);
        try {
            if (o instanceof SubjectPublicKeyInfo info) return new JcaPEMKeyConverter().getPublicKey(info);
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid public key: " + e.getMessage(), e);
        }
        throw new IllegalArgumentException("no PUBLIC KEY block in PEM");
    }

    private static Object read(String pem) {
        try (PEMParser p = new PEMParser(new StringReader(pem))) {
            Object o = p.readObject();
            if (o == null) throw new IllegalArgumentException("no PEM block found");
            return o;
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid PEM: " + e.getMessage(), e);
        }
    }
}
