package dev.kubelab.magics.teaching.check;

import com.fasterxml.jackson.databind.JsonNode;

/** Dotted paths with indexes into an object ({@code spec.containers[0].image}); null when absent. */
final class FieldPath {
    private FieldPath() {
    }

    static String text(JsonNode root, String path) {
        JsonNode n = root;
        for (String part : path.split("\\.")) {
            String key = part;
            Integer index = null;
            int b = part.indexOf('[');
            if (b >= 0 && part.endsWith("]")) {
                key = part.substring(0, b);
                index = Integer.parseInt(part.substring(b + 1, part.length() - 1));
            }
            if (!key.isEmpty()) n = n.path(key);
            if (index != null) n = n.path(index);
            if (n.isMissingNode() || n.isNull()) return null;
        }
        return n.isValueNode() ? n.asText() : n.toString();
    }
}
