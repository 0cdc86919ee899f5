package dev.kubelab.kubelet;

import java.util.List;

/**
 * The images kubeadm uses for a Kubernetes minor version ({@code kubeadm config images list}) —
 * what a kind node image has preloaded, so their pods start with {@code already present on machine}.
 */
public final class KubeadmImages {
    private KubeadmImages() {
    }

    static int minor(String version) {
        String v = version.startsWith("v") ? version.substring(1) : version;
        String[] parts = v.split("\\.");
        if (parts.length < 2) {
            throw new IllegalArgumentException("Kubernetes version \"" + version + "\" is not of the form v1.31.0");
        }
        return Integer.parseInt(parts[1]);
    }

    /** etcd image tag kubeadm pins for this minor (the .0 release's). */
    public static String etcdTag(String version) {
        return switch (minor(version)) {
            case 27 -> "3.5.7-0";
            case 28 -> "3.5.9-0";
            case 29 -> "3.5.10-0";
            case 30 -> "3.5.12-0";
            case 31 -> "3.5.15-0";
            case 32 -> "3.5.16-0";
            default -> "3.5.21-0";
        };
    }

    /** CoreDNS version kubeadm installs for this minor. */
    public static String corednsTag(String version) {
        return switch (minor(version)) {
            case 27, 28 -> "v1.10.1";
            case 29, 30 -> "v1.11.1";
            case 31, 32 -> "v1.11.3";
            default -> "v1.12.0";
        };
    }

    public static String pauseTag(String version) {
        return minor(version) >= 31 ? "3.10" : "3.9";
    }

    /** All images kubeadm would pull for {@code version}. */
    public static List<String> all(String version) {
        return List.of("registry.k8s.io/kube-apiserver:" + version,
                "registry.k8s.io/kube-controller-manager:" + version,
                "registry.k8s.io/kube-scheduler:" + version,
                "registry.k8s.io/kube-proxy:" + version,
                "registry.k8s.io/coredns/coredns:" + corednsTag(version),
                "registry.k8s.io/pause:" + pauseTag(version),
                "registry.k8s.io/etcd:" + etcdTag(version));
    }
}
