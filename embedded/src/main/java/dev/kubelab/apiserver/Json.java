package dev.kubelab.apiserver;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.kubelab.apiserver.errors.StatusError;
import java.io.IOException;

/** The one shared ObjectMapper (and a YAML one for apply patches): thread-safe, built once. */
public final class Json {

    public static final ObjectMapper MAPPER = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS);
    public static final ObjectMapper YAML = new YAMLMapper(new YAMLFactory());

    private Json() {}

    public static byte[] bytes(JsonNode node) {
        try {
            return MAPPER.writeValueAsBytes(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    public static String string(JsonNode node) {
        try {
            return MAPPER.writeValueAsString(node);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Parses a stored value (always our own JSON). */
    public static ObjectNode stored(byte[] data) {
        try {
            return (ObjectNode) MAPPER.readTree(data);
        } catch (IOException e) {
            throw new IllegalStateException("corrupt object in etcd: " + e.getMessage(), e);
        }
    }

    /** Parses a request body as JSON or YAML; a client mistake becomes 400 as kube-apiserver words it. */
    public static JsonNode parseBody(byte[] body, boolean yaml) {
        if (body == null || body.length == 0) {
            throw StatusError.badRequest("the body of the request was empty");
        }
        try {
            JsonNode n = yaml ? YAML.readTree(body) : MAPPER.readTree(body);
            if (n == null || n.isMissingNode()) throw StatusError.badRequest("the body of the request was empty");
            return n;
        } catch (IOException e) {
            String msg = e.getMessage() == null ? "malformed body" : e.getMessage().lines().findFirst().orElse("");
            throw StatusError.badRequest((yaml ? "error converting YAML to JSON: " : "couldn't get version/kind; json parse error: ") + msg);
        }
    }

    /** Parses a body that must be one object. */
    public static ObjectNode parseObject(byte[] body, boolean yaml) {
        JsonNode n = parseBody(body, yaml);
        if (!n.isObject()) {
            throw StatusError.badRequest("couldn't get version/kind; json parse error: json: cannot unmarshal "
                    + jsonType(n) + " into Go value of type struct { APIVersion string \"json:\\\"apiVersion,omitempty\\\"\"; Kind string \"json:\\\"kind,omitempty\\\"\" }");
        }
        return (ObjectNode) n;
    }

    public static String jsonType(JsonNode n) {
        if (n.isArray()) return "array";
        if (n.isTextual()) return "string";
        if (n.isNumber()) return "number";
        if (n.isBoolean()) return "bool";
        return "value";
    }
}
