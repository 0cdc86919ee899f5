package dev.kubelab.kernel;

import dev.kubelab.kernel.driver.JupyterDriver;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** No orphans: a kernel whose parent dies (kill -9 of Jupyter or of the test driver) ends too. */
class KernelLifecycleTest {

    @Test
    void kernelExitsWhenItsParentIsKilled() throws Exception {
        JupyterDriver driver = JupyterDriver.start(JupyterDriver.inProcessClasspathKernel(List.of("-Xmx128m")), JupyterDriver.root());
        Optional<ProcessHandle> kernel = ProcessHandle.of(driver.kernelPid());
        assertThat(kernel).isPresent();
        assertThat(kernel.get().isAlive()).isTrue();
        driver.killDriver();
        try {
            kernel.get().onExit().get(30, TimeUnit.SECONDS);
        } finally {
            kernel.filter(ProcessHandle::isAlive).ifPresent(ProcessHandle::destroyForcibly);
        }
        assertThat(kernel.get().isAlive()).isFalse();
    }
}
