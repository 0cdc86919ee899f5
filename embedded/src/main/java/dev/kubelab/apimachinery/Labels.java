package dev.kubelab.apimachinery;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;

/**
 * {@code k8s.io/apimachinery/pkg/labels.Labels}: what a {@link Selector} reads of an object's labels. Two views, so
 * that the API server matches stored JSON and the controllers typed objects with the one selector.
 */
public interface Labels {

    boolean has(String key);

    /** The value, or null when the label is absent. */
    String get(String key);

    /** A label map (null: no labels). */
    static Labels of(Map<String, String> labels) {
        Map<String, String> l = labels == null ? Map.of() : labels;
        return new Labels() {
            @Override
            public boolean has(String key) {
                return l.containsKey(key);
            }

            @Override
            public String get(String key) {
                return l.get(key);
            }
        };
    }

    /** An object's metadata.labels as stored JSON (missing or null: no labels; a null value: absent). */
    static Labels of(JsonNode labels) {
        return new Labels() {
            @Override
            public boolean has(String key) {
                return labels != null && labels.hasNonNull(key);
            }

            @Override
            public String get(String key) {
                return has(key) ? labels.get(key).asText() : null;
            }
        };
    }
}
