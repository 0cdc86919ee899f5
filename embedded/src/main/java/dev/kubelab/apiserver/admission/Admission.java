package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.List;
import java.util.Optional;

/** Helpers every plugin needs, named after k8s.io/apiserver/pkg/admission's. */
final class Admission {

    static final String CREATE = "CREATE", UPDATE = "UPDATE", DELETE = "DELETE", CONNECT = "CONNECT";

    private Admission() {}

    /** Whether the request is about group/resource itself (not a subresource). */
    static boolean is(AdmissionAttributes a, String group, String resource) {
        return a.resource() != null && a.resource().group().equals(group) && a.resource().resource().equals(resource)
                && (a.subresource() == null || a.subresource().isEmpty());
    }

    static boolean isPod(AdmissionAttributes a) {
        return is(a, "", "pods");
    }

    static String subresource(AdmissionAttributes a) {
        return a.subresource() == null ? "" : a.subresource();
    }

    /**
     * admission.NewForbidden(a, err): {@code <resource>[.<group>] ["<name>"] is forbidden: <err>}, the name taken
     * from the request or, failing that, from the object.
     */
    static StatusError forbidden(AdmissionAttributes a, String message) {
        String name = a.name();
        if ((name == null || name.isEmpty()) && a.object() != null) name = a.object().path("metadata").path("name").asText("");
        if ((name == null || name.isEmpty()) && a.oldObject() != null) name = a.oldObject().path("metadata").path("name").asText("");
        String group = a.resource().group();
        String resource = a.resource().resource();
        String qualified = group.isEmpty() ? resource : resource + "." + group;
        String full = name == null || name.isEmpty() ? qualified + " is forbidden: " + message
                : qualified + " \"" + name + "\" is forbidden: " + message;
        return StatusError.forbidden(group, resource, name == null || name.isEmpty() ? null : name, full);
    }

    /** A read of a kind this server may not serve (storage classes, runtime classes…): not served = none exist. */
    static Optional<ObjectNode> getIfServed(ObjectReader reader, String groupResource, String namespace, String name) {
        try {
            return reader.get(groupResource, namespace, name);
        } catch (IllegalArgumentException notServed) {
            return Optional.empty();
        }
    }

    static List<ObjectNode> listIfServed(ObjectReader reader, String groupResource, String namespace) {
        try {
            return reader.list(groupResource, namespace);
        } catch (IllegalArgumentException notServed) {
            return List.of();
        }
    }

    static ObjectNode spec(ObjectNode object) {
        return object.with("spec");
    }
}
