package dev.kubelab.cluster.embedded;

import dev.kubelab.kubelet.SimulationTiming;

import java.time.Duration;
import java.util.Map;

/**
 * Timings of the embedded cluster that Kubernetes exposes as component flags, for demos and drills that cannot wait
 * Kubernetes' defaults out (a node turns NotReady after node-monitor-grace-period 40 s; kubelets renew their Lease every
 * 10 s). {@link #defaults()} is Kubernetes' own; {@link #drills()} shortens them so a stopped kubelet shows within seconds.
 *
 * @param controllerManagerFlags kube-controller-manager flags without dashes ({@code node-monitor-grace-period -> 8s})
 * @param nodeLeaseRenew         the kubelets' Lease renew interval (kubelet: 10 s)
 * @param nodeStatusUpdate       the kubelets' nodeStatusUpdateFrequency (kubelet: 10 s)
 * @param nodeSimulatorThreads   worker threads of the node simulator (more for clusters of many nodes)
 */
public record EmbeddedTuning(Map<String, String> controllerManagerFlags, Duration nodeLeaseRenew, Duration nodeStatusUpdate,
                             int nodeSimulatorThreads) {
    public EmbeddedTuning {
        controllerManagerFlags = Map.copyOf(controllerManagerFlags);
    }

    /** Kubernetes' defaults. */
    public static EmbeddedTuning defaults() {
        SimulationTiming t = SimulationTiming.defaults();
        return new EmbeddedTuning(Map.of(), t.nodeLeaseRenew(), t.nodeStatusUpdate(), 4);
    }

    /**
     * Failure drills: NotReady 8 s after a kubelet stops (node-monitor-period 1 s, grace 8 s), kubelets heartbeating every
     * 2 s so a running node never looks late. Pods choose their own NoExecute tolerationSeconds as on any cluster.
     */
    public static EmbeddedTuning drills() {
        return new EmbeddedTuning(Map.of("node-monitor-period", "1s", "node-monitor-grace-period", "8s"),
                Duration.ofSeconds(2), Duration.ofSeconds(2), 4);
    }

    public EmbeddedTuning withNodeSimulatorThreads(int n) {
        return new EmbeddedTuning(controllerManagerFlags, nodeLeaseRenew, nodeStatusUpdate, n);
    }
}
