package dev.kubelab.etcd;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Finds the etcd binary: $KUBELAB_ETCD, then PATH, then /usr/bin/etcd. */
public final class EtcdBinary {

    private EtcdBinary() {}

    public static Path locate() {
        List<Path> candidates = new ArrayList<>();
        String env = System.getenv("KUBELAB_ETCD");
        if (env != null && !env.isBlank()) candidates.add(Path.of(env));
        String path = System.getenv("PATH");
        if (path != null) {
            for (String dir : path.split(java.io.File.pathSeparator)) {
                if (!dir.isEmpty()) candidates.add(Path.of(dir, "etcd"));
            }
        }
        candidates.add(Path.of("/usr/bin/etcd"));
        for (Path p : candidates) {
            if (Files.isRegularFile(p) && Files.isExecutable(p)) return p;
        }
        throw new IllegalStateException("etcd not found (set KUBELAB_ETCD, or install it: Debian 'apt-get install etcd-server', "
                + "conda 'conda install -c conda-forge etcd', macOS 'brew install etcd')");
    }
}
