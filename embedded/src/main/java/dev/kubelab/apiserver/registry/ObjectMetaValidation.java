package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The generic part of kube-apiserver's ValidateObjectMeta that every kind shares: the name is
 * required and, by kind, a DNS-1123 subdomain, a DNS-1123 label, or (RBAC) a path segment.
 * Kind-specific rules live in the strategies.
 */
public final class ObjectMetaValidation {

    private static final Pattern LABEL = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?");
    private static final Pattern SUBDOMAIN = Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Set<String> LABEL_NAMED = Set.of("namespaces", "services");
    private static final Set<String> PATH_SEGMENT_NAMED = Set.of("roles", "clusterroles", "rolebindings", "clusterrolebindings");

    private ObjectMetaValidation() {}

    public static List<StatusError.Cause> validateName(ResourceInfo ri, ObjectNode obj) {
        List<StatusError.Cause> out = new ArrayList<>();
        String name = obj.path("metadata").path("name").asText("");
        if (name.isEmpty()) {
            out.add(new StatusError.Cause("FieldValueRequired", "Required value: name or generateName is required", "metadata.name"));
            return out;
        }
        if (PATH_SEGMENT_NAMED.contains(ri.resource())) {
            if (name.equals(".") || name.equals("..") || name.contains("/") || name.contains("%")) {
                out.add(new StatusError.Cause("FieldValueInvalid", "Invalid value: \"" + name + "\": may not contain '/' or '%' and may not be '.' or '..'", "metadata.name"));
            }
        } else if (LABEL_NAMED.contains(ri.resource())) {
            if (name.length() > 63 || !LABEL.matcher(name).matches()) {
                out.add(new StatusError.Cause("FieldValueInvalid", "Invalid value: \"" + name + "\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')", "metadata.name"));
            }
        } else if (name.length() > 253 || !SUBDOMAIN.matcher(name).matches()) {
            out.add(new StatusError.Cause("FieldValueInvalid", "Invalid value: \"" + name + "\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')", "metadata.name"));
        }
        return out;
    }
}
