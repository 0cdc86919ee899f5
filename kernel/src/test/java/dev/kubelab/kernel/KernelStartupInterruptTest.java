package dev.kubelab.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.kernel.driver.JupyterDriver;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** An interrupt that arrives while the first cell still waits for JShell to start is not lost. */
class KernelStartupInterruptTest {

    @Test
    void interruptDuringJShellStartStopsTheFirstCell() throws Exception {
        // -Dkubelab.test.jshellDelay holds JShell's start so the interrupt surely arrives before it is ready
        try (JupyterDriver kernel = JupyterDriver.start(JupyterDriver.inProcessClasspathKernel(
                List.of("-Xmx256m", "-Dkubelab.test.jshellDelay=3000")), JupyterDriver.root())) {
            JsonNode answer = kernel.interrupt("while (true) {}", 0.5, false);
            assertThat(answer.path("reply").path("ename").asText()).as(answer.toString()).isEqualTo("Interrupted");
            assertThat(kernel.execute("2 + 2").path("reply").path("status").asText()).isEqualTo("ok");
        }
    }
}
