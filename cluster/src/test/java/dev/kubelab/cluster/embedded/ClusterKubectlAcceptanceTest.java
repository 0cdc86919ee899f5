package dev.kubelab.cluster.embedded;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.ProviderName;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs src/test/kubectl/acceptance-cluster.sh (real kubectl) against the full embedded cluster started through the
 * Cluster interface, as `kubelab cluster up` runs it: rollout, drain with a PDB, logs, events, top, kube-system pods.
 */
class ClusterKubectlAcceptanceTest {
    @TempDir
    Path tmp;

    @Test
    void kubectlAcceptanceOnTheFullClusterPasses() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl is not installed");
        Path script = Path.of("src/test/kubectl/acceptance-cluster.sh").toAbsolutePath();
        ClusterSpec spec = ClusterSpec.defaults().withProvider(ProviderName.EMBEDDED).withName("kubelab").withDataDir(tmp.resolve("cluster"));
        try (Cluster cluster = new EmbeddedProvider().create(spec)) {
            cluster.up(ProgressListener.NONE);
            ProcessBuilder pb = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
            pb.environment().put("KUBECONFIG", cluster.kubeconfig().path().toString());
            pb.environment().put("CLUSTER", spec.name());
            pb.environment().put("HOME", tmp.toString());
            Process p = pb.start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(8, TimeUnit.MINUTES)).isTrue();
            System.out.println(out);
            assertThat(out).contains("kubectl acceptance (cluster):").doesNotContain("FAIL");
            assertThat(p.exitValue()).as(out).isZero();
        }
    }
}
