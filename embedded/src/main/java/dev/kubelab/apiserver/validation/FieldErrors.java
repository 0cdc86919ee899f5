package dev.kubelab.apiserver.validation;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apiserver.errors.StatusError.Cause;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Collects field errors worded as k8s.io/apimachinery/pkg/util/validation/field does: the cause message is the
 * error body ({@code Invalid value: "Foo_bar": <detail>}), the reason the metav1 CauseType
 * ({@code FieldValueInvalid}), the field the path. Values print like Go's %q for strings and %v for numbers.
 */
public final class FieldErrors {

    private final List<Cause> causes = new ArrayList<>();

    public List<Cause> causes() {
        return List.copyOf(causes);
    }

    public boolean isEmpty() {
        return causes.isEmpty();
    }

    public int size() {
        return causes.size();
    }

    public FieldErrors addAll(Collection<Cause> more) {
        causes.addAll(more);
        return this;
    }

    public FieldErrors required(FieldPath path, String detail) {
        return add("FieldValueRequired", path, "Required value", detail);
    }

    public FieldErrors invalid(FieldPath path, Object value, String detail) {
        return add("FieldValueInvalid", path, "Invalid value: " + format(value), detail);
    }

    public FieldErrors notSupported(FieldPath path, Object value, Collection<String> supported) {
        String detail = supported.isEmpty() ? "" : "supported values: "
                + supported.stream().map(s -> "\"" + s + "\"").collect(Collectors.joining(", "));
        return add("FieldValueNotSupported", path, "Unsupported value: " + format(value), detail);
    }

    public FieldErrors forbidden(FieldPath path, String detail) {
        return add("FieldValueForbidden", path, "Forbidden", detail);
    }

    public FieldErrors duplicate(FieldPath path, Object value) {
        return add("FieldValueDuplicate", path, "Duplicate value: " + format(value), "");
    }

    public FieldErrors notFound(FieldPath path, Object value) {
        return add("FieldValueNotFound", path, "Not found: " + format(value), "");
    }

    public FieldErrors tooLong(FieldPath path, int maxLength) {
        return add("FieldValueTooLong", path, "Too long", "may not be more than " + maxLength + " bytes");
    }

    public FieldErrors tooMany(FieldPath path, int actual, int max) {
        return add("FieldValueTooMany", path, "Too many: " + actual, "must have at most " + max + " items");
    }

    /** {@code field is immutable}, the detail apimachinery's ValidateImmutableField gives. */
    public FieldErrors immutable(FieldPath path, Object value) {
        return invalid(path, value, "field is immutable");
    }

    private FieldErrors add(String reason, FieldPath path, String body, String detail) {
        causes.add(new Cause(reason, detail == null || detail.isEmpty() ? body : body + ": " + detail, path.path()));
        return this;
    }

    /** Go's formatting of a bad value: %q for strings, %v for numbers and booleans, "null" for none. */
    static String format(Object value) {
        if (value == null) return "null";
        if (value instanceof JsonNode node) {
            if (node.isMissingNode() || node.isNull()) return "null";
            if (node.isTextual()) return quote(node.asText());
            if (node.isNumber() || node.isBoolean()) return node.asText();
            return node.toString();
        }
        if (value instanceof String s) return quote(s);
        return String.valueOf(value);
    }

    static String quote(String s) {
        StringBuilder sb = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\t' -> sb.append("\\t");
                default -> sb.append(c);
            }
        }
        return sb.append('"').toString();
    }
}
