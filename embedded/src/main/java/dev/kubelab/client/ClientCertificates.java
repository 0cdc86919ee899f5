package dev.kubelab.client;

import dev.kubelab.pki.Pem;
import io.fabric8.kubernetes.client.Config;

import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The client certificates of the in-JVM components, made into key managers once per identity. fabric8 turns a
 * kubeconfig's certificate and key into a password-protected PKCS12 key store for every client it builds (PBKDF2,
 * 10,000 rounds to store the key and 10,000 to read it back): kube-controller-manager's two dozen controller clients
 * under one identity spent about 0.4 s of CPU on that at every cluster start, delaying the controllers.
 */
final class ClientCertificates {
    private static final String ALIAS = "client";
    private final Map<String, KeyManager[]> byIdentity = new ConcurrentHashMap<>();

    /**
     * The key managers of {@code config}'s client certificate (cached), which is then taken out of {@code config} so
     * that fabric8 does not build them again; empty when the config has no client certificate.
     */
    Optional<KeyManager[]> take(Config config) {
        String cert = pem(config.getClientCertData(), config.getClientCertFile());
        String key = pem(config.getClientKeyData(), config.getClientKeyFile());
        if (cert == null || key == null) return Optional.empty();
        KeyManager[] km = byIdentity.computeIfAbsent(cert + "\n" + key, k -> new KeyManager[] {new StaticKeyManager(
                Pem.parseCertificate(cert), Pem.parsePrivateKey(key))});
        config.setClientCertData(null);
        config.setClientCertFile(null);
        config.setClientKeyData(null);
        config.setClientKeyFile(null);
        return Optional.of(km);
    }

    /** A kubeconfig's {@code client-*-data} (base64 PEM) or {@code client-*} file. */
    private static String pem(String base64, String file) {
        if (base64 != null && !base64.isBlank()) return new String(Base64.getMimeDecoder().decode(base64), StandardCharsets.UTF_8);
        if (file == null || file.isBlank()) return null;
        try {
            return Files.readString(Path.of(file));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file, e);
        }
    }

    /** One certificate and its key, offered for every client handshake. */
    private static final class StaticKeyManager extends X509ExtendedKeyManager {
        private final X509Certificate[] chain;
        private final PrivateKey key;

        StaticKeyManager(X509Certificate certificate, PrivateKey key) {
            this.chain = new X509Certificate[] {certificate};
            this.key = key;
        }

        @Override
        public String[] getClientAliases(String keyType, Principal[] issuers) {
            return new String[] {ALIAS};
        }

        @Override
        public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
            return ALIAS;
        }

        @Override
        public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
            return ALIAS;
        }

        @Override
        public String[] getServerAliases(String keyType, Principal[] issuers) {
            return null;
        }

        @Override
        public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
            return null;
        }

        @Override
        public X509Certificate[] getCertificateChain(String alias) {
            return ALIAS.equals(alias) ? chain.clone() : null;
        }

        @Override
        public PrivateKey getPrivateKey(String alias) {
            return ALIAS.equals(alias) ? key : null;
        }
    }
}
