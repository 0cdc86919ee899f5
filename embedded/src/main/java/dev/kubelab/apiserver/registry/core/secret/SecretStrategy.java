package dev.kubelab.apiserver.registry.core.secret;

import static dev.kubelab.apiserver.registry.Defaulting.object;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.registry.core.configmap.ConfigMapStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Map;

/**
 * pkg/registry/core/secret/strategy.go: type Opaque by default, stringData folded into data (the v1 → internal
 * conversion does that, so stringData is never stored), required keys per type, type and immutable payload fixed.
 */
public final class SecretStrategy extends GenericStrategy {

    private static final Map<String, String> REQUIRED_KEY = Map.of(
            "kubernetes.io/dockerconfigjson", ".dockerconfigjson",
            "kubernetes.io/dockercfg", ".dockercfg",
            "kubernetes.io/ssh-auth", "ssh-privatekey");

    public SecretStrategy() {
        super(true);
    }

    @Override
    public void applyDefaults(ObjectNode secret) {
        put(secret, "type", "Opaque");
        JsonNode stringData = secret.get("stringData");
        if (stringData != null && stringData.isObject()) {
            ObjectNode data = object(secret, "data");
            stringData.fields().forEachRemaining(e -> data.put(e.getKey(),
                    Base64.getEncoder().encodeToString(e.getValue().asText().getBytes(StandardCharsets.UTF_8))));
            secret.remove("stringData");
        }
        secret.path("data").fields().forEachRemaining(e -> {
            try {
                Base64.getDecoder().decode(e.getValue().asText());
            } catch (IllegalArgumentException ex) {
                throw StatusError.badRequest("Secret in version \"v1\" cannot be handled as a Secret: illegal base64 data at input byte 0");
            }
        });
    }

    @Override
    protected void validateObject(ObjectNode secret, FieldErrors errs) {
        JsonNode data = secret.path("data");
        long size = ConfigMapStrategy.keys(data, "data", com.fasterxml.jackson.databind.node.MissingNode.getInstance(), "", errs);
        if (size > 1024 * 1024) errs.tooLong(FieldPath.of("data"), 1024 * 1024);
        String type = secret.path("type").asText("");
        switch (type) {
            case "kubernetes.io/service-account-token" -> {
                if (secret.path("metadata").path("annotations").path("kubernetes.io/service-account.name").asText("").isEmpty()) {
                    errs.required(FieldPath.of("metadata", "annotations").key("kubernetes.io/service-account.name"), "");
                }
            }
            case "kubernetes.io/tls" -> {
                for (String key : new String[] {"tls.crt", "tls.key"}) {
                    if (!data.has(key)) errs.required(FieldPath.of("data").key(key), "");
                }
            }
            case "kubernetes.io/basic-auth" -> {
                if (!data.has("username") && !data.has("password")) {
                    errs.required(FieldPath.of("data").key("username"), "");
                    errs.required(FieldPath.of("data").key("password"), "");
                }
            }
            default -> {
                String key = REQUIRED_KEY.get(type);
                if (key != null && !data.has(key)) errs.required(FieldPath.of("data").key(key), "");
            }
        }
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        if (!n.path("type").asText("").equals(o.path("type").asText(""))) errs.immutable(FieldPath.of("type"), n.path("type").asText(""));
        ConfigMapStrategy.immutability(n, o, errs, "data");
    }
}
