package dev.kubelab.cluster.kind;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.StandardProtocolFamily;
import java.net.URI;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * Does a Docker engine answer? A cheap {@code GET /_ping} on the engine's socket (what {@code docker version}
 * does first), so auto-selection costs milliseconds and does not initialise Testcontainers. Injected into the
 * kind provider so selection is testable without Docker.
 */
@FunctionalInterface
public interface DockerProbe {
    /**
     * @param answered true if the engine answered the ping with 200 OK
     * @param endpoint where it was asked ({@code unix:///var/run/docker.sock}, {@code tcp://…})
     * @param detail   why not, when it did not answer
     */
    record Result(boolean answered, String endpoint, String detail) {
    }

    Result probe();

    /** The engine named by DOCKER_HOST, else the default socket. */
    static DockerProbe socketPing() {
        return () -> ping(endpoint(System.getenv()));
    }

    static String endpoint(Map<String, String> env) {
        String host = env.get("DOCKER_HOST");
        return host == null || host.isBlank() ? "unix:///var/run/docker.sock" : host.trim();
    }

    static Result ping(String endpoint) {
        // A hung engine must not hang %cluster up: bound the whole probe.
        CompletableFuture<Result> f = CompletableFuture.supplyAsync(() -> pingBlocking(endpoint));
        try {
            return f.get(2, TimeUnit.SECONDS);
        } catch (Exception e) {
            f.cancel(true);
            return new Result(false, endpoint, "no answer within 2 s");
        }
    }

    private static Result pingBlocking(String endpoint) {
        byte[] request = "GET /_ping HTTP/1.0\r\nHost: docker\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
        try {
            URI uri = URI.create(endpoint);
            String response;
            if ("unix".equals(uri.getScheme())) {
                Path socket = Path.of(uri.getPath());
                if (!Files.exists(socket)) return new Result(false, endpoint, "no socket at " + socket);
                try (SocketChannel ch = SocketChannel.open(StandardProtocolFamily.UNIX)) {
                    ch.connect(UnixDomainSocketAddress.of(socket));
                    ch.write(ByteBuffer.wrap(request));
                    ByteBuffer buf = ByteBuffer.allocate(512);
                    ch.read(buf);
                    response = new String(buf.array(), 0, buf.position(), StandardCharsets.US_ASCII);
                }
            } else if ("tcp".equals(uri.getScheme()) || "http".equals(uri.getScheme())) {
                try (Socket s = new Socket()) {
                    s.connect(new InetSocketAddress(uri.getHost(), uri.getPort() < 0 ? 2375 : uri.getPort()), 1000);
                    s.setSoTimeout(1500);
                    OutputStream out = s.getOutputStream();
                    out.write(request);
                    out.flush();
                    InputStream in = s.getInputStream();
                    response = new String(in.readNBytes(512), StandardCharsets.US_ASCII);
                }
            } else {
                return new Result(false, endpoint, "unsupported DOCKER_HOST scheme " + uri.getScheme());
            }
            boolean ok = response.startsWith("HTTP/1.") && response.contains(" 200 ");
            return new Result(ok, endpoint, ok ? "" : "unexpected answer: " + response.lines().findFirst().orElse(""));
        } catch (IOException | IllegalArgumentException e) {
            return new Result(false, endpoint, String.valueOf(e.getMessage()));
        }
    }
}
