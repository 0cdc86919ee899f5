package dev.kubelab.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;

/**
 * Decoded strings shared instead of repeated. The components of one JVM each cache every pod (kube-controller-manager,
 * kube-scheduler, the kubelets), and pods repeat the same values — namespace, labels, image, node names, condition
 * types and reasons, timestamps, and in each cache the same uid and names: at 10,000 pods these copies are a large part
 * of the heap. A direct-mapped table of recent strings (fixed size: it never grows and never pins much) hands back an
 * equal string decoded earlier. What a component sees is unchanged: equal strings, only fewer of them.
 */
public final class InternedStrings {
    /** Longer strings are rarely repeated (messages, certificates): not worth a lookup. */
    static final int MAX_LENGTH = 128;
    private static final int SLOTS = 1 << 16;
    private static final String[] TABLE = new String[SLOTS];

    private InternedStrings() {
    }

    /** An equal string seen recently, else {@code s} (remembered for next time). */
    public static String intern(String s) {
        if (s == null || s.length() > MAX_LENGTH) {
            return s;
        }
        int h = s.hashCode();
        int slot = (h ^ (h >>> 16)) & (SLOTS - 1);
        // racy by design: a reference read or write is atomic, and a lost update only costs a miss
        String seen = TABLE[slot];
        if (seen != null && seen.equals(s)) {
            return seen;
        }
        TABLE[slot] = s;
        return s;
    }

    /** A Jackson module decoding string values and map keys through {@link #intern}. */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("kubelab-interned-strings");
        m.addDeserializer(String.class, new Values());
        m.addKeyDeserializer(String.class, new Keys());
        return m;
    }

    /** String values (not annotated {@code @JacksonStdImpl}, so Jackson treats it as the custom deserializer it is). */
    private static final class Values extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return intern(super.deserialize(p, ctxt));
        }
    }

    /** Map keys (labels, annotations, resource names). */
    private static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) {
            return intern(key);
        }
    }
}
