package dev.kubelab.client;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.BasicItemStore;
import io.fabric8.kubernetes.client.informers.cache.Cache;

/**
 * The informer transform kube-controller-manager (since 1.28) and kube-scheduler set on their informers: drop
 * {@code metadata.managedFields} from each object as it enters the cache, since no controller reads them and they are
 * often a third of an object's size. fabric8 has no transform hook, so this is an item store that strips the field
 * on {@code put}; the event handlers receive the same (stripped) object the cache holds, as with client-go.
 */
public final class DropManagedFields<T extends HasMetadata> extends BasicItemStore<T> {
    private DropManagedFields() {
        super(Cache::metaNamespaceKeyFunc);
    }

    /** Sets the transform on a not yet started informer; returns it. */
    public static <T extends HasMetadata> SharedIndexInformer<T> on(SharedIndexInformer<T> informer) {
        return informer.itemStore(new DropManagedFields<>());
    }

    @Override
    public T put(String key, T obj) {
        if (obj.getMetadata() != null && obj.getMetadata().getManagedFields() != null) {
            // the object was decoded for this informer alone, so it may be changed in place
            obj.getMetadata().setManagedFields(null);
        }
        return super.put(key, obj);
    }
}
