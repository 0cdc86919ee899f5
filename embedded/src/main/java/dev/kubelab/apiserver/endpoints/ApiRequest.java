package dev.kubelab.apiserver.endpoints;

import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.errors.StatusError;
import io.vertx.core.MultiMap;

/** One request as the handlers see it: parsed path, query, headers, body and the requester. */
public record ApiRequest(String method, RequestInfo info, MultiMap query, MultiMap headers, byte[] body, UserInfo user,
                         java.util.List<String> warnings) {

    public ApiRequest(String method, RequestInfo info, MultiMap query, MultiMap headers, byte[] body, UserInfo user) {
        this(method, info, query, headers, body, user, new java.util.concurrent.CopyOnWriteArrayList<>());
    }

    /** Adds a warning for the client (a {@code Warning: 299 - "…"} response header, as kube-apiserver sends). */
    public void warn(String text) {
        warnings.add(text);
    }

    public String param(String name) {
        return query.get(name);
    }

    public boolean flag(String name) {
        String v = query.get(name);
        return v != null && (v.isEmpty() || v.equals("true") || v.equals("1"));
    }

    public long longParam(String name, long dflt) {
        String v = query.get(name);
        if (v == null || v.isEmpty()) return dflt;
        try {
            return Long.parseLong(v);
        } catch (NumberFormatException e) {
            throw StatusError.badRequest("invalid value for " + name + ": \"" + v + "\": not an integer");
        }
    }

    /** dryRun=All (the only value kube-apiserver accepts). */
    public boolean dryRun() {
        var all = query.getAll("dryRun");
        for (String v : all) {
            if (!v.equals("All")) throw StatusError.badRequest("Invalid dryRun value: \"" + v + "\": supported values: \"All\"");
        }
        return !all.isEmpty();
    }

    public String contentType() {
        String ct = headers.get("Content-Type");
        if (ct == null) return "";
        int semi = ct.indexOf(';');
        return (semi < 0 ? ct : ct.substring(0, semi)).trim().toLowerCase(java.util.Locale.ROOT);
    }

    /**
     * Whether the body is YAML (else JSON). Binary encodings kube-apiserver also reads — protobuf, CBOR — are
     * answered 415 with the media types this server does read, as kube-apiserver answers one it does not.
     */
    public boolean yamlBody() {
        String ct = contentType();
        if (ct.contains("protobuf") || ct.contains("cbor")) throw StatusError.unsupportedBodyFormat();
        return ct.contains("yaml");
    }

    public String accept() {
        String a = headers.get("Accept");
        return a == null ? "" : a;
    }

    public String userAgent() {
        String ua = headers.get("User-Agent");
        return ua == null ? "" : ua;
    }
}
