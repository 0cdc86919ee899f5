package dev.kubelab.kernel.eval;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Hand-over point for {@link JavaEvaluator#bind}: the kernel parks an object here and a generated snippet
 * ({@code Type name = (Type) Bindings.take("key");}) moves it into a JShell variable. Public because the generated
 * snippet is compiled as user code.
 */
public final class Bindings {
    private static final Map<String, Object> PARKED = new ConcurrentHashMap<>();

    private Bindings() {
    }

    static void park(String key, Object value) {
        PARKED.put(key, value == null ? NULL : value);
    }

    public static Object take(String key) {
        Object v = PARKED.remove(key);
        return v == NULL ? null : v;
    }

    private static final Object NULL = new Object();
}
