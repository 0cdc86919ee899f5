package dev.kubelab.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.File;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real etcd serving with kubeadm's etcd certificates (as the binaries provider will run it): mutual TLS for
 * clients and peers; etcdctl gets in with the healthcheck-client and apiserver-etcd-client certificates, and not
 * with a certificate of the cluster CA.
 */
class EtcdTlsTest {

    @TempDir static Path dir;
    static Pki pki;
    static Process etcd;
    static String endpoint;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/etcd")) && Files.isExecutable(Path.of("/usr/bin/etcdctl")), "etcd not installed");
        pki = Pki.ensure(dir.resolve("kubernetes"), PkiOptions.defaults("control-plane"));
        PkiFiles f = pki.files();
        int client = freePort(), peer = freePort();
        endpoint = "https://127.0.0.1:" + client;
        String peerUrl = "https://127.0.0.1:" + peer;
        List<String> cmd = List.of("/usr/bin/etcd", "--name", "control-plane", "--data-dir", dir.resolve("etcd").toString(),
                "--listen-client-urls", endpoint, "--advertise-client-urls", endpoint,
                "--listen-peer-urls", peerUrl, "--initial-advertise-peer-urls", peerUrl,
                "--initial-cluster", "control-plane=" + peerUrl,
                "--cert-file", f.etcdServerCert().toString(), "--key-file", f.etcdServerKey().toString(),
                "--client-cert-auth=true", "--trusted-ca-file", f.etcdCaCert().toString(),
                "--peer-cert-file", f.etcdPeerCert().toString(), "--peer-key-file", f.etcdPeerKey().toString(),
                "--peer-client-cert-auth=true", "--peer-trusted-ca-file", f.etcdCaCert().toString(),
                "--log-level", "warn", "--logger", "zap");
        // A watchdog shell ties etcd to this JVM: if the JVM dies (even by SIGKILL) etcd is stopped within a second.
        String jvm = String.valueOf(ProcessHandle.current().pid());
        String script = "\"$@\" & e=$!; trap 'kill $e 2>/dev/null' TERM INT EXIT; "
                + "while kill -0 " + jvm + " 2>/dev/null && kill -0 $e 2>/dev/null; do sleep 1; done; kill $e 2>/dev/null; wait $e";
        List<String> wrapped = new ArrayList<>(List.of("/bin/sh", "-c", script, "etcd-watchdog"));
        wrapped.addAll(cmd);
        etcd = new ProcessBuilder(wrapped).redirectErrorStream(true)
                .redirectOutput(dir.resolve("etcd.log").toFile()).start();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() < deadline) {
            if (etcdctl(f.etcdHealthcheckClientCert(), f.etcdHealthcheckClientKey(), "endpoint", "health").exit == 0) return;
            assertThat(etcd.isAlive()).as(Files.readString(dir.resolve("etcd.log"))).isTrue();
            Thread.sleep(200);
        }
        throw new AssertionError("etcd did not become healthy: " + Files.readString(dir.resolve("etcd.log")));
    }

    @AfterAll
    static void stop() throws Exception {
        if (etcd == null) return;
        etcd.descendants().forEach(ProcessHandle::destroy);
        etcd.destroy();
        if (!etcd.waitFor(20, TimeUnit.SECONDS)) {
            etcd.descendants().forEach(ProcessHandle::destroyForcibly);
            etcd.destroyForcibly();
        }
    }

    @Test
    void healthcheckAndApiserverClientsAreAccepted() throws Exception {
        PkiFiles f = pki.files();
        Result health = etcdctl(f.etcdHealthcheckClientCert(), f.etcdHealthcheckClientKey(), "endpoint", "health");
        assertThat(health.exit).as(health.out).isZero();
        assertThat(health.out).contains("is healthy");
        Result put = etcdctl(f.apiserverEtcdClientCert(), f.apiserverEtcdClientKey(), "put", "/registry/namespaces/default", "{}");
        assertThat(put.out.trim()).isEqualTo("OK");
        Result get = etcdctl(f.apiserverEtcdClientCert(), f.apiserverEtcdClientKey(), "get", "--print-value-only", "/registry/namespaces/default");
        assertThat(get.out.trim()).isEqualTo("{}");
    }

    @Test
    void aClusterCaCertificateIsNotAnEtcdClient() throws Exception {
        CertKeyPair wrong = pki.clientCertificate("kube-apiserver-etcd-client", List.of());
        wrong.write(dir.resolve("wrong"), "client");
        Result r = etcdctl(dir.resolve("wrong/client.crt"), dir.resolve("wrong/client.key"), "--command-timeout=3s", "get", "/x");
        assertThat(r.exit).isNotZero();
    }

    record Result(int exit, String out) {}

    static Result etcdctl(Path cert, Path key, String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("/usr/bin/etcdctl", "--endpoints", endpoint, "--dial-timeout=2s",
                "--cacert", pki.files().etcdCaCert().toString(), "--cert", cert.toString(), "--key", key.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
        pb.environment().put("ETCDCTL_API", "3");
        Process p = pb.start();
        boolean done = p.waitFor(30, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        return new Result(done ? p.exitValue() : -1, out);
    }

    static int freePort() throws Exception {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
