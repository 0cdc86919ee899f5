package dev.kubelab.cluster.kind;

import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ExecResult;
import org.testcontainers.containers.ContainerState;
import org.testcontainers.images.builder.Transferable;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

/**
 * Commands and files inside a kind node container — {@code docker exec} and {@code docker cp}. Everything kubelab
 * does on a kind node (crictl, moving static pod manifests, systemctl, kubeadm) goes through here.
 */
final class NodeShell {
    private final ContainerState node;

    NodeShell(ContainerState node) {
        this.node = node;
    }

    String containerName() {
        String n = node.getContainerInfo() == null ? null : node.getContainerInfo().getName();
        return n == null ? node.getContainerId() : n.replaceFirst("^/", "");
    }

    ExecResult exec(List<String> command) {
        try {
            var r = node.execInContainer(StandardCharsets.UTF_8, command.toArray(String[]::new));
            return new ExecResult(r.getExitCode(), r.getStdout(), r.getStderr());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while running " + command.get(0) + " in the kind node");
        } catch (Exception e) {
            throw new ClusterException("cannot run " + command.get(0) + " in the kind node: " + e.getMessage(), e);
        }
    }

    ExecResult sh(String script) {
        return exec(List.of("sh", "-c", script));
    }

    String readFile(String path) {
        return exec(List.of("cat", path)).stdoutOrThrow("reading " + path);
    }

    void writeFile(String path, String contents) {
        node.copyFileToContainer(Transferable.of(contents.getBytes(StandardCharsets.UTF_8), 0600), path);
    }

    void copyOut(String path, Path local) {
        try {
            node.copyFileFromContainer(path, local.toString());
        } catch (Exception e) {
            throw new ClusterException("cannot copy " + path + " out of the kind node: " + e.getMessage(), e);
        }
    }

    void copyIn(Path local, String path) {
        node.copyFileToContainer(org.testcontainers.utility.MountableFile.forHostPath(local), path);
    }

    /** The id of the running container named exactly {@code name} in the node's containerd, or empty. */
    String runningContainer(String name) {
        ExecResult r = exec(List.of("crictl", "ps", "-q", "--state", "Running", "--name", "^" + name + "$"));
        return r.ok() ? r.stdout().strip().lines().findFirst().orElse("") : "";
    }
}
