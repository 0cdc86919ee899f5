package dev.kubelab.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubelab.embedded.Kubeconfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Runs src/test/kubectl/acceptance.sh (real kubectl) against a freshly started embedded cluster. */
class KubectlAcceptanceTest {

    @TempDir Path tmp;

    @Test
    void kubectlAcceptanceScriptPasses() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || onPath("kubectl"), "kubectl is not installed");
        Path script = Path.of("src/test/kubectl/acceptance.sh").toAbsolutePath();
        try (TestCluster c = new TestCluster()) {
            Path kubeconfig = tmp.resolve("config");
            Kubeconfig.merge(kubeconfig, "kubelab", c.cp.server());
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            pb.environment().put("HOME", tmp.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            System.out.println(out);
            assertThat(out).contains("kubectl acceptance:");
            assertThat(p.exitValue()).as(out).isZero();
        }
    }

    private static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(d, cmd))) return true;
        return false;
    }
}
