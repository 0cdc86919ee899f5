package dev.kubelab.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Server-side apply (application/apply-patch+yaml) for the common kubectl --server-side cases:
 * the applied configuration is merged into the live object (maps recursively, keyed lists by
 * merge key, other lists atomically); fields this manager applied before but dropped now are
 * removed unless someone else owns them; changing a field another manager owns to a different
 * value is a 409 conflict unless force=true, which takes the field over.
 */
public final class ServerSideApply {

    private ServerSideApply() {}

    /** The object after applying config as manager; live is null when the object does not exist yet. */
    public static ObjectNode apply(ObjectNode live, ObjectNode config, String manager, String apiVersion, boolean force, String time) {
        FieldSet applied = FieldSet.of(config, false);
        if (live == null) {
            ObjectNode obj = config.deepCopy();
            ManagedFields.write(obj, List.of(new ManagedFields.Entry(manager, "Apply", apiVersion, time, null, applied)));
            return obj;
        }
        List<ManagedFields.Entry> entries = ManagedFields.read(live);
        // conflicts: fields another manager owns whose value this apply would change
        List<String> conflicts = new ArrayList<>();
        List<StatusError.Cause> causes = new ArrayList<>();
        Set<List<String>> conflicting = new LinkedHashSet<>();
        for (ManagedFields.Entry e : entries) {
            if (e.manager().equals(manager) && e.operation().equals("Apply")) continue;
            if (e.subresource() != null) continue;
            for (List<String> leaf : e.fields().intersect(applied).leaves()) {
                if (leaf.get(leaf.size() - 1).equals(".")) continue;
                JsonNode want = FieldSet.valueAt(config, leaf);
                JsonNode have = FieldSet.valueAt(live, leaf);
                if (want != null && !Objects.equals(want, have)) {
                    conflicting.add(leaf);
                    String msg = "conflict with \"" + e.manager() + "\"" + (e.operation().equals("Update") ? " using " + e.apiVersion() : "");
                    conflicts.add(msg + ": " + FieldSet.describe(leaf));
                    causes.add(new StatusError.Cause("FieldManagerConflict", msg, FieldSet.describe(leaf)));
                }
            }
        }
        if (!conflicts.isEmpty() && !force) {
            String message = "Apply failed with " + conflicts.size() + " conflict" + (conflicts.size() == 1 ? "" : "s") + ": "
                    + String.join("\n", conflicts);
            throw new StatusError(409, "Conflict", message, null, null, null, causes, null);
        }
        FieldSet previous = null;
        for (ManagedFields.Entry e : entries) {
            if (e.manager().equals(manager) && e.operation().equals("Apply")) previous = e.fields();
        }
        ObjectNode merged = StrategicMergePatch.apply(live, config);
        // fields this manager dropped from its configuration and nobody else owns are removed
        if (previous != null) {
            FieldSet dropped = previous.minus(applied);
            FieldSet others = FieldSet.of(Set.of());
            for (ManagedFields.Entry e : entries) {
                if (!(e.manager().equals(manager) && e.operation().equals("Apply"))) others = others.union(e.fields());
            }
            for (List<String> leaf : dropped.leaves()) {
                if (!others.intersect(FieldSet.of(Set.of(leaf))).isEmpty()) continue;
                FieldSet.remove(merged, leaf);
            }
        }
        FieldSet taken = FieldSet.of(conflicting);
        List<ManagedFields.Entry> out = new ArrayList<>();
        for (ManagedFields.Entry e : entries) {
            if (e.manager().equals(manager) && e.operation().equals("Apply")) continue;
            out.add(new ManagedFields.Entry(e.manager(), e.operation(), e.apiVersion(), e.time(), e.subresource(),
                    force ? e.fields().minus(taken) : e.fields()));
        }
        out.add(new ManagedFields.Entry(manager, "Apply", apiVersion, time, null, applied));
        ManagedFields.write(merged, out);
        return merged;
    }
}
