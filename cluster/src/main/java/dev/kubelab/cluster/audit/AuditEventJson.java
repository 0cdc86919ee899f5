package dev.kubelab.cluster.audit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubelab.cluster.TraceSource;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * One line of a kube-apiserver audit log (the JSON log backend writes one {@code audit.k8s.io/v1} {@code Event} per
 * line) as a {@link TraceSource.Event}. Only {@code ResponseComplete} records become trace events: each request is
 * logged once per stage, and that stage carries the response code. A watch is logged at {@code ResponseStarted}
 * and only completes when it ends, so watches show up (as the request that opened them) in {@code --all} traces only.
 */
final class AuditEventJson {
    private static final ObjectMapper JSON = new ObjectMapper();
    static final String RESPONSE_COMPLETE = "ResponseComplete";

    private AuditEventJson() {
    }

    /**
     * @param clock how wall-clock times in the log become the trace's monotonic scale
     * @return the trace event, or empty for other stages, non-resource requests (/healthz …) and lines that are not
     *         audit events (a partial line at a rotation, a blank line)
     */
    static Optional<TraceSource.Event> parse(String line, TraceClock clock) {
        if (line == null || line.isBlank()) return Optional.empty();
        JsonNode e;
        try {
            e = JSON.readTree(line);
        } catch (java.io.IOException ex) {
            return Optional.empty();
        }
        if (!"Event".equals(e.path("kind").asText()) || !e.path("apiVersion").asText().startsWith("audit.k8s.io/")) return Optional.empty();
        if (!RESPONSE_COMPLETE.equals(e.path("stage").asText())) return Optional.empty();
        JsonNode ref = e.path("objectRef");
        String resource = text(ref, "resource");
        if (resource == null) return Optional.empty();
        String sub = text(ref, "subresource");
        Instant received = instant(e, "requestReceivedTimestamp");
        if (received == null) received = instant(e, "stageTimestamp");
        if (received == null) return Optional.empty();
        long micros = received.getEpochSecond() * 1_000_000L + received.getNano() / 1_000;
        return Optional.of(new TraceSource.Event(clock.nanosAt(micros), micros / 1000, TraceSource.Kind.REQUEST,
                text(e.path("user"), "username"), text(e, "userAgent"), e.path("verb").asText(),
                sub == null ? resource : resource + "/" + sub, text(ref, "namespace"), text(ref, "name"),
                e.path("responseStatus").path("code").asInt(0), null, 0));
    }

    private static String text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isTextual() && !v.asText().isEmpty() ? v.asText() : null;
    }

    private static Instant instant(JsonNode n, String field) {
        String s = text(n, field);
        if (s == null) return null;
        try {
            return Instant.parse(s); // RFC 3339 with microseconds, as kube-apiserver writes (metav1.MicroTime)
        } catch (DateTimeParseException ex) {
            return null;
        }
    }
}
