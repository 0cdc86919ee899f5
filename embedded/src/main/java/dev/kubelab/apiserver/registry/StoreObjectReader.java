package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.selectors.FieldSelector;
import dev.kubelab.apiserver.selectors.LabelSelector;
import dev.kubelab.apiserver.storage.ObjectStore;
import java.util.List;
import java.util.Optional;

/** {@link ObjectReader} straight from storage (consistent reads; kube-apiserver uses informer caches). */
public final class StoreObjectReader implements ObjectReader {

    private final ObjectStore store;

    public StoreObjectReader(ObjectStore store) {
        this.store = store;
    }

    @Override
    public Optional<ObjectNode> get(String groupResource, String namespace, String name) {
        ResourceInfo ri = resource(groupResource);
        return Optional.ofNullable(store.find(ri, ri.namespaced() ? namespace : null, name));
    }

    @Override
    public List<ObjectNode> list(String groupResource, String namespace) {
        ResourceInfo ri = resource(groupResource);
        return store.list(ri, ri.namespaced() ? namespace : null, LabelSelector.EVERYTHING, FieldSelector.EVERYTHING, 0, null).items();
    }

    private static ResourceInfo resource(String groupResource) {
        return BuiltinResources.byGroupResource(groupResource)
                .orElseThrow(() -> new IllegalArgumentException("not a served resource: " + groupResource));
    }
}
