package dev.kubelab.cluster;

import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * One way of running a cluster (kind, binaries, embedded) — the model is kind's own provider interface
 * (docker/podman/nerdctl behind one contract).
 */
public interface ClusterProvider {
    ProviderName name();

    /** Can it run here, why, and how to enable it. Cheap: called on every {@code %cluster up}. */
    Availability availability();

    /** The versions it can run, oldest first (for error messages and {@code kubeadm upgrade plan}). */
    List<KubernetesVersion> supportedVersions();

    /** The version used when none is asked for. */
    KubernetesVersion defaultVersion();

    /** What is real and what is simulated on this provider. */
    Realism realism();

    /**
     * A cluster for {@code spec}, not yet started ({@link Cluster#up(ProgressListener)} starts it). Fails with one
     * line if the spec's version is not supported; starts nothing.
     */
    Cluster create(ClusterSpec spec);

    /**
     * The version to run for a request: the default when empty, else an exactly supported version. The default
     * implementation also accepts {@code v1.31} (patch 0 as parsed) for the newest supported patch of that minor.
     */
    default KubernetesVersion resolveVersion(Optional<KubernetesVersion> requested) {
        if (requested.isEmpty()) return defaultVersion();
        KubernetesVersion want = requested.get();
        List<KubernetesVersion> supported = supportedVersions();
        if (supported.contains(want)) return want;
        if (want.patch() == 0) {
            Optional<KubernetesVersion> newestPatch = supported.stream().filter(want::sameMinor).max(KubernetesVersion::compareTo);
            if (newestPatch.isPresent()) return newestPatch.get();
        }
        throw new ClusterException("Kubernetes " + want + " is not supported by the " + name() + " provider: valid versions are "
                + supported.stream().map(KubernetesVersion::toString).collect(Collectors.joining(", ")));
    }
}
