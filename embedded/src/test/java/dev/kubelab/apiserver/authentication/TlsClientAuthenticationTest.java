package dev.kubelab.apiserver.authentication;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import dev.kubelab.pki.Kubeconfig;
import dev.kubelab.pki.Pki;
import dev.kubelab.pki.PkiOptions;
import dev.kubelab.pki.VertxTls;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpServer;
import io.vertx.core.json.JsonObject;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real kubectl against a Vert.x HTTPS server configured with our PKI, identifying itself with our kubeconfigs. */
class TlsClientAuthenticationTest {

    @TempDir static Path dir;
    static Vertx vertx;
    static HttpServer server;
    static Pki pki;
    static String url;

    @BeforeAll
    static void start() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl not installed");
        pki = Pki.ensure(dir, PkiOptions.defaults("control-plane"));
        InMemoryObjectReader reader = new InMemoryObjectReader();
        reader.putJson("serviceaccounts", "{'metadata':{'name':'default','namespace':'default','uid':'u-1'}}");
        AuthenticationChain chain = AuthenticationChain.standard(pki, reader, true);
        vertx = Vertx.vertx();
        server = vertx.createHttpServer(VertxTls.apiserverOptions(pki)).requestHandler(req -> {
            if (req.path().equals("/version")) {
                req.response().putHeader("Content-Type", "application/json")
                        .end("{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.0\"}");
                return;
            }
            X509Certificate[] peer = null;
            try {
                List<Certificate> certs = req.connection().peerCertificates();
                if (certs != null && !certs.isEmpty()) peer = certs.toArray(X509Certificate[]::new);
            } catch (Exception none) {
                peer = null;
            }
            try {
                UserInfo u = chain.authenticateRequest(peer, AuthenticationChain.bearerToken(req.getHeader("Authorization")));
                req.response().putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("user", u.name()).put("groups", u.groups()).encode());
            } catch (StatusError e) {
                req.response().setStatusCode(e.code()).putHeader("Content-Type", "application/json")
                        .end(new JsonObject().put("kind", "Status").put("apiVersion", "v1").put("status", "Failure")
                                .put("message", e.getMessage()).put("reason", e.reason()).put("code", e.code()).encode());
            }
        }).listen(0, "127.0.0.1").toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
        url = "https://127.0.0.1:" + server.actualPort();
        pki.writeKubeconfigs(url);
    }

    @AfterAll
    static void stop() throws Exception {
        if (vertx != null) vertx.close().toCompletionStage().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void adminConfIsKubernetesAdminInClusterAdmins() throws Exception {
        assertThat(kubectl("--kubeconfig=" + pki.files().adminConf(), "get", "--raw", "/whoami"))
                .isEqualTo("{\"user\":\"kubernetes-admin\",\"groups\":[\"kubeadm:cluster-admins\",\"system:authenticated\"]}");
        assertThat(kubectl("--kubeconfig=" + pki.files().superAdminConf(), "get", "--raw", "/whoami"))
                .contains("\"user\":\"kubernetes-super-admin\"").contains("system:masters");
        assertThat(kubectl("--kubeconfig=" + pki.files().kubeletConf(), "get", "--raw", "/whoami"))
                .contains("\"user\":\"system:node:control-plane\"").contains("system:nodes");
    }

    @Test
    void mintedUserKubeconfig() throws Exception {
        Path jane = dir.resolve("jane.conf");
        Kubeconfig.writeFile(jane, pki.userKubeconfig("jane", List.of("developers")));
        assertThat(kubectl("--kubeconfig=" + jane, "get", "--raw", "/whoami"))
                .isEqualTo("{\"user\":\"jane\",\"groups\":[\"developers\",\"system:authenticated\"]}");
    }

    @Test
    void serviceAccountTokenAndAnonymous() throws Exception {
        String token = new ServiceAccountTokens(pki.serviceAccountKeys()).issue("default", "default", "u-1", List.of(), 600, null);
        String[] base = {"--kubeconfig=/dev/null", "--server=" + url, "--certificate-authority=" + pki.files().caCert()};
        assertThat(kubectl(base[0], base[1], base[2], "--token=" + token, "get", "--raw", "/whoami"))
                .contains("\"user\":\"system:serviceaccount:default:default\"");
        // kubectl prompts for a username when it has no credentials at all, so the anonymous client is curl
        if (Files.isExecutable(Path.of("/usr/bin/curl"))) {
            Process curl = new ProcessBuilder("curl", "-sS", "--cacert", pki.files().caCert().toString(), url + "/whoami")
                    .redirectErrorStream(true).start();
            assertThat(curl.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(new String(curl.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
                    .isEqualTo("{\"user\":\"system:anonymous\",\"groups\":[\"system:unauthenticated\"]}");
        }
        Process p = process(base[0], base[1], base[2], "--token=garbage", "get", "--raw", "/whoami");
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("kubectl finished").isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("Unauthorized");
    }

    static String kubectl(String... args) throws Exception {
        Process p = process(args);
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as("kubectl finished").isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.trim();
    }

    static Process process(String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("kubectl"));
        cmd.addAll(List.of(args));
        // stdin from /dev/null: without credentials kubectl would otherwise prompt for a username
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
        pb.environment().put("HOME", dir.toString());
        pb.environment().remove("KUBECONFIG");
        return pb.start();
    }
}
