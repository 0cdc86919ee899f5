package dev.kubelab.embedded;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * Merges one cluster/context/user triple into a kubeconfig file (and removes it again) the way
 * `kind` does: other entries are kept as they are; the merged context becomes current.
 */
public final class Kubeconfig {

    private Kubeconfig() {}

    /** The file kubectl would use: the first entry of $KUBECONFIG, else ~/.kube/config. */
    public static Path defaultPath() {
        String env = System.getenv("KUBECONFIG");
        if (env != null && !env.isBlank()) return Path.of(env.split(java.io.File.pathSeparator)[0]);
        return Path.of(System.getProperty("user.home"), ".kube", "config");
    }

    /** A standalone kubeconfig for one context (what a cluster keeps in its own directory). */
    public static ObjectNode single(String contextName, String server) {
        ObjectNode root = emptyConfig();
        upsert(root, contextName, server);
        return root;
    }

    public static void merge(Path file, String contextName, String server) {
        ObjectNode root = read(file);
        upsert(root, contextName, server);
        root.put("current-context", contextName);
        write(file, root);
    }

    /**
     * Merges the cluster (server, CA) and user (client certificate) of a one-context kubeconfig such as kubeadm's
     * admin.conf into file under contextName, and makes it current; other entries stay as they are.
     */
    public static void mergeFrom(Path file, String contextName, Path source) {
        ObjectNode root = read(file);
        ObjectNode src = read(source);
        JsonNode srcCluster = src.path("clusters").path(0).path("cluster");
        JsonNode srcUser = src.path("users").path(0).path("user");
        if (!srcCluster.isObject() || !srcUser.isObject()) throw new IllegalArgumentException(source + " holds no cluster and user");
        upsert(root, contextName, srcCluster.path("server").asText());
        for (JsonNode c : root.path("clusters")) {
            if (contextName.equals(c.path("name").asText())) ((ObjectNode) c).set("cluster", srcCluster.deepCopy());
        }
        for (JsonNode u : root.path("users")) {
            if (contextName.equals(u.path("name").asText())) ((ObjectNode) u).set("user", srcUser.deepCopy());
        }
        root.put("current-context", contextName);
        write(file, root);
    }

    /** A kubeconfig file holding only source's cluster and user (e.g. admin.conf) under contextName. */
    public static void writeFrom(Path file, String contextName, Path source) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot replace kubeconfig " + file + ": " + e.getMessage(), e);
        }
        mergeFrom(file, contextName, source);
    }

    public static void remove(Path file, String contextName) {
        if (!Files.exists(file)) return;
        ObjectNode root = read(file);
        removeNamed(root, "clusters", contextName);
        removeNamed(root, "contexts", contextName);
        removeNamed(root, "users", contextName);
        if (contextName.equals(root.path("current-context").asText(""))) root.put("current-context", "");
        write(file, root);
    }

    private static void upsert(ObjectNode root, String name, String server) {
        ObjectNode cluster = Json.MAPPER.createObjectNode();
        cluster.put("name", name);
        cluster.putObject("cluster").put("server", server);
        ObjectNode ctx = Json.MAPPER.createObjectNode();
        ctx.put("name", name);
        ctx.putObject("context").put("cluster", name).put("user", name);
        ObjectNode user = Json.MAPPER.createObjectNode();
        user.put("name", name);
        user.putObject("user");
        replaceNamed(root, "clusters", cluster);
        replaceNamed(root, "contexts", ctx);
        replaceNamed(root, "users", user);
    }

    private static ObjectNode emptyConfig() {
        ObjectNode root = Json.MAPPER.createObjectNode();
        root.put("apiVersion", "v1");
        root.put("kind", "Config");
        root.putObject("preferences");
        root.putArray("clusters");
        root.putArray("contexts");
        root.putArray("users");
        root.put("current-context", "");
        return root;
    }

    private static void replaceNamed(ObjectNode root, String list, ObjectNode entry) {
        removeNamed(root, list, entry.path("name").asText());
        JsonNode arr = root.get(list);
        ArrayNode a = arr != null && arr.isArray() ? (ArrayNode) arr : root.putArray(list);
        a.add(entry);
    }

    private static void removeNamed(ObjectNode root, String list, String name) {
        JsonNode arr = root.get(list);
        if (arr == null || !arr.isArray()) return;
        ArrayNode a = (ArrayNode) arr;
        for (int i = a.size() - 1; i >= 0; i--) if (name.equals(a.get(i).path("name").asText())) a.remove(i);
    }

    private static ObjectNode read(Path file) {
        try {
            if (!Files.exists(file) || Files.size(file) == 0) return emptyConfig();
            JsonNode n = Json.YAML.readTree(file.toFile());
            if (n == null || !n.isObject()) return emptyConfig();
            return (ObjectNode) n;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }

    public static void write(Path file, ObjectNode root) {
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".kubeconfig", ".tmp");
            Json.YAML.writeValue(tmp.toFile(), root);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write kubeconfig " + file + ": " + e.getMessage(), e);
        }
    }
}
