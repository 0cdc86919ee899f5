package dev.kubelab.cluster;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * What a learner asked for: {@code %cluster up --provider P --workers N --version V --name NAME}.
 *
 * @param name     cluster name; nodes are named after it as kind does ({@code kubelab-control-plane},
 *                 {@code kubelab-worker}, {@code kubelab-worker2}, …)
 * @param provider which provider, or AUTO
 * @param workers  number of worker nodes besides the control-plane node (default 2)
 * @param version  requested Kubernetes version; empty = the provider's default
 * @param dataDir  where the cluster keeps its files (etcd data, certificates, kubeconfig, logs)
 */
public record ClusterSpec(String name, ProviderName provider, int workers, Optional<KubernetesVersion> version, Path dataDir) {
    public static final String DEFAULT_NAME = "kubelab";
    public static final int DEFAULT_WORKERS = 2;
    /** DNS-1123 label, as node names derived from the cluster name must be valid object names. */
    private static final Pattern NAME = Pattern.compile("[a-z0-9]([-a-z0-9]{0,40}[a-z0-9])?");

    public ClusterSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(provider, "provider");
        Objects.requireNonNull(version, "version");
        Objects.requireNonNull(dataDir, "dataDir");
        if (!NAME.matcher(name).matches()) {
            throw new ClusterException("invalid cluster name \"" + name
                    + "\": use lower-case letters, digits and '-', starting and ending with a letter or digit (at most 42)");
        }
        if (workers < 0 || workers > 100) {
            throw new ClusterException("invalid --workers " + workers + ": choose 0 to 100");
        }
    }

    /** The defaults: name kubelab, provider from $KUBELAB_DEFAULT_PROVIDER or auto, 2 workers, default version. */
    public static ClusterSpec defaults() {
        return new ClusterSpec(DEFAULT_NAME, ProviderName.fromEnvironment(), DEFAULT_WORKERS, Optional.empty(),
                defaultDataDir(DEFAULT_NAME));
    }

    /** {@code ~/.kubelab/clusters/NAME} (or under $KUBELAB_HOME). */
    public static Path defaultDataDir(String name) {
        String home = System.getenv("KUBELAB_HOME");
        Path base = home != null && !home.isBlank() ? Path.of(home) : Path.of(System.getProperty("user.home"), ".kubelab");
        return base.resolve("clusters").resolve(name);
    }

    public ClusterSpec withName(String n) {
        boolean defaultDir = dataDir.equals(defaultDataDir(name));
        return new ClusterSpec(n, provider, workers, version, defaultDir ? defaultDataDir(n) : dataDir);
    }

    public ClusterSpec withProvider(ProviderName p) {
        return new ClusterSpec(name, p, workers, version, dataDir);
    }

    public ClusterSpec withWorkers(int w) {
        return new ClusterSpec(name, provider, w, version, dataDir);
    }

    public ClusterSpec withVersion(KubernetesVersion v) {
        return new ClusterSpec(name, provider, workers, Optional.ofNullable(v), dataDir);
    }

    public ClusterSpec withDataDir(Path d) {
        return new ClusterSpec(name, provider, workers, version, d);
    }

    /** kind's node naming: {@code NAME-control-plane}. */
    public String controlPlaneNodeName() {
        return name + "-control-plane";
    }

    /** kind's node naming: {@code NAME-worker}, {@code NAME-worker2}, … (index from 1). */
    public String workerNodeName(int index) {
        return name + "-worker" + (index == 1 ? "" : String.valueOf(index));
    }
}
