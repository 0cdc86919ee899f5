package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;

/** A complete (non-streaming) answer: status code, JSON body, content type. */
public record Response(int code, JsonNode body, String contentType, String text) {

    public static Response json(int code, JsonNode body) {
        return new Response(code, body, "application/json", null);
    }

    public static Response plain(int code, String text) {
        return new Response(code, null, "text/plain; charset=utf-8", text);
    }
}
