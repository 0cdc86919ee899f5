package dev.kubelab.apiserver.selectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A field selector ({@code a=b,c!=d}) over the fields each kind supports, as its strategy's
 * GetAttrs/SelectableFields in kube-apiserver do. Any other field is a 400
 * {@code field label not supported: x}.
 */
public final class FieldSelector {

    record Term(String field, boolean equal, String value) {}

    public static final FieldSelector EVERYTHING = new FieldSelector(List.of());

    /** Supported fields per groupResource beyond metadata.name and metadata.namespace. */
    private static final Map<String, Set<String>> FIELDS = Map.ofEntries(
            Map.entry("pods", Set.of("spec.nodeName", "spec.restartPolicy", "spec.schedulerName", "spec.serviceAccountName",
                    "spec.hostNetwork", "status.phase", "status.podIP", "status.nominatedNodeName")),
            Map.entry("events", Set.of("involvedObject.kind", "involvedObject.namespace", "involvedObject.name",
                    "involvedObject.uid", "involvedObject.apiVersion", "involvedObject.resourceVersion",
                    "involvedObject.fieldPath", "reason", "reportingComponent", "source", "type")),
            Map.entry("events.events.k8s.io", Set.of("regarding.kind", "regarding.namespace", "regarding.name", "regarding.uid",
                    "regarding.apiVersion", "regarding.resourceVersion", "regarding.fieldPath", "reason", "reportingController", "type")),
            Map.entry("nodes", Set.of("spec.unschedulable")),
            Map.entry("namespaces", Set.of("status.phase")),
            Map.entry("secrets", Set.of("type")),
            Map.entry("replicasets.apps", Set.of("status.replicas")),
            Map.entry("jobs.batch", Set.of("status.successful")));

    private final List<Term> terms;

    private FieldSelector(List<Term> terms) {
        this.terms = terms;
    }

    public boolean isEmpty() {
        return terms.isEmpty();
    }

    /** The value of metadata.name=... when the selector pins one name (lets a list become a get). */
    public String pinnedName() {
        for (Term t : terms) if (t.equal && t.field.equals("metadata.name")) return t.value;
        return null;
    }

    public static FieldSelector parse(String s, ResourceInfo resource) {
        if (s == null || s.isBlank()) return EVERYTHING;
        Set<String> allowed = FIELDS.getOrDefault(resource.groupResource(), Set.of());
        List<Term> out = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.trim();
            if (p.isEmpty()) continue;
            int idx;
            boolean eq;
            int skip;
            if ((idx = p.indexOf("!=")) >= 0) { eq = false; skip = 2; }
            else if ((idx = p.indexOf("==")) >= 0) { eq = true; skip = 2; }
            else if ((idx = p.indexOf('=')) >= 0) { eq = true; skip = 1; }
            else throw StatusError.badRequest("invalid selector: '" + s + "'; can't understand '" + p + "'");
            String field = p.substring(0, idx).trim();
            String value = p.substring(idx + skip).trim();
            if (!field.equals("metadata.name") && !field.equals("metadata.namespace") && !allowed.contains(field)) {
                throw StatusError.badRequest("field label not supported: " + field);
            }
            out.add(new Term(field, eq, value));
        }
        return new FieldSelector(List.copyOf(out));
    }

    public boolean matches(ObjectNode obj) {
        for (Term t : terms) {
            String actual = value(obj, t.field);
            if (t.equal != actual.equals(t.value)) return false;
        }
        return true;
    }

    /** The field's value as kube's field sets hold it (missing = ""). */
    static String value(ObjectNode obj, String field) {
        if (field.equals("source")) {
            return obj.path("source").path("component").asText("");
        }
        if (field.equals("spec.unschedulable") || field.equals("spec.hostNetwork")) {
            return Boolean.toString(obj.at("/" + field.replace('.', '/')).asBoolean(false));
        }
        JsonNode n = obj.at("/" + field.replace('.', '/'));
        return n.isMissingNode() || n.isNull() ? "" : n.asText();
    }
}
