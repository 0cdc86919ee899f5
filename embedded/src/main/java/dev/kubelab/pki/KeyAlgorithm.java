package dev.kubelab.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.spec.ECGenParameterSpec;

/**
 * The key types kubeadm's {@code encryptionAlgorithm} offers (ClusterConfiguration v1beta4).
 * kubeadm defaults to RSA-2048; kubelab defaults to ECDSA-P256 because generating the ~16 key pairs of a
 * cluster takes milliseconds instead of seconds (figures in the PKI report), and every client we serve
 * (kubectl, fabric8, etcd, Vert.x) accepts it.
 */
public enum KeyAlgorithm {
    RSA_2048("RSA", "SHA256withRSA"),
    ECDSA_P256("EC", "SHA256withECDSA");

    private final String jcaName;
    private final String signatureAlgorithm;

    KeyAlgorithm(String jcaName, String signatureAlgorithm) {
        this.jcaName = jcaName;
        this.signatureAlgorithm = signatureAlgorithm;
    }

    public KeyPair generate() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance(jcaName);
            if (this == RSA_2048) g.initialize(2048);
            else g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot generate a " + this + " key: " + e.getMessage(), e);
        }
    }

    /** The algorithm a CA holding {@code key} signs with (the signer's key decides, as in crypto/x509). */
    static String signatureAlgorithmFor(PrivateKey key) {
        return "RSA".equals(key.getAlgorithm()) ? RSA_2048.signatureAlgorithm : ECDSA_P256.signatureAlgorithm;
    }
}
