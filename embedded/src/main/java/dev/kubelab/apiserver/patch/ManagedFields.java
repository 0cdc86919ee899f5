package dev.kubelab.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * metadata.managedFields bookkeeping (k8s.io/apiserver/pkg/endpoints/handlers/fieldmanager):
 * each write records which fields its manager set — operation Update for create/update/patch,
 * Apply for server-side apply — and takes those fields away from the other managers.
 */
public final class ManagedFields {

    private ManagedFields() {}

    /** One managedFields entry. */
    public record Entry(String manager, String operation, String apiVersion, String time, String subresource, FieldSet fields) {}

    public static List<Entry> read(JsonNode obj) {
        List<Entry> out = new ArrayList<>();
        for (JsonNode e : obj.path("metadata").path("managedFields")) {
            out.add(new Entry(e.path("manager").asText(""), e.path("operation").asText("Update"), e.path("apiVersion").asText(""),
                    e.path("time").asText(null), e.path("subresource").asText(null), FieldSet.fromFieldsV1(e.path("fieldsV1"))));
        }
        return out;
    }

    public static void write(ObjectNode obj, List<Entry> entries) {
        ArrayNode arr = Json.MAPPER.createArrayNode();
        for (Entry e : entries) {
            if (e.fields().isEmpty()) continue;
            ObjectNode n = arr.addObject();
            n.put("manager", e.manager());
            n.put("operation", e.operation());
            n.put("apiVersion", e.apiVersion());
            if (e.time() != null) n.put("time", e.time());
            n.put("fieldsType", "FieldsV1");
            n.set("fieldsV1", e.fields().toFieldsV1());
            if (e.subresource() != null) n.put("subresource", e.subresource());
        }
        obj.with("metadata").set("managedFields", arr);
    }

    /** Records a non-apply write of next (current = null for a create) by manager. */
    public static void recordUpdate(ObjectNode next, ObjectNode current, String manager, String apiVersion, String time) {
        boolean status = false;
        List<Entry> entries = current == null ? new ArrayList<>() : read(current);
        FieldSet now = FieldSet.of(next, status);
        FieldSet changed;
        if (current == null) {
            changed = now;
        } else {
            Set<List<String>> diff = new LinkedHashSet<>();
            for (List<String> leaf : now.leaves()) {
                if (!Objects.equals(FieldSet.valueAt(next, leaf), FieldSet.valueAt(current, leaf))) diff.add(leaf);
            }
            changed = FieldSet.of(diff);
        }
        if (changed.isEmpty() && current != null) {
            write(next, entries);
            return;
        }
        List<Entry> out = new ArrayList<>();
        Entry mine = null;
        for (Entry e : entries) {
            if (e.manager().equals(manager) && e.operation().equals("Update") && e.subresource() == null) {
                mine = e;
                continue;
            }
            out.add(new Entry(e.manager(), e.operation(), e.apiVersion(), e.time(), e.subresource(), e.fields().minus(changed)));
        }
        FieldSet mineFields = mine == null ? changed : mine.fields().union(changed);
        // fields that no longer exist are owned by no one
        FieldSet owned;
        if (current == null) {
            owned = mineFields;   // a create: every field was just read off next, so all of them exist
        } else {
            Set<List<String>> alive = new LinkedHashSet<>();
            for (List<String> l : mineFields.leaves()) if (FieldSet.valueAt(next, l) != null) alive.add(l);
            owned = FieldSet.of(alive);
        }
        out.add(new Entry(manager, "Update", apiVersion, time, null, owned));
        write(next, out);
    }
}
