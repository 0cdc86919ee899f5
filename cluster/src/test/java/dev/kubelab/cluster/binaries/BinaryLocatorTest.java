package dev.kubelab.cluster.binaries;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class BinaryLocatorTest {
    @TempDir
    Path tmp;

    private Path exe(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path f = dir.resolve(name);
        Files.writeString(f, "#!/bin/sh\n");
        Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        return f;
    }

    @Test
    void kubelabK8sBinComesBeforePathAndMissingOnesAreNamed() throws Exception {
        Path bin = tmp.resolve("kubernetes/server/bin");
        Path path = tmp.resolve("usr/bin");
        Path fromBin = exe(bin, "kube-apiserver");
        exe(path, "kube-apiserver");
        Path etcd = exe(path, "etcd");
        Files.writeString(path.resolve("kube-scheduler"), "not executable");
        BinaryLocator l = new BinaryLocator(Map.of("KUBELAB_K8S_BIN", bin.toString(), "PATH", path + ":" + tmp.resolve("nope")));
        BinaryLocator.Found f = l.locate();
        assertThat(f.binaries()).containsEntry("kube-apiserver", fromBin).containsEntry("etcd", etcd);
        assertThat(f.missing()).containsExactly("kube-controller-manager", "kube-scheduler");
        assertThat(f.complete()).isFalse();
        assertThat(f.searched()).startsWith(bin, path);
    }
}
