package dev.kubelab.apiserver;

import dev.kubelab.etcd.EtcdProcess;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * kube-apiserver's graceful termination on the embedded API server: stopping it while clients hold watches ends each
 * watch stream properly (the client reads the terminating chunk, not a reset), and a new API server can take the
 * same port at once — the %stop / %start kube-apiserver drill and the etcd restore procedure rely on both.
 */
class ApiServerShutdownTest {
    @TempDir
    Path tmp;

    @Test
    void closeEndsOpenWatchesAndFreesThePortForARestart() throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(tmp.resolve("etcd"))) {
            ApiServerOptions options = ApiServerOptions.defaults().withPlainHttp();
            ApiServer first = ApiServer.start(etcd.endpoint(), options);
            int port = first.port();
            List<CompletableFuture<List<String>>> watches = new ArrayList<>();
            for (String path : List.of("/api/v1/namespaces?watch=true", "/api/v1/pods?watch=true&allowWatchBookmarks=true",
                    "/api/v1/namespaces/default/configmaps?watch=1&resourceVersion=1")) {
                watches.add(watch(port, path));
            }
            // every watch has its response head before the server stops
            for (CompletableFuture<List<String>> w : watches) assertThat(w).isNotDone();
            awaitOpenWatches(first, 3);

            first.close();

            for (CompletableFuture<List<String>> w : watches) {
                List<String> lines = w.get(60, TimeUnit.SECONDS);
                assertThat(lines.get(0)).isEqualTo("HTTP/1.1 200 OK");
                assertThat(lines).as("the chunked stream ends with its last chunk").endsWith("0");
            }
            ApiServer second = ApiServer.start(etcd.endpoint(), options.withPort(port));
            try {
                assertThat(second.port()).isEqualTo(port);
                try (Socket s = new Socket("127.0.0.1", port)) {
                    List<String> reply = request(s, "GET /api/v1/namespaces/default HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
                    assertThat(reply.get(0)).isEqualTo("HTTP/1.1 200 OK");
                }
            } finally {
                second.close();
            }
        }
    }

    private static void awaitOpenWatches(ApiServer server, int n) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (server.openWatches() < n) {
            assertThat(System.nanoTime()).as("%d watches open", n).isLessThan(deadline);
            Thread.sleep(20);
        }
    }

    /** A raw HTTP/1.1 watch: the lines it reads until the server ends the stream. */
    private static CompletableFuture<List<String>> watch(int port, String path) {
        return CompletableFuture.supplyAsync(() -> {
            try (Socket s = new Socket("127.0.0.1", port)) {
                return request(s, "GET " + path + " HTTP/1.1\r\nHost: x\r\n\r\n");
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
    }

    private static List<String> request(Socket s, String head) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.US_ASCII));
        out.flush();
        BufferedReader in = new BufferedReader(new InputStreamReader(s.getInputStream(), StandardCharsets.UTF_8));
        List<String> lines = new ArrayList<>();
        for (String l = in.readLine(); l != null; l = in.readLine()) {
            lines.add(l);
            if (l.equals("0") && lines.contains("")) break; // the terminating chunk: the stream ended properly
        }
        return lines;
    }
}
