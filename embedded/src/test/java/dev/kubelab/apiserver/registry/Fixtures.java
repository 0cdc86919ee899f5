package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kubelab.apiserver.errors.StatusError;
import java.util.List;
import java.util.stream.Collectors;

/** YAML fixtures (as kubectl would send them, converted to JSON) and the resources they belong to. */
public final class Fixtures {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private Fixtures() {}

    public static ObjectNode yaml(String text) {
        try {
            return (ObjectNode) YAML.readTree(text);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    public static ResourceInfo resource(String group, String kind, String resource, boolean namespaced) {
        return new ResourceInfo(group, "v1", kind, resource, kind.toLowerCase(), namespaced, List.of(), List.of(),
                List.of("create", "get", "list"), List.of(), resource);
    }

    public static ResourceStrategy strategy(String group, String kind, String resource, boolean namespaced) {
        return Strategies.forResource(resource(group, kind, resource, namespaced));
    }

    /** "field: message" lines, as the Invalid Status message lists them. */
    public static List<String> lines(List<StatusError.Cause> causes) {
        return causes.stream().map(c -> c.field() + ": " + c.message()).collect(Collectors.toList());
    }

    /** Defaults, create preparation and validation, as the API server runs them for a POST. */
    public static List<StatusError.Cause> create(ResourceStrategy s, ObjectNode obj) {
        s.applyDefaults(obj);
        s.prepareForCreate(obj);
        return s.validate(obj);
    }
}
