package dev.kubelab.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate with its private key, stored as {@code <base>.crt} + {@code <base>.key} like kubeadm's pki dir. */
public record CertKeyPair(X509Certificate certificate, PrivateKey key) {

    public String certPem() {
        return Pem.encode(certificate);
    }

    /** The key in kubeadm's on-disk form (RSA PRIVATE KEY / EC PRIVATE KEY). */
    public String keyPem() {
        return Pem.encodePrivateKey(key, certificate.getPublicKey());
    }

    public void write(Path dir, String baseName) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve(baseName + ".crt"), certPem());
            writePrivate(dir.resolve(baseName + ".key"), keyPem());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static CertKeyPair read(Path dir, String baseName) {
        try {
            return new CertKeyPair(Pem.parseCertificate(Files.readString(dir.resolve(baseName + ".crt"))),
                    Pem.parsePrivateKey(Files.readString(dir.resolve(baseName + ".key"))));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static boolean exists(Path dir, String baseName) {
        return Files.isRegularFile(dir.resolve(baseName + ".crt")) && Files.isRegularFile(dir.resolve(baseName + ".key"));
    }

    /** Private keys are 0600, as kubeadm writes them. */
    static void writePrivate(Path file, String content) throws IOException {
        Files.writeString(file, content);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException ignored) {
            // not a POSIX file system (Windows): nothing to tighten
        }
    }
}
