package dev.kubelab.apiserver.errors;

import java.util.List;

/**
 * An API error that becomes a meta/v1 {@code Status} on the wire, as apimachinery's
 * {@code errors.StatusError}. Factories mirror k8s.io/apimachinery/pkg/api/errors so that
 * messages read exactly as kubectl shows them on a real cluster.
 */
public final class StatusError extends RuntimeException {

    /** One field-level cause of a 422 Invalid (metav1.StatusCause). */
    public record Cause(String reason, String message, String field) {}

    private final int code;
    private final String reason;
    private final String group;
    private final String kind;
    private final String name;
    private final List<Cause> causes;
    private final Integer retryAfterSeconds;

    public StatusError(int code, String reason, String message, String group, String kind, String name,
                       List<Cause> causes, Integer retryAfterSeconds) {
        super(message, null, false, false);
        this.code = code;
        this.reason = reason;
        this.group = group;
        this.kind = kind;
        this.name = name;
        this.causes = causes == null ? List.of() : List.copyOf(causes);
        this.retryAfterSeconds = retryAfterSeconds;
    }

    public int code() { return code; }
    public String reason() { return reason; }
    public String group() { return group; }
    /** The resource (plural, e.g. "pods") as apimachinery puts it in details.kind. */
    public String kind() { return kind; }
    public String name() { return name; }
    public List<Cause> causes() { return causes; }
    public Integer retryAfterSeconds() { return retryAfterSeconds; }

    // ---- factories, named and worded as in k8s.io/apimachinery/pkg/api/errors ----

    /** {@code pods "x" not found}; qualifiedResource is e.g. "pods" or "deployments.apps". */
    public static StatusError notFound(String group, String resource, String name) {
        return new StatusError(404, "NotFound", qualified(group, resource) + " \"" + name + "\" not found",
                group, resource, name, null, null);
    }

    public static StatusError alreadyExists(String group, String resource, String name) {
        return new StatusError(409, "AlreadyExists", qualified(group, resource) + " \"" + name + "\" already exists",
                group, resource, name, null, null);
    }

    public static StatusError conflict(String group, String resource, String name, String detail) {
        return new StatusError(409, "Conflict", "Operation cannot be fulfilled on " + qualified(group, resource)
                + " \"" + name + "\": " + detail, group, resource, name, null, null);
    }

    /** 422 with field causes: {@code Pod "x" is invalid: spec.containers: Required value}. */
    public static StatusError invalid(String group, String kind, String name, List<Cause> causes) {
        StringBuilder msg = new StringBuilder();
        msg.append(kind).append(" \"").append(name).append("\" is invalid: ");
        if (causes.size() == 1) {
            msg.append(causes.get(0).field()).append(": ").append(causes.get(0).message());
        } else {
            msg.append('[');
            for (int i = 0; i < causes.size(); i++) {
                if (i > 0) msg.append(", ");
                msg.append(causes.get(i).field()).append(": ").append(causes.get(i).message());
            }
            msg.append(']');
        }
        return new StatusError(422, "Invalid", msg.toString(), group, kind, name, causes, null);
    }

    public static StatusError badRequest(String message) {
        return new StatusError(400, "BadRequest", message, null, null, null, null, null);
    }

    public static StatusError forbidden(String group, String resource, String name, String message) {
        return new StatusError(403, "Forbidden", message, group, resource, name, null, null);
    }

    public static StatusError unauthorized(String message) {
        return new StatusError(401, "Unauthorized", message, null, null, null, null, null);
    }

    public static StatusError methodNotSupported(String group, String resource, String verb) {
        return new StatusError(405, "MethodNotAllowed", verb + " is not supported on resources of kind \""
                + qualified(group, resource) + "\"", group, resource, null, null, null);
    }

    public static StatusError gone(String message) {
        return new StatusError(410, "Expired", message, null, null, null, null, null);
    }

    public static StatusError tooManyRequests(String message, int retryAfterSeconds) {
        return new StatusError(429, "TooManyRequests", message, null, null, null, null, retryAfterSeconds);
    }

    public static StatusError requestEntityTooLarge(String message) {
        return new StatusError(413, "RequestEntityTooLarge", message, null, null, null, null, null);
    }

    public static StatusError unsupportedMediaType(String contentType) {
        return new StatusError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                + "accepted media types include: application/json-patch+json, application/merge-patch+json, "
                + "application/apply-patch+yaml, application/strategic-merge-patch+json", null, null, null, null, null);
    }

    /** A body in an encoding this server does not decode (kube-apiserver's wording, with kubelab's list). */
    public static StatusError unsupportedBodyFormat() {
        return new StatusError(415, "UnsupportedMediaType", "the body of the request was in an unknown format - "
                + "accepted media types include: application/json, application/yaml", null, null, null, null, null);
    }

    public static StatusError internal(String message) {
        return new StatusError(500, "InternalError", "Internal error occurred: " + message, null, null, null, null, null);
    }

    /** etcd down or timing out: kube-apiserver answers 500/503 naming the storage backend. */
    public static StatusError serviceUnavailable(String message) {
        return new StatusError(503, "ServiceUnavailable", message, null, null, null, null, 1);
    }

    private static String qualified(String group, String resource) {
        return group == null || group.isEmpty() ? resource : resource + "." + group;
    }
}
