package dev.kubelab.controller.framework;

import dev.kubelab.client.DropManagedFields;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.fabric8.kubernetes.client.informers.cache.Cache;
import io.fabric8.kubernetes.api.model.OwnerReference;
import java.time.Duration;
import java.util.HashMap;
import java.util.function.Function;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * client-go's {@code SharedInformerFactory} for the controller manager: one list+watch per resource type,
 * shared by all controllers (kube-controller-manager's "shared-informers" client). Informers are created on
 * first request and started by {@link #start()}; informers requested after start are started at once.
 */
public final class SharedInformers implements AutoCloseable {
    /** Index of every informer: the object's uid (owner lookups). */
    public static final String UID_INDEX = "uid";
    /** Index of every informer: the uids in the object's ownerReferences (dependents lookups). */
    public static final String OWNER_UID_INDEX = "ownerUid";
    private final KubernetesClient client;
    private final long resyncMillis;
    private final Map<Class<?>, SharedIndexInformer<?>> informers = new ConcurrentHashMap<>();
    private volatile boolean started;

    public SharedInformers(KubernetesClient client, Duration resync) {
        this.client = client;
        this.resyncMillis = resync.toMillis();
    }

    @SuppressWarnings("unchecked")
    public <T extends HasMetadata> SharedIndexInformer<T> informer(Class<T> type) {
        return (SharedIndexInformer<T>) informers.computeIfAbsent(type, t -> {
            // kube-controller-manager's informer factory drops managedFields from what it caches (since 1.28)
            SharedIndexInformer<T> inf = DropManagedFields.on(client.resources(type).inAnyNamespace().runnableInformer(resyncMillis));
            Map<String, Function<T, List<String>>> indexers = new HashMap<>();
            indexers.put(UID_INDEX, o -> o.getMetadata().getUid() == null ? List.of() : List.of(o.getMetadata().getUid()));
            indexers.put(OWNER_UID_INDEX, o -> o.getMetadata().getOwnerReferences() == null ? List.of()
                    : o.getMetadata().getOwnerReferences().stream().map(OwnerReference::getUid).toList());
            inf.addIndexers(indexers);
            if (started) {
                inf.start();
            }
            return inf;
        });
    }

    public <T extends HasMetadata> List<T> byIndex(Class<T> type, String index, String value) {
        return informer(type).getIndexer().byIndex(index, value);
    }

    /** Objects of a type in one namespace, from the informer's cache. */
    public <T extends HasMetadata> List<T> list(Class<T> type, String namespace) {
        return informer(type).getIndexer().byIndex(Cache.NAMESPACE_INDEX, namespace);
    }

    public <T extends HasMetadata> List<T> listAll(Class<T> type) {
        return informer(type).getIndexer().list();
    }

    public <T extends HasMetadata> T get(Class<T> type, String key) {
        return informer(type).getIndexer().getByKey(key);
    }

    public synchronized void start() {
        started = true;
        informers.values().forEach(i -> {
            if (!i.isRunning()) {
                i.start();
            }
        });
    }

    /** Waits until every informer has done its initial list (cache.WaitForCacheSync). */
    public boolean waitForSync(Duration timeout) {
        List<CompletableFuture<Void>> all = new ArrayList<>();
        for (SharedIndexInformer<?> i : informers.values()) {
            all.add(i.start().toCompletableFuture());
        }
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    public synchronized void stop() {
        started = false;
        informers.values().forEach(SharedIndexInformer::stop);
        // Wait for the reflectors to wind down so that closing the client afterwards is quiet.
        for (SharedIndexInformer<?> i : informers.values()) {
            try {
                i.stopped().toCompletableFuture().get(2, TimeUnit.SECONDS);
            } catch (Exception e) {
                // stopped with an error or slow: nothing more to do
            }
        }
        informers.clear();
    }

    @Override
    public void close() {
        stop();
    }
}
