package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;

/** Work-queue keys as client-go's {@code cache.MetaNamespaceKeyFunc}: {@code namespace/name}, or {@code name} when cluster-scoped. */
public final class Keys {
    private Keys() {
    }

    public static String of(HasMetadata obj) {
        return of(obj.getMetadata().getNamespace(), obj.getMetadata().getName());
    }

    public static String of(String namespace, String name) {
        return namespace == null || namespace.isEmpty() ? name : namespace + "/" + name;
    }

    /** The namespace part of a key, or {@code null} for a cluster-scoped key. */
    public static String namespace(String key) {
        int i = key.indexOf('/');
        return i < 0 ? null : key.substring(0, i);
    }

    public static String name(String key) {
        int i = key.indexOf('/');
        return i < 0 ? key : key.substring(i + 1);
    }
}
