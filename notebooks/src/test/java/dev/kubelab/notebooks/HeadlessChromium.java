package dev.kubelab.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

/**
 * Debian's headless Chromium driven over the Chrome DevTools Protocol on a pipe ({@code --remote-debugging-pipe}: the
 * browser reads NUL-terminated JSON commands on fd 3 and answers on fd 4). A pipe, not a port: no port to pick, and
 * when the owner dies — even after SIGKILL — the pipe closes and Chromium exits, so it never outlives the test.
 * A fresh profile per browser keeps runs independent.
 */
final class HeadlessChromium implements AutoCloseable {
    static final Path BINARY = Path.of("/usr/bin/chromium");
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long TIMEOUT_SECONDS = 120;

    private final Process process;
    private final Path profile;
    private final OutputStream commands;
    private final AtomicInteger ids = new AtomicInteger();
    private final Map<Integer, CompletableFuture<JsonNode>> replies = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<JsonNode>> awaitedEvents = new ConcurrentHashMap<>();

    HeadlessChromium(int width, int height) throws IOException {
        profile = Files.createTempDirectory("kubelab-chromium-");
        List<String> cmd = List.of("/bin/sh", "-c", "exec \"$@\" 3<&0 4>&1 >/dev/null </dev/null", "chromium",
                BINARY.toString(), "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                "--disable-background-networking", "--disable-component-update", "--disable-sync", "--hide-scrollbars",
                "--window-size=" + width + "," + height, "--user-data-dir=" + profile, "--remote-debugging-pipe", "about:blank");
        process = new ProcessBuilder(cmd).redirectError(ProcessBuilder.Redirect.DISCARD).start();
        commands = process.getOutputStream();
        Thread reader = new Thread(this::readMessages, "chromium-devtools");
        reader.setDaemon(true);
        reader.start();
    }

    /** Opens a page on {@code url} and returns once its load event fired. */
    Page open(String url) throws Exception {
        String target = call(null, "Target.createTarget", params("url", "about:blank")).path("targetId").asText();
        ObjectNode attach = params("targetId", target);
        attach.put("flatten", true);
        String session = call(null, "Target.attachToTarget", attach).path("sessionId").asText();
        Page page = new Page(session);
        page.call("Page.enable", JSON.createObjectNode());
        JsonNode nav = page.call("Page.navigate", params("url", url));
        if (nav.hasNonNull("errorText")) {
            throw new IllegalStateException("Chromium could not open " + url + ": " + nav.get("errorText").asText());
        }
        // the load event of about:blank may still be on its way: wait until the document loaded is ours
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        String loadedCheck = "document.readyState === 'complete' && location.href === " + JSON.writeValueAsString(url);
        while (true) {
            CompletableFuture<JsonNode> loaded = new CompletableFuture<>();
            awaitedEvents.put(session + " Page.loadEventFired", loaded);
            if (page.evaluate(loadedCheck).asBoolean()) {
                awaitedEvents.remove(session + " Page.loadEventFired");
                return page;
            }
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw new IllegalStateException(url + " did not finish loading within " + TIMEOUT_SECONDS + "s");
            }
            try {
                loaded.get(left, TimeUnit.NANOSECONDS);
            } catch (TimeoutException e) {
                // checked once more above, then reported
            }
        }
    }

    /** One attached page (a DevTools session). */
    final class Page {
        private final String session;

        private Page(String session) {
            this.session = session;
        }

        JsonNode call(String method, ObjectNode params) throws Exception {
            return HeadlessChromium.this.call(session, method, params);
        }

        /** The value of a JavaScript expression (which must be JSON-serialisable); a thrown exception fails. */
        JsonNode evaluate(String expression) throws Exception {
            ObjectNode p = params("expression", expression);
            p.put("returnByValue", true);
            JsonNode r = call("Runtime.evaluate", p);
            if (r.has("exceptionDetails")) {
                throw new IllegalStateException("script failed: " + r.get("exceptionDetails"));
            }
            return r.path("result").path("value");
        }
    }

    static ObjectNode params(String key, String value) {
        ObjectNode p = JSON.createObjectNode();
        p.put(key, value);
        return p;
    }

    private JsonNode call(String session, String method, ObjectNode params) throws Exception {
        int id = ids.incrementAndGet();
        ObjectNode msg = JSON.createObjectNode();
        msg.put("id", id).put("method", method).set("params", params);
        if (session != null) {
            msg.put("sessionId", session);
        }
        CompletableFuture<JsonNode> reply = new CompletableFuture<>();
        replies.put(id, reply);
        synchronized (commands) {
            commands.write(JSON.writeValueAsBytes(msg));
            commands.write(0);
            commands.flush();
        }
        JsonNode r = reply.get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        if (r.has("error")) {
            throw new IllegalStateException(method + ": " + r.get("error"));
        }
        return r.path("result");
    }

    private void readMessages() {
        try (InputStream in = process.getInputStream()) {
            ByteArrayOutputStream buf = new ByteArrayOutputStream();
            for (int b; (b = in.read()) != -1; ) {
                if (b != 0) {
                    buf.write(b);
                    continue;
                }
                JsonNode msg = JSON.readTree(buf.toString(StandardCharsets.UTF_8));
                buf.reset();
                if (msg.has("id")) {
                    CompletableFuture<JsonNode> reply = replies.remove(msg.get("id").asInt());
                    if (reply != null) {
                        reply.complete(msg);
                    }
                } else {
                    CompletableFuture<JsonNode> waiter = awaitedEvents.remove(msg.path("sessionId").asText() + " " + msg.path("method").asText());
                    if (waiter != null) {
                        waiter.complete(msg.path("params"));
                    }
                }
            }
        } catch (IOException e) {
            // the browser went away; pending calls fail below
        }
        IllegalStateException gone = new IllegalStateException("Chromium exited (code " + exitCode() + ")");
        replies.values().forEach(f -> f.completeExceptionally(gone));
        awaitedEvents.values().forEach(f -> f.completeExceptionally(gone));
    }

    private String exitCode() {
        try {
            return process.waitFor(5, TimeUnit.SECONDS) ? Integer.toString(process.exitValue()) : "still running";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    /** Closing the pipe ends the browser; a browser that lingers is killed with its helper processes. */
    @Override
    public void close() throws Exception {
        try {
            commands.close();
        } catch (IOException ignored) {
            // already gone
        }
        if (!process.waitFor(20, TimeUnit.SECONDS)) {
            process.descendants().forEach(ProcessHandle::destroyForcibly);
            process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
        }
        try (Stream<Path> files = Files.walk(profile)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
