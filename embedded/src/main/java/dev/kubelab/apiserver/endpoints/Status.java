package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.errors.StatusError;

/** meta/v1 Status objects as kube-apiserver writes them. */
public final class Status {

    private Status() {}

    public static ObjectNode failure(StatusError e) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Failure");
        s.put("message", e.getMessage());
        s.put("reason", e.reason());
        ObjectNode details = Json.MAPPER.createObjectNode();
        if (e.name() != null) details.put("name", e.name());
        if (e.group() != null && !e.group().isEmpty()) details.put("group", e.group());
        if (e.kind() != null) details.put("kind", e.kind());
        if (!e.causes().isEmpty()) {
            ArrayNode causes = details.putArray("causes");
            for (StatusError.Cause c : e.causes()) {
                ObjectNode cn = causes.addObject();
                if (c.reason() != null) cn.put("reason", c.reason());
                if (c.message() != null) cn.put("message", c.message());
                if (c.field() != null) cn.put("field", c.field());
            }
        }
        if (e.retryAfterSeconds() != null) details.put("retryAfterSeconds", e.retryAfterSeconds());
        if (!details.isEmpty()) s.set("details", details);
        s.put("code", e.code());
        return s;
    }

    public static ObjectNode success(String group, String kind, String name, String uid) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("kind", "Status");
        s.put("apiVersion", "v1");
        s.putObject("metadata");
        s.put("status", "Success");
        ObjectNode d = s.putObject("details");
        if (name != null) d.put("name", name);
        if (group != null && !group.isEmpty()) d.put("group", group);
        if (kind != null) d.put("kind", kind);
        if (uid != null) d.put("uid", uid);
        s.put("code", 200);
        return s;
    }
}
