package dev.kubelab.cluster;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The Kubernetes components a learner can stop, start and restart, named as their binaries are. */
public enum Component {
    ETCD("etcd", false),
    KUBE_APISERVER("kube-apiserver", false),
    KUBE_SCHEDULER("kube-scheduler", false),
    KUBE_CONTROLLER_MANAGER("kube-controller-manager", false),
    KUBELET("kubelet", true),
    KUBE_PROXY("kube-proxy", true);

    private final String binary;
    private final boolean perNode;

    Component(String binary, boolean perNode) {
        this.binary = binary;
        this.perNode = perNode;
    }

    /** The binary's name, e.g. {@code kube-apiserver}. */
    public String binary() {
        return binary;
    }

    /** True for components that run once per node (kubelet, kube-proxy); these take a node name. */
    public boolean perNode() {
        return perNode;
    }

    /** True for the control-plane components (one instance, on the control-plane node). */
    public boolean controlPlane() {
        return !perNode;
    }

    /** Parses a binary name ({@code kube-scheduler}, also {@code scheduler}); unknown names fail with the valid list. */
    public static Component parse(String s) {
        if (s != null) {
            String n = s.trim().toLowerCase(Locale.ROOT);
            for (Component c : values()) {
                if (c.binary.equals(n) || c.binary.equals("kube-" + n)) return c;
            }
        }
        throw new ClusterException("unknown component \"" + s + "\": valid components are " + valid());
    }

    public static String valid() {
        return Arrays.stream(values()).map(Component::binary).collect(Collectors.joining(", "));
    }

    @Override
    public String toString() {
        return binary;
    }
}
