package dev.kubelab.cluster.binaries;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Finds the control-plane binaries: first under {@code $KUBELAB_K8S_BIN} (e.g. an unpacked official
 * kubernetes-server tarball's {@code kubernetes/server/bin}), then on {@code PATH} (conda-forge's
 * kubernetes-server and etcd packages put them there on Binder).
 */
public final class BinaryLocator {
    public static final String BIN_ENV = "KUBELAB_K8S_BIN";
    /** What the binaries provider needs. */
    public static final List<String> REQUIRED = List.of("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");

    /** The outcome of a search: what was found where, and what is missing. */
    public record Found(Map<String, Path> binaries, List<String> missing, List<Path> searched) {
        public boolean complete() {
            return missing.isEmpty();
        }

        public Path get(String name) {
            Path p = binaries.get(name);
            if (p == null) throw new IllegalStateException(name + " was not found");
            return p;
        }
    }

    private final Map<String, String> env;

    public BinaryLocator(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    public static BinaryLocator fromEnvironment() {
        return new BinaryLocator(System.getenv());
    }

    public List<Path> searchPath() {
        List<Path> dirs = new ArrayList<>();
        String bin = env.get(BIN_ENV);
        if (bin != null && !bin.isBlank()) dirs.add(Path.of(bin));
        String path = env.getOrDefault("PATH", "");
        for (String d : path.split(File.pathSeparator)) {
            if (!d.isBlank()) dirs.add(Path.of(d));
        }
        return dirs;
    }

    public Optional<Path> find(String name) {
        for (Path dir : searchPath()) {
            Path p = dir.resolve(name);
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public Found locate(List<String> names) {
        Map<String, Path> found = new LinkedHashMap<>();
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            find(n).ifPresentOrElse(p -> found.put(n, p), () -> missing.add(n));
        }
        return new Found(found, missing, searchPath());
    }

    public Found locate() {
        return locate(REQUIRED);
    }
}
