package dev.kubelab.magics.teaching;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.kernel.driver.JupyterDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static dev.kubelab.kernel.driver.JupyterDriver.messages;
import static dev.kubelab.kernel.driver.JupyterDriver.streamText;
import static dev.kubelab.magics.teaching.TeachingMagicsTest.error;
import static dev.kubelab.magics.teaching.TeachingMagicsTest.result;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The etcd backup → delete → restore round trip through %etcdctl and %etcd restore, on a cluster of its own: a restore
 * rewinds the whole cluster, so it must not share one with the other magic tests.
 */
class EtcdRestoreMagicTest {
    static JupyterDriver kernel;
    static Path home;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("kubelab-magics-restore-");
        kernel = JupyterDriver.start(JupyterDriver.inProcessClasspathKernel(List.of("-Xmx768m", "-XX:+UseSerialGC",
                "-Duser.home=" + home)), JupyterDriver.root());
        kernel.execute("%lang en");
        result(kernel.execute("%cluster up --provider embedded --workers 1", 300));
    }

    @AfterAll
    static void stop() throws Exception {
        if (kernel != null) {
            kernel.execute("%cluster down", 120);
            kernel.close();
        }
    }

    @Test
    void etcdBackupDeleteRestoreBringsObjectsBack() throws Exception {
        kernel.execute("%kubectl create namespace precious");
        kernel.execute("%kubectl create configmap keep -n precious --from-literal=v=1");
        Path snap = home.resolve("backup.db");
        assertThat(streamText(kernel.execute("%etcdctl snapshot save " + snap, 60), "stdout")).contains("Snapshot saved");
        assertThat(streamText(kernel.execute("%etcdctl snapshot status " + snap + " -w table"), "stdout")).contains("HASH", "REVISION");
        kernel.execute("%kubectl delete configmap keep -n precious");
        assertThat(error(kernel.execute("%kubectl get configmap keep -n precious")).path("evalue").asText()).contains("exited with code 1");
        JsonNode restore = kernel.execute("%etcd restore " + snap, 300);
        assertThat(result(restore)).contains("restore complete");
        List<JsonNode> updates = messages(restore, "update_display_data");
        String steps = updates.get(updates.size() - 1).path("data").path("text/plain").asText();
        assertThat(steps).contains("✓ Stopping kube-apiserver", "✓ Restoring the snapshot", "✓ Starting etcd", "✓ Starting kube-apiserver", "✓ Verifying");
        JsonNode back = kernel.execute("%kubectl get configmap keep -n precious -o name", 120);
        assertThat(streamText(back, "stdout")).as(back.toString()).isEqualTo("configmap/keep\n");
        JsonNode missing = error(kernel.execute("%etcd restore " + home.resolve("nothing.db")));
        assertThat(missing.path("evalue").asText()).contains("no such snapshot file");
    }

}
