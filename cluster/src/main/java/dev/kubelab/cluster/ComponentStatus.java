package dev.kubelab.cluster;

import java.util.Optional;

/**
 * The live state of one component instance, for {@code %components}.
 *
 * @param component which component
 * @param node      the node it runs on (control-plane components: the control-plane node)
 * @param state     running, stopped by a drill, or not ready
 * @param version   its version ({@code v1.31.4})
 * @param real      true if the real binary runs; false if kubelab simulates it
 * @param detail    e.g. "pid 4711", "static pod kube-scheduler-kind-control-plane", "manifest moved out"
 */
public record ComponentStatus(Component component, String node, State state, String version, boolean real, String detail) {
    public enum State { RUNNING, STOPPED, NOT_READY, UNKNOWN }

    public Optional<String> nodeName() {
        return Optional.ofNullable(node);
    }
}
