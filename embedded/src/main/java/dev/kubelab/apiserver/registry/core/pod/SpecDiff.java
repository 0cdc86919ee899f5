package dev.kubelab.apiserver.registry.core.pod;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.TreeSet;

/**
 * A short rendering of how a spec changed, in the spirit of the go-cmp diff kube-apiserver appends to
 * "pod updates may not change fields…": one -/+ pair per changed top-level field, JSON values, Go field names.
 */
final class SpecDiff {

    private SpecDiff() {}

    static String of(String type, JsonNode before, JsonNode after) {
        StringBuilder sb = new StringBuilder("  ").append(type).append("{\n");
        TreeSet<String> fields = new TreeSet<>();
        before.fieldNames().forEachRemaining(fields::add);
        after.fieldNames().forEachRemaining(fields::add);
        int same = 0;
        for (String f : fields) {
            JsonNode b = before.get(f);
            JsonNode a = after.get(f);
            if (b != null && b.equals(a)) {
                same++;
                continue;
            }
            String go = Character.toUpperCase(f.charAt(0)) + f.substring(1);
            if (b != null) sb.append("- \t").append(go).append(": ").append(b).append(",\n");
            if (a != null) sb.append("+ \t").append(go).append(": ").append(a).append(",\n");
        }
        if (same > 0) sb.append("  \t... // ").append(same).append(" identical fields\n");
        return sb.append("  }\n").toString();
    }
}
