package dev.kubelab.etcd;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdProcessTest {

    @TempDir Path dir;

    @Test
    void startsHealthyOnFreeLoopbackPortsAndStopsOnClose() throws Exception {
        long pid;
        try (EtcdProcess etcd = EtcdProcess.start(dir.resolve("etcd"))) {
            assertThat(etcd.endpoint()).startsWith("http://127.0.0.1:");
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(etcd.endpoint() + "/health")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(r.body()).contains("\"health\":\"true\"");
            pid = etcd.pid().orElseThrow();
            assertThat(ProcessHandle.of(pid)).isPresent();
            assertThat(Files.exists(dir.resolve("etcd.pid"))).isTrue();
        }
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
        assertThat(Files.exists(dir.resolve("etcd.pid"))).isFalse();
    }

    @Test
    void restartKeepsDataAndEndpoint() throws Exception {
        try (EtcdProcess etcd = EtcdProcess.start(dir.resolve("etcd"))) {
            String ep = etcd.endpoint();
            etcd.stop();
            assertThat(etcd.isRunning()).isFalse();
            etcd.restart();
            assertThat(etcd.endpoint()).isEqualTo(ep);
            assertThat(etcd.isRunning()).isTrue();
        }
    }

    /** The owner JVM dies by SIGKILL (no shutdown hook runs): the watchdog must take etcd down. */
    @Test
    void etcdDiesWithItsOwnerAfterSigkill() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process owner = new ProcessBuilder(List.of(java, "-cp", System.getProperty("java.class.path"),
                EtcdOwnerMain.class.getName(), dir.resolve("etcd").toString())).redirectErrorStream(true).start();
        long etcdPid;
        try (BufferedReader out = new BufferedReader(new InputStreamReader(owner.getInputStream()))) {
            String line;
            etcdPid = -1;
            while ((line = out.readLine()) != null) {
                if (line.startsWith("ETCD-PID ")) {
                    etcdPid = Long.parseLong(line.substring(9).trim());
                    break;
                }
            }
            assertThat(etcdPid).as("owner printed etcd's pid").isPositive();
            assertThat(ProcessHandle.of(etcdPid).map(ProcessHandle::isAlive).orElse(false)).isTrue();
            owner.destroyForcibly(); // SIGKILL
            owner.waitFor(10, TimeUnit.SECONDS);
            ProcessHandle h = ProcessHandle.of(etcdPid).orElse(null);
            if (h != null) {
                try {
                    h.onExit().get(15, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    h.destroyForcibly();
                    throw new AssertionError("etcd " + etcdPid + " outlived its SIGKILLed owner");
                }
            }
        }
        assertThat(ProcessHandle.of(etcdPid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
    }

    @Test
    void staleEtcdFromACrashedOwnerIsReapedOnNextStart() throws Exception {
        // simulate a stale pid file pointing at a live etcd that nobody owns any more
        Process stray = new ProcessBuilder(EtcdBinary.locate().toString(), "--data-dir", dir.resolve("stray").toString(),
                "--listen-client-urls", "http://127.0.0.1:" + FreePorts.next(), "--advertise-client-urls", "http://127.0.0.1:1",
                "--listen-peer-urls", "http://127.0.0.1:" + FreePorts.next()).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("etcd.pid"), stray.pid() + " 999999999");
        try (EtcdProcess etcd = EtcdProcess.start(dir.resolve("etcd"))) {
            assertThat(stray.waitFor(10, TimeUnit.SECONDS)).as("stray etcd reaped").isTrue();
        } finally {
            stray.destroyForcibly();
        }
    }
}
