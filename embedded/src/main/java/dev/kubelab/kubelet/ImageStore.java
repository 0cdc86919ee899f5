package dev.kubelab.kubelet;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The images a simulated node "has": pulled once, then {@code already present on machine} for
 * {@code IfNotPresent}. Sizes and IDs are not a registry's: no registry is contacted, so the size is
 * a stable figure derived from the image name and the ID is the sha256 of the reference string.
 */
public final class ImageStore {
    private final Map<String, Long> images = new ConcurrentHashMap<>();

    public boolean has(String image) {
        return images.containsKey(normalize(image));
    }

    public void add(String image) {
        images.put(normalize(image), sizeOf(image));
    }

    /** name → size, for the Node's {@code status.images}. */
    public Map<String, Long> snapshot() {
        return Map.copyOf(images);
    }

    /** A stable size between 5 and 200 MB. */
    public static long sizeOf(String image) {
        byte[] h = sha256(normalize(image));
        long v = ((h[0] & 0xffL) << 16) | ((h[1] & 0xffL) << 8) | (h[2] & 0xffL);
        return 5_000_000L + v * 195_000_000L / 0xffffffL;
    }

    /** {@code sha256:<hex>} of the reference (the simulated imageID). */
    public static String imageId(String image) {
        return "sha256:" + HexFormat.of().formatHex(sha256(normalize(image)));
    }

    /** Docker Hub short names as containerd records them: {@code nginx} → {@code docker.io/library/nginx:latest}. */
    public static String normalize(String image) {
        String ref = image;
        int slash = ref.indexOf('/');
        String first = slash < 0 ? "" : ref.substring(0, slash);
        boolean hasRegistry = slash >= 0 && (first.contains(".") || first.contains(":") || first.equals("localhost"));
        if (!hasRegistry) {
            ref = "docker.io/" + (slash < 0 ? "library/" : "") + ref;
        }
        int lastSlash = ref.lastIndexOf('/');
        if (ref.indexOf(':', lastSlash) < 0 && !ref.contains("@")) {
            ref = ref + ":latest";
        }
        return ref;
    }

    private static byte[] sha256(String s) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
