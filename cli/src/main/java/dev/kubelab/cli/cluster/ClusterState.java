package dev.kubelab.cli.cluster;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.embedded.EmbeddedControlPlane;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What a running background cluster leaves in its directory: state.json {pid, server, etcd, context, version, control,
 * token}. {@code control} is the serve JVM's component-control endpoint (127.0.0.1 only) and {@code token} the secret
 * it demands; the file is readable by its owner only.
 */
record ClusterState(long pid, String server, String etcd, String context, String version, String control, String token) {

    ClusterState(long pid, String server, String etcd, String context, String version) {
        this(pid, server, etcd, context, version, "", "");
    }

    static Path dir(String name) {
        return EmbeddedControlPlane.clusterHome(name);
    }

    static Path file(String name) {
        return dir(name).resolve("state.json");
    }

    static String contextName(String name) {
        return name.equals("kubelab") ? "kubelab" : "kubelab-" + name;
    }

    static Optional<ClusterState> read(String name) {
        Path f = file(name);
        if (!Files.exists(f)) return Optional.empty();
        try {
            ObjectNode n = (ObjectNode) Json.MAPPER.readTree(f.toFile());
            return Optional.of(new ClusterState(n.path("pid").asLong(), n.path("server").asText(), n.path("etcd").asText(),
                    n.path("context").asText(), n.path("version").asText(),
                    n.path("control").asText(""), n.path("token").asText("")));
        } catch (IOException | ClassCastException e) {
            return Optional.empty();
        }
    }

    void write(String name) throws IOException {
        ObjectNode n = Json.MAPPER.createObjectNode();
        n.put("pid", pid).put("server", server).put("etcd", etcd).put("context", context).put("version", version)
                .put("control", control).put("token", token);
        Path tmp = file(name).resolveSibling("state.json.tmp");
        Files.deleteIfExists(tmp);
        Files.createFile(tmp, java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                java.nio.file.attribute.PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, Json.bytes(n));
        Files.move(tmp, file(name), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
    }

    boolean alive() {
        return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
    }
}
