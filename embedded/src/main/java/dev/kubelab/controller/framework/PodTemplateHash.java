package dev.kubelab.controller.framework;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The deployment controller's {@code controller.ComputeHash}: FNV-32a over the pod template (plus the
 * collision count as 8 little-endian bytes), printed in decimal and passed through apimachinery's
 * {@code rand.SafeEncodeString} — giving the familiar {@code pod-template-hash} values like {@code 5d78f8b7d9}.
 *
 * <p>Difference from Kubernetes: Go hashes a {@code spew} dump of the Go struct, which cannot be reproduced
 * from Java; we hash the template's canonical JSON (sorted keys, empty values dropped). The hash has the
 * same alphabet, length range and stability properties, but not the same value for the same template.
 */
public final class PodTemplateHash {
    public static final String LABEL = "pod-template-hash";
    /** apimachinery rand's alphanums: no vowels (no words) and no confusable characters. */
    private static final String ALPHANUMS = "bcdfghjklmnpqrstvwxz2456789";
    private static final ObjectMapper MAPPER = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private PodTemplateHash() {
    }

    public static String compute(PodTemplateSpec template, Integer collisionCount) {
        int hash = 0x811c9dc5;
        hash = fnv(hash, canonicalJson(template).getBytes(StandardCharsets.UTF_8));
        if (collisionCount != null) {
            int c = collisionCount;
            hash = fnv(hash, new byte[] {(byte) c, (byte) (c >>> 8), (byte) (c >>> 16), (byte) (c >>> 24), 0, 0, 0, 0});
        }
        return safeEncodeString(Integer.toUnsignedString(hash));
    }

    static int fnv(int hash, byte[] data) {
        for (byte b : data) {
            hash ^= (b & 0xff);
            hash *= 0x01000193;
        }
        return hash;
    }

    public static String safeEncodeString(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (byte x : s.getBytes(StandardCharsets.UTF_8)) {
            b.append(ALPHANUMS.charAt((x & 0xff) % ALPHANUMS.length()));
        }
        return b.toString();
    }

    /** Template equality ignoring the pod-template-hash label (the deployment controller's EqualIgnoreHash). */
    public static boolean equalIgnoreHash(PodTemplateSpec a, PodTemplateSpec b) {
        return Objects.equals(canonical(a, true), canonical(b, true));
    }

    static String canonicalJson(PodTemplateSpec template) {
        try {
            return MAPPER.writeValueAsString(canonical(template, false));
        } catch (Exception e) {
            throw new IllegalStateException("cannot serialise pod template", e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Object canonical(PodTemplateSpec template, boolean stripHash) {
        Map<String, Object> map = MAPPER.convertValue(template, Map.class);
        if (stripHash && map.get("metadata") instanceof Map<?, ?> meta && meta.get("labels") instanceof Map<?, ?> labels) {
            ((Map<String, Object>) labels).remove(LABEL);
        }
        return prune(map);
    }

    /** Drops nulls and empty maps/lists so that omitted and empty fields (Go's omitempty) hash alike. */
    private static Object prune(Object value) {
        if (value instanceof Map<?, ?> m) {
            Map<String, Object> out = new HashMap<>();
            m.forEach((k, v) -> {
                Object p = prune(v);
                if (p != null) {
                    out.put((String) k, p);
                }
            });
            return out.isEmpty() ? null : out;
        }
        if (value instanceof Collection<?> c) {
            List<Object> out = new ArrayList<>();
            for (Object v : c) {
                Object p = prune(v);
                out.add(p == null ? Map.of() : p);
            }
            return out.isEmpty() ? null : out;
        }
        return value;
    }
}
