package dev.kubelab.cluster;

import java.util.Comparator;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A Kubernetes release version as kubeadm and kubectl print it: {@code v1.31.4}. */
public record KubernetesVersion(int major, int minor, int patch) implements Comparable<KubernetesVersion> {
    private static final Pattern FORMAT = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?");
    private static final Comparator<KubernetesVersion> ORDER = Comparator.comparingInt(KubernetesVersion::major)
            .thenComparingInt(KubernetesVersion::minor).thenComparingInt(KubernetesVersion::patch);

    /** Parses {@code v1.31.4}, {@code 1.31.4} or {@code v1.31} (patch 0); anything else fails with one line. */
    public static KubernetesVersion parse(String s) {
        Matcher m = s == null ? null : FORMAT.matcher(s.trim());
        if (m == null || !m.matches()) {
            throw new ClusterException("invalid Kubernetes version \"" + s + "\": expected the form v1.31.4");
        }
        return new KubernetesVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)),
                m.group(3) == null ? 0 : Integer.parseInt(m.group(3)));
    }

    /** {@code v1.31} — the minor release line, which is what version-skew rules talk about. */
    public String minorLine() {
        return "v" + major + "." + minor;
    }

    public boolean sameMinor(KubernetesVersion o) {
        return major == o.major && minor == o.minor;
    }

    @Override
    public int compareTo(KubernetesVersion o) {
        return ORDER.compare(this, o);
    }

    @Override
    public String toString() {
        return "v" + major + "." + minor + "." + patch;
    }
}
