package dev.kubelab.cluster.kind;

import dev.kubelab.cluster.Component;

/**
 * The classic static-pod drill on a kubeadm node: the kubelet runs whatever manifest is in
 * /etc/kubernetes/manifests, so moving a manifest out stops the component and moving it back starts it.
 */
final class StaticPods {
    static final String MANIFESTS = "/etc/kubernetes/manifests";
    /** Where stopped manifests wait: outside the kubelet's staticPodPath, next to it, as CKA guides do. */
    static final String PARKED = "/etc/kubernetes/manifests-stopped";

    private StaticPods() {
    }

    static String manifest(Component c) {
        return MANIFESTS + "/" + c.binary() + ".yaml";
    }

    static String parked(Component c) {
        return PARKED + "/" + c.binary() + ".yaml";
    }

    /** Shell to stop: move the manifest out (no-op if already moved). */
    static String stopScript(Component c) {
        return "mkdir -p " + PARKED + " && if [ -f " + manifest(c) + " ]; then mv " + manifest(c) + " " + parked(c) + "; fi";
    }

    /** Shell to start: move the manifest back (no-op if present). */
    static String startScript(Component c) {
        return "if [ -f " + parked(c) + " ]; then mv " + parked(c) + " " + manifest(c) + "; fi; test -f " + manifest(c);
    }
}
