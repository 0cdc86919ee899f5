package dev.kubelab.cluster.binaries;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.StepEvent;
import dev.kubelab.cluster.StepState;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledIf;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Issue 5's fault "a binary that exits at start": the real etcd (Debian's, started with the flags and certificates
 * kubeadm would give it) comes up, then a kube-apiserver that fails at start — the one deliberately broken binary,
 * standing in for a wrong flag or a taken port. The start must fail with one line naming the binary and its last log
 * line, and tear down what it started: no etcd is left running.
 */
@EnabledIf("realEtcdInstalled")
class BinariesStartFailureTest {
    @TempDir
    Path tmp;

    static boolean realEtcdInstalled() {
        return Files.isExecutable(Path.of("/usr/bin/etcd")) && Files.isExecutable(Path.of("/usr/bin/etcdctl"));
    }

    private void script(Path dir, String name, String body) throws Exception {
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n" + body);
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    /** A Kubernetes binary that answers --version as the real ones do ("Kubernetes v1.31.4") and runs body otherwise. */
    private void kubeBinary(Path dir, String name, String body) throws Exception {
        script(dir, name, "if [ \"$1\" = \"--version\" ]; then echo 'Kubernetes v1.31.4'; exit 0; fi\n" + body);
    }

    @Test
    void aKubeApiServerThatExitsAtStartFailsTheStartInOneLineAndLeavesNoEtcdBehind() throws Exception {
        Path bin = Files.createDirectories(tmp.resolve("bin"));
        script(bin, "etcd", "exec /usr/bin/etcd \"$@\"\n");
        script(bin, "etcdctl", "exec /usr/bin/etcdctl \"$@\"\n");
        kubeBinary(bin, "kube-apiserver", "echo 'E1121 run.go:72] \"command failed\" err=\"failed to listen on 127.0.0.1:6443: address already in use\"' >&2\nexit 1\n");
        kubeBinary(bin, "kube-controller-manager", "exit 1\n");
        kubeBinary(bin, "kube-scheduler", "exit 1\n");
        Path data = tmp.resolve("cluster");
        Cluster cluster = new BinariesProvider(new BinaryLocator(Map.of(BinaryLocator.BIN_ENV, bin.toString(), "PATH", "")))
                .create(ClusterSpec.defaults().withProvider(ProviderName.BINARIES).withName("bin").withWorkers(0).withDataDir(data));
        List<StepEvent> steps = new ArrayList<>();

        assertThatThrownBy(() -> cluster.up(steps::add))
                .isInstanceOf(ClusterException.class)
                .hasMessageContaining("kube-apiserver exited at start")
                .hasMessageContaining("address already in use")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));

        // etcd really started with kubeadm's TLS flags and answered etcdctl's health check through its certificates
        assertThat(steps).filteredOn(e -> e.state() == StepState.SUCCEEDED).extracting(StepEvent::step)
                .containsSubsequence("certs", "kubeconfigs", "start-etcd");
        assertThat(steps).filteredOn(e -> e.state() == StepState.FAILED).extracting(StepEvent::step).contains("start-kube-apiserver");
        // …and is gone again: nothing of this cluster runs
        assertThat(ProcessHandle.allProcesses()
                .filter(p -> p.info().commandLine().map(c -> c.contains(data.toString())).orElse(false))
                .map(p -> p.pid() + " " + p.info().commandLine().orElse("")))
                .isEmpty();
        assertThat(cluster.status().state()).hasToString("FAILED");
    }
}
