package dev.kubelab.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.apiserver.TestCluster;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The no-orphans guarantee of etcd and the binaries provider's processes, with real processes. */
class WatchdogTest {
    @TempDir
    Path tmp;

    /** The child's pid as the wrapper records it. */
    private static long childOf(Path pidFile) {
        return TestCluster.eventually("the pid file", () -> {
            try {
                String s = Files.exists(pidFile) ? Files.readString(pidFile).trim() : "";
                return s.isEmpty() ? null : Long.parseLong(s.split("\\s+")[0]);
            } catch (java.io.IOException e) {
                return null;
            }
        });
    }

    @Test
    void theChildStopsWhenItsOwnerDies() throws Exception {
        Process owner = new ProcessBuilder("sleep", "600").start();
        Path pidFile = tmp.resolve("child.pid");
        Process wrapper = new ProcessBuilder(Watchdog.command("test-watchdog", owner.pid(), pidFile, List.of("sleep", "600"))).start();
        try {
            long child = childOf(pidFile);
            assertThat(ProcessHandle.of(child)).map(ProcessHandle::isAlive).contains(true);
            owner.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            TestCluster.await("the child to stop with its owner", () -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
            assertThat(wrapper.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            owner.destroyForcibly();
            wrapper.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            wrapper.destroyForcibly();
        }
    }

    @Test
    void aChildThatExitsByItselfPassesOnItsExitCode() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        Process wrapper = new ProcessBuilder(Watchdog.command("test-watchdog", ProcessHandle.current().pid(), pidFile,
                List.of("/bin/sh", "-c", "exit 3"))).start();
        assertThat(wrapper.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(wrapper.exitValue()).isEqualTo(3);
        assertThat(pidFile).doesNotExist();
    }

    @Test
    void terminatingTheWrapperStopsTheChild() throws Exception {
        Path pidFile = tmp.resolve("child.pid");
        Process wrapper = new ProcessBuilder(Watchdog.command("test-watchdog", ProcessHandle.current().pid(), pidFile,
                List.of("sleep", "600"))).start();
        try {
            long child = childOf(pidFile);
            wrapper.destroy();
            assertThat(wrapper.waitFor(30, TimeUnit.SECONDS)).isTrue();
            TestCluster.await("the child to stop with its wrapper", () -> ProcessHandle.of(child).map(h -> !h.isAlive()).orElse(true));
        } finally {
            wrapper.toHandle().descendants().forEach(ProcessHandle::destroyForcibly);
            wrapper.destroyForcibly();
        }
    }

    @Test
    void aStaleChildOfACrashedOwnerIsReapedButAnUnrelatedProcessIsNot() throws Exception {
        Process stale = new ProcessBuilder("sleep", "600").start();
        Process unrelated = new ProcessBuilder("cat").start();
        try {
            Path pidFile = tmp.resolve("stale.pid");
            Files.writeString(pidFile, stale.pid() + " " + unrelated.pid());
            Watchdog.reapStale(pidFile, "sleep");
            assertThat(stale.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(unrelated.isAlive()).isTrue();
            assertThat(pidFile).doesNotExist();
        } finally {
            stale.destroyForcibly();
            unrelated.destroyForcibly();
        }
    }
}
