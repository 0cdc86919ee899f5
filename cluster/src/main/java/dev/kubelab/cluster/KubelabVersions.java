package dev.kubelab.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

/**
 * Versions fixed by the build: the Kubernetes version kubelab models by default (the parent pom's
 * {@code kubernetes.version}, filtered into {@code kubelab-versions.properties}) — one source for the embedded
 * cluster, the binaries provider's fallback and Binder's conda pins.
 */
public final class KubelabVersions {
    private static final Properties PROPS = load();

    private KubelabVersions() {
    }

    public static KubernetesVersion kubernetes() {
        return KubernetesVersion.parse(PROPS.getProperty("kubernetes.version"));
    }

    private static Properties load() {
        try (InputStream in = KubelabVersions.class.getResourceAsStream("/dev/kubelab/cluster/kubelab-versions.properties")) {
            Properties p = new Properties();
            if (in == null) throw new IllegalStateException("kubelab-versions.properties is missing from the build");
            p.load(in);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
