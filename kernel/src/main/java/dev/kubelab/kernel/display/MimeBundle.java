package dev.kubelab.kernel.display;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A Jupyter MIME bundle: the same content in several representations (text/plain, text/html, image/svg+xml…);
 * the front end picks the richest one it can show. Every bundle carries text/plain so that plain consoles
 * and the nbconvert text exporter still have something to print.
 */
public final class MimeBundle {
    public static final String TEXT = "text/plain";
    public static final String HTML = "text/html";
    public static final String MARKDOWN = "text/markdown";
    public static final String SVG = "image/svg+xml";

    private final Map<String, Object> data = new LinkedHashMap<>();

    private MimeBundle(String text) {
        data.put(TEXT, Objects.requireNonNullElse(text, ""));
    }

    /** A bundle with only text/plain. */
    public static MimeBundle text(String text) {
        return new MimeBundle(text);
    }

    /** A bundle with text/html and the given plain-text fallback. */
    public static MimeBundle html(String html, String textFallback) {
        return new MimeBundle(textFallback).with(HTML, html);
    }

    /** Adds (or replaces) one representation. */
    public MimeBundle with(String mimeType, Object content) {
        data.put(Objects.requireNonNull(mimeType), Objects.requireNonNull(content));
        return this;
    }

    public String plainText() {
        return String.valueOf(data.get(TEXT));
    }

    public Object get(String mimeType) {
        return data.get(mimeType);
    }

    public Map<String, Object> data() {
        return Collections.unmodifiableMap(data);
    }

    @Override
    public String toString() {
        return plainText();
    }
}
