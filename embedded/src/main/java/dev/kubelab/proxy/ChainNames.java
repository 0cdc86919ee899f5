package dev.kubelab.proxy;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Locale;

/**
 * iptables chain names exactly as kube-proxy's iptables proxier derives them
 * (pkg/proxy/iptables/proxier.go: {@code portProtoHash}, {@code servicePortEndpointChainName}):
 * the first 16 characters of the base32 (RFC 4648, with padding alphabet) encoding of
 * sha256(servicePortName + lower-case protocol [+ endpoint]). So {@code kube-system/kube-dns:dns}
 * over UDP is {@code KUBE-SVC-TCOU7JCQXEZGVUNU}, as on every real cluster.
 */
public final class ChainNames {
    private static final char[] BASE32 = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".toCharArray();

    private ChainNames() {
    }

    /** {@code KUBE-SVC-…}: the per service-port chain that load-balances over endpoints. */
    public static String service(String servicePortName, String protocol) {
        return "KUBE-SVC-" + portProtoHash(servicePortName, protocol);
    }

    /** {@code KUBE-EXT-…}: the external (NodePort/LoadBalancer) entry chain of a service port. */
    public static String external(String servicePortName, String protocol) {
        return "KUBE-EXT-" + portProtoHash(servicePortName, protocol);
    }

    /** {@code KUBE-SEP-…}: the per endpoint chain that DNATs to {@code ip:port}. */
    public static String endpoint(String servicePortName, String protocol, String endpoint) {
        return "KUBE-SEP-" + hash16(servicePortName + protocol.toLowerCase(Locale.ROOT) + endpoint);
    }

    static String portProtoHash(String servicePortName, String protocol) {
        return hash16(servicePortName + protocol.toLowerCase(Locale.ROOT));
    }

    private static String hash16(String input) {
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(input.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
        return base32(digest).substring(0, 16);
    }

    /** RFC 4648 base32 without padding (only a prefix is used). */
    static String base32(byte[] data) {
        StringBuilder out = new StringBuilder((data.length * 8 + 4) / 5);
        int buffer = 0;
        int bits = 0;
        for (byte b : data) {
            buffer = (buffer << 8) | (b & 0xff);
            bits += 8;
            while (bits >= 5) {
                out.append(BASE32[(buffer >> (bits - 5)) & 31]);
                bits -= 5;
            }
        }
        if (bits > 0) {
            out.append(BASE32[(buffer << (5 - bits)) & 31]);
        }
        return out.toString();
    }
}
