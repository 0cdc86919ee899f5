package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.errors.StatusError;

/** meta/v1 DeleteOptions, from the query string and/or the request body (kubectl sends a body). */
public record DeleteOptions(Long gracePeriodSeconds, String propagationPolicy, String uid, String resourceVersion) {

    static DeleteOptions from(ApiRequest req) {
        Long grace = null;
        String prop = req.param("propagationPolicy");
        String uid = null;
        String rv = null;
        if (req.param("gracePeriodSeconds") != null) grace = req.longParam("gracePeriodSeconds", 0);
        if (req.body() != null && req.body().length > 0) {
            JsonNode b = Json.parseBody(req.body(), req.yamlBody());
            if (!b.isObject()) throw StatusError.badRequest("json: cannot unmarshal " + Json.jsonType(b) + " into Go value of type v1.DeleteOptions");
            if (b.hasNonNull("gracePeriodSeconds")) grace = b.get("gracePeriodSeconds").asLong();
            if (b.hasNonNull("propagationPolicy")) prop = b.get("propagationPolicy").asText();
            if (b.path("orphanDependents").asBoolean(false)) prop = "Orphan";
            JsonNode pre = b.path("preconditions");
            if (pre.hasNonNull("uid")) uid = pre.get("uid").asText();
            if (pre.hasNonNull("resourceVersion")) rv = pre.get("resourceVersion").asText();
        }
        if (grace != null && grace < 0) grace = 0L;
        if (prop != null && !prop.equals("Orphan") && !prop.equals("Background") && !prop.equals("Foreground")) {
            throw StatusError.invalid("", "DeleteOptions", "", java.util.List.of(new StatusError.Cause("FieldValueNotSupported",
                    "Unsupported value: \"" + prop + "\": supported values: \"Foreground\", \"Background\", \"Orphan\"", "propagationPolicy")));
        }
        return new DeleteOptions(grace, prop, uid, rv);
    }

    /** The deleteOptions an Eviction carries. */
    static DeleteOptions fromEviction(com.fasterxml.jackson.databind.JsonNode eviction, ApiRequest req) {
        com.fasterxml.jackson.databind.JsonNode d = eviction.path("deleteOptions");
        Long grace = d.hasNonNull("gracePeriodSeconds") ? d.get("gracePeriodSeconds").asLong() : null;
        return new DeleteOptions(grace, d.path("propagationPolicy").asText(null), d.path("preconditions").path("uid").asText(null),
                d.path("preconditions").path("resourceVersion").asText(null));
    }
}
