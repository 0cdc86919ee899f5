package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.printers.Printers;
import dev.kubelab.apiserver.printers.TableConvertor;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.util.List;

/**
 * meta.k8s.io/v1 Table responses (what `kubectl get` asks for with
 * {@code Accept: application/json;as=Table;v=v1;g=meta.k8s.io}); cells come from the kind's
 * printer; includeObject=None|Metadata (default)|Object decides what each row carries.
 */
public final class Tables {

    private Tables() {}

    /** Which representation the Accept header asks for. */
    public enum Want { OBJECT, TABLE, PARTIAL_METADATA }

    public static Want negotiate(String accept) {
        if (accept == null || accept.isEmpty()) return Want.OBJECT;
        for (String part : accept.split(",")) {
            String p = part.replace(" ", "");
            if (p.contains("as=Table") && p.contains("g=meta.k8s.io") && (p.contains("v=v1;") || p.endsWith("v=v1") || p.contains("v=v1beta1"))) {
                return Want.TABLE;
            }
            if ((p.contains("as=PartialObjectMetadataList") || p.contains("as=PartialObjectMetadata")) && p.contains("g=meta.k8s.io")) {
                return Want.PARTIAL_METADATA;
            }
            if (p.startsWith("application/json") || p.startsWith("*/*") || p.startsWith("application/*")) {
                if (!p.contains("as=")) return Want.OBJECT;
            }
        }
        return Want.OBJECT;
    }

    public static ObjectNode table(ResourceInfo ri, List<ObjectNode> items, String resourceVersion, String cont,
                                   Long remaining, String includeObject, boolean withColumns) {
        String include = includeObject == null || includeObject.isEmpty() ? "Metadata" : includeObject;
        if (!include.equals("Metadata") && !include.equals("Object") && !include.equals("None")) {
            throw StatusError.badRequest("includeObject: Unsupported value: \"" + include + "\": supported values: \"Metadata\", \"None\", \"Object\"");
        }
        TableConvertor conv = Printers.forResource(ri);
        ObjectNode t = Json.MAPPER.createObjectNode();
        t.put("kind", "Table");
        t.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = t.putObject("metadata");
        if (resourceVersion != null) meta.put("resourceVersion", resourceVersion);
        if (cont != null) meta.put("continue", cont);
        if (remaining != null) meta.put("remainingItemCount", remaining);
        ArrayNode cols = t.putArray("columnDefinitions");
        if (withColumns) {
            for (TableConvertor.Column c : conv.columns()) {
                ObjectNode cn = cols.addObject();
                cn.put("name", c.name());
                cn.put("type", c.type());
                cn.put("format", c.format());
                cn.put("description", c.description());
                cn.put("priority", c.priority());
            }
        }
        ArrayNode rows = t.putArray("rows");
        for (ObjectNode o : items) {
            ObjectNode row = rows.addObject();
            ArrayNode cells = row.putArray("cells");
            for (Object cell : conv.cells(o)) cells.add(Json.MAPPER.valueToTree(cell == null ? null : cell) == null ? null : (JsonNode) Json.MAPPER.valueToTree(cell));
            switch (include) {
                case "Object" -> row.set("object", o);
                case "Metadata" -> row.set("object", partial(o));
                default -> { }
            }
        }
        return t;
    }

    public static ObjectNode partial(ObjectNode o) {
        ObjectNode p = Json.MAPPER.createObjectNode();
        p.put("kind", "PartialObjectMetadata");
        p.put("apiVersion", "meta.k8s.io/v1");
        p.set("metadata", o.path("metadata").deepCopy());
        return p;
    }

    public static ObjectNode partialList(List<ObjectNode> items, String rv, String cont) {
        ObjectNode l = Json.MAPPER.createObjectNode();
        l.put("kind", "PartialObjectMetadataList");
        l.put("apiVersion", "meta.k8s.io/v1");
        ObjectNode meta = l.putObject("metadata");
        meta.put("resourceVersion", rv);
        if (cont != null) meta.put("continue", cont);
        ArrayNode arr = l.putArray("items");
        for (ObjectNode o : items) arr.add(partial(o));
        return l;
    }
}
