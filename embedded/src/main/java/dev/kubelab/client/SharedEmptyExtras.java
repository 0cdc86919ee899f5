package dev.kubelab.client;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.util.Collections;
import java.util.Map;

/**
 * Every fabric8 model object carries a map for fields its class does not know ({@code additionalProperties}),
 * created empty with the object: a pod decodes into some forty objects, so 10,000 cached pods in three components hold
 * over a million empty maps (70 MB). Once an object is decoded and its map is still empty, this hands it one shared
 * empty map instead. Equality, serialization and builders ({@code new PodBuilder(pod)} copies into a map of its own)
 * are unchanged; only adding an unknown field to a decoded object in place would fail — nothing here does.
 */
public final class SharedEmptyExtras {
    private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";
    private static final Map<String, Object> EMPTY = Collections.emptyMap();

    /** Per model class: its {@code getAdditionalProperties}/{@code setAdditionalProperties} pair, or null. */
    private static final ClassValue<MethodHandle[]> ACCESSORS = new ClassValue<>() {
        @Override
        protected MethodHandle[] computeValue(Class<?> type) {
            try {
                MethodHandles.Lookup lookup = MethodHandles.publicLookup();
                return new MethodHandle[] {
                        lookup.findVirtual(type, "getAdditionalProperties", MethodType.methodType(Map.class)),
                        lookup.findVirtual(type, "setAdditionalProperties", MethodType.methodType(void.class, Map.class))};
            } catch (ReflectiveOperationException e) {
                return null;
            }
        }
    };

    private SharedEmptyExtras() {
    }

    /** The Jackson module: fabric8 model beans are decoded, then given the shared empty map if theirs is empty. */
    public static SimpleModule module() {
        SimpleModule m = new SimpleModule("kubelab-shared-empty-extras");
        m.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyDeserializer(DeserializationConfig config, BeanDescription desc, JsonDeserializer<?> d) {
                Class<?> type = desc.getBeanClass();
                return type.getName().startsWith(MODEL_PACKAGE) && ACCESSORS.get(type) != null ? new Compacting(d) : d;
            }
        });
        return m;
    }

    /** Replaces an empty extras map of {@code o} with the shared one. */
    static void compact(Object o) {
        if (o == null) {
            return;
        }
        MethodHandle[] h = ACCESSORS.get(o.getClass());
        if (h == null) {
            return;
        }
        try {
            Map<?, ?> extras = (Map<?, ?>) h[0].invoke(o);
            if (extras != null && extras.isEmpty() && extras != EMPTY) {
                h[1].invoke(o, EMPTY);
            }
        } catch (Throwable e) {
            // not the generated accessor pair after all: leave the object as it is
        }
    }

    private static final class Compacting extends DelegatingDeserializer {
        Compacting(JsonDeserializer<?> d) {
            super(d);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> newDelegatee) {
            return new Compacting(newDelegatee);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object o = super.deserialize(p, ctxt);
            compact(o);
            return o;
        }
    }
}
