package dev.kubelab.cluster.kind;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The socket ping against a real Unix socket that answers as the Docker engine does, and against nothing. */
class DockerProbeTest {
    @TempDir
    Path tmp;

    @Test
    void answersWhenTheEngineReplies200() throws Exception {
        Path sock = tmp.resolve("docker.sock");
        try (ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            server.bind(UnixDomainSocketAddress.of(sock));
            Thread engine = new Thread(() -> {
                try (SocketChannel ch = server.accept()) {
                    ByteBuffer req = ByteBuffer.allocate(256);
                    ch.read(req);
                    String request = new String(req.array(), 0, req.position(), StandardCharsets.US_ASCII);
                    String body = request.startsWith("GET /_ping ") ? "OK" : "nope";
                    ch.write(ByteBuffer.wrap(("HTTP/1.1 " + (body.equals("OK") ? "200 OK" : "404 Not Found")
                            + "\r\nApi-Version: 1.45\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).getBytes(StandardCharsets.US_ASCII)));
                } catch (Exception ignored) {
                    // test fails on the assertion below
                }
            });
            engine.start();
            DockerProbe.Result r = DockerProbe.ping("unix://" + sock);
            engine.join(5000);
            assertThat(r.answered()).as(r.detail()).isTrue();
            assertThat(r.endpoint()).isEqualTo("unix://" + sock);
        }
    }

    @Test
    void noSocketMeansNoEngine() {
        DockerProbe.Result r = DockerProbe.ping("unix://" + tmp.resolve("absent.sock"));
        assertThat(r.answered()).isFalse();
        assertThat(r.detail()).startsWith("no socket at ");
    }

    @Test
    void nothingListeningOnTcpMeansNoEngine() throws Exception {
        int port;
        try (var s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        assertThat(DockerProbe.ping("tcp://127.0.0.1:" + port).answered()).isFalse();
    }

    @Test
    void dockerHostPicksTheEndpoint() {
        assertThat(DockerProbe.endpoint(Map.of())).isEqualTo("unix:///var/run/docker.sock");
        assertThat(DockerProbe.endpoint(Map.of("DOCKER_HOST", "tcp://10.0.0.5:2376"))).isEqualTo("tcp://10.0.0.5:2376");
    }
}
