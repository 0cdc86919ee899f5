package dev.kubelab.apiserver.authorization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * An {@link ObjectReader} that keeps the RBAC objects (roles, cluster roles and their bindings) in memory, as
 * kube-apiserver's RBAC authorizer reads them from informer caches rather than from etcd on every request.
 * Everything else passes straight through. The owner calls {@link #invalidate()} when an RBAC object is written
 * (or its watch sees a change); entries also expire after maxAge, a safety net that bounds staleness the way
 * informer lag does on a real cluster.
 */
public final class PolicyCache implements ObjectReader {

    private static final java.util.Set<String> CACHED = java.util.Set.of(RuleResolver.CLUSTER_ROLES,
            RuleResolver.CLUSTER_ROLE_BINDINGS, RuleResolver.ROLES, RuleResolver.ROLE_BINDINGS);

    private record Entry(List<ObjectNode> items, long loadedAt) {}

    private final ObjectReader delegate;
    private final long maxAgeNanos;
    private final Map<String, Entry> lists = new ConcurrentHashMap<>();
    private volatile long generation;

    public PolicyCache(ObjectReader delegate, Duration maxAge) {
        this.delegate = delegate;
        this.maxAgeNanos = maxAge.toNanos();
    }

    /** Drops everything cached; the next read goes to the store. */
    public void invalidate() {
        generation++;
        lists.clear();
    }

    /** Whether writes to this group-resource must be followed by {@link #invalidate()}. */
    public static boolean caches(String groupResource) {
        return CACHED.contains(groupResource);
    }

    @Override
    public Optional<ObjectNode> get(String groupResource, String namespace, String name) {
        if (!CACHED.contains(groupResource)) return delegate.get(groupResource, namespace, name);
        for (ObjectNode o : list(groupResource, namespace)) {
            if (o.path("metadata").path("name").asText().equals(name)) return Optional.of(o);
        }
        return Optional.empty();
    }

    @Override
    public List<ObjectNode> list(String groupResource, String namespace) {
        if (!CACHED.contains(groupResource)) return delegate.list(groupResource, namespace);
        String key = groupResource + "|" + (namespace == null ? "" : namespace);
        long now = System.nanoTime();
        Entry e = lists.get(key);
        if (e != null && now - e.loadedAt < maxAgeNanos) return e.items;
        long gen = generation;
        List<ObjectNode> items = List.copyOf(delegate.list(groupResource, namespace));
        // a write that raced with this load must not be hidden behind it
        if (gen == generation) lists.put(key, new Entry(items, now));
        return items;
    }
}
