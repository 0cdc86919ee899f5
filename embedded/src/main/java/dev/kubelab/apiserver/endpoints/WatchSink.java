package dev.kubelab.apiserver.endpoints;

import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.http.ServerWebSocket;

/**
 * Where a watch's events go. kube-apiserver serves a watch either as a chunked HTTP response with one JSON
 * WatchEvent per line (kubectl, client-go) or, when the request is a WebSocket upgrade, as one WebSocket
 * message per event (fabric8's watches and informers): the events are the same, only the framing differs.
 */
public interface WatchSink {

    /** Sends the response head (HTTP 200 / the accepted handshake); called once, before the first event. */
    void begin();

    /** One serialised WatchEvent (without a trailing newline). */
    void event(byte[] json);

    /** Ends the stream (idempotent). */
    void end();

    /** Runs when the client goes away. */
    void onClose(Runnable r);

    /** Chunked HTTP: newline-delimited JSON, as kube-apiserver's streaming encoder writes it. */
    static WatchSink http(HttpServerResponse resp) {
        return new WatchSink() {
            @Override public void begin() {
                resp.setStatusCode(200);
                resp.putHeader("Content-Type", "application/json");
                resp.putHeader("Cache-Control", "no-cache, private");
                resp.putHeader("Transfer-Encoding", "chunked");
                resp.setChunked(true);
                resp.write(Buffer.buffer(0));
            }

            @Override public void event(byte[] json) {
                Buffer b = Buffer.buffer(json.length + 1).appendBytes(json).appendByte((byte) '\n');
                try {
                    resp.write(b);
                } catch (IllegalStateException closed) {
                    // the client went away; the close handler cleans up
                }
            }

            @Override public void end() {
                try {
                    resp.end();
                } catch (IllegalStateException ignored) {
                    // already closed by the client
                }
            }

            @Override public void onClose(Runnable r) {
                resp.closeHandler(v -> r.run());
            }
        };
    }

    /** WebSocket: each WatchEvent is one text message (what fabric8's WatcherWebSocketListener reads). */
    static WatchSink webSocket(ServerWebSocket ws, Runnable accept) {
        return new WatchSink() {
            @Override public void begin() {
                accept.run();
            }

            @Override public void event(byte[] json) {
                if (ws.isClosed()) return;
                try {
                    ws.writeTextMessage(new String(json, java.nio.charset.StandardCharsets.UTF_8));
                } catch (IllegalStateException closed) {
                    // the client went away; the close handler cleans up
                }
            }

            @Override public void end() {
                try {
                    if (!ws.isClosed()) ws.close();
                } catch (IllegalStateException ignored) {
                    // already closed
                }
            }

            @Override public void onClose(Runnable r) {
                ws.closeHandler(v -> r.run());
            }
        };
    }
}
