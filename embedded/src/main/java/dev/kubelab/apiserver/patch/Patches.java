package dev.kubelab.apiserver.patch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.fge.jsonpatch.JsonPatch;
import com.github.fge.jsonpatch.JsonPatchException;
import com.github.fge.jsonpatch.mergepatch.JsonMergePatch;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.errors.StatusError;
import java.io.IOException;

/**
 * The PATCH content types kube-apiserver accepts (apply-patch is {@link ServerSideApply}'s):
 * RFC 6902 JSON patch and RFC 7386 merge patch through java-json-tools' json-patch (a
 * well-tested implementation of both RFCs), strategic merge patch through our own
 * {@link StrategicMergePatch}.
 */
public final class Patches {

    public static final String JSON_PATCH = "application/json-patch+json";
    public static final String MERGE_PATCH = "application/merge-patch+json";
    public static final String STRATEGIC = "application/strategic-merge-patch+json";
    public static final String APPLY = "application/apply-patch+yaml";

    private Patches() {}

    /** Applies a non-apply patch; malformed patches are 400, patches that cannot apply are 422. */
    public static ObjectNode apply(String contentType, ObjectNode current, byte[] body) {
        JsonNode patch = Json.parseBody(body, false);
        JsonNode result;
        switch (contentType) {
            case JSON_PATCH -> {
                if (!patch.isArray()) throw StatusError.badRequest("json: cannot unmarshal " + Json.jsonType(patch) + " into Go value of type jsonpatch.Patch");
                JsonPatch p;
                try {
                    p = Json.MAPPER.readerFor(JsonPatch.class).readValue(patch);
                } catch (IOException e) {
                    throw StatusError.badRequest("invalid JSON patch: " + firstLine(e.getMessage()));
                }
                try {
                    result = p.apply(current);
                } catch (JsonPatchException e) {
                    throw unprocessable(firstLine(e.getMessage()));
                }
            }
            case MERGE_PATCH -> {
                try {
                    result = JsonMergePatch.fromJson(patch).apply(current);
                } catch (JsonPatchException e) {
                    throw unprocessable(firstLine(e.getMessage()));
                }
            }
            case STRATEGIC -> {
                if (!patch.isObject()) throw StatusError.badRequest("json: cannot unmarshal " + Json.jsonType(patch) + " into Go value of type map[string]interface {}");
                result = StrategicMergePatch.apply(current, (ObjectNode) patch);
            }
            default -> throw StatusError.unsupportedMediaType(contentType);
        }
        if (!result.isObject()) throw unprocessable("the patch did not produce an object");
        return (ObjectNode) result;
    }

    static StatusError unprocessable(String msg) {
        return new StatusError(422, "Invalid", msg, null, null, null, null, null);
    }

    private static String firstLine(String s) {
        return s == null ? "invalid patch" : s.lines().findFirst().orElse(s);
    }
}
