package dev.kubelab.apiserver;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.kubelab.embedded.Kubeconfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs src/test/kubectl/acceptance.sh (real kubectl) against a freshly started embedded cluster over HTTPS, as
 * `kubelab cluster up` runs it: kubectl uses kubeadm's admin.conf merged into its kubeconfig, and a second
 * kubeconfig for a user "jane" without any RBAC grants (a client certificate from the cluster CA) checks the 403s.
 */
class KubectlAcceptanceTest {

    @TempDir Path tmp;

    @Test
    void kubectlAcceptanceScriptPasses() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")) || onPath("kubectl"), "kubectl is not installed");
        Path script = Path.of("src/test/kubectl/acceptance.sh").toAbsolutePath();
        try (TestCluster c = TestCluster.secure()) {
            Path kubeconfig = tmp.resolve("config");
            Kubeconfig.mergeFrom(kubeconfig, "kubelab", c.adminKubeconfig());
            Path jane = tmp.resolve("jane.conf");
            Files.writeString(jane, c.cp.pki().userKubeconfig("jane", java.util.List.of(), c.cp.server()));
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            pb.environment().put("KUBECONFIG", kubeconfig.toString());
            pb.environment().put("JANE_KUBECONFIG", jane.toString());
            pb.environment().put("HOME", tmp.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(5, TimeUnit.MINUTES)).isTrue();
            System.out.println(out);
            assertThat(out).contains("kubectl acceptance:").doesNotContain("FAIL");
            assertThat(p.exitValue()).as(out).isZero();
        }
    }

    private static boolean onPath(String cmd) {
        for (String d : System.getenv().getOrDefault("PATH", "").split(":")) if (Files.isExecutable(Path.of(d, cmd))) return true;
        return false;
    }
}
