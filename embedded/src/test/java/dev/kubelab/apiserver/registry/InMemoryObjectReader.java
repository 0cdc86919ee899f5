package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** ObjectReader over a map, keyed like storage: groupResource → "namespace/name" (or "name") → object. */
public final class InMemoryObjectReader implements ObjectReader {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, Map<String, ObjectNode>> data = new ConcurrentHashMap<>();

    public InMemoryObjectReader put(String groupResource, ObjectNode object) {
        String ns = object.path("metadata").path("namespace").asText("");
        String name = object.path("metadata").path("name").asText();
        data.computeIfAbsent(groupResource, k -> new ConcurrentHashMap<>()).put(ns.isEmpty() ? name : ns + "/" + name, object);
        return this;
    }

    public InMemoryObjectReader putJson(String groupResource, String json) {
        try {
            return put(groupResource, (ObjectNode) JSON.readTree(json.replace('\'', '"')));
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public void remove(String groupResource, String namespace, String name) {
        Map<String, ObjectNode> m = data.get(groupResource);
        if (m != null) m.remove(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name);
    }

    @Override
    public Optional<ObjectNode> get(String groupResource, String namespace, String name) {
        Map<String, ObjectNode> m = data.getOrDefault(groupResource, Map.of());
        return Optional.ofNullable(m.get(namespace == null || namespace.isEmpty() ? name : namespace + "/" + name))
                .map(ObjectNode::deepCopy);
    }

    @Override
    public List<ObjectNode> list(String groupResource, String namespace) {
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : data.getOrDefault(groupResource, Map.of()).values()) {
            if (namespace == null || namespace.equals(o.path("metadata").path("namespace").asText(""))) out.add(o.deepCopy());
        }
        return out;
    }
}
