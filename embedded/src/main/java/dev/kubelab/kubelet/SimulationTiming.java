package dev.kubelab.kubelet;

import java.time.Duration;

/**
 * How long simulated things take. Nothing runs, so every duration here is a choice; the defaults
 * are short enough for notebooks and long enough that {@code kubectl get pods -w} shows each stage.
 * Back-off and heartbeat figures default to the real kubelet's.
 *
 * @param imagePull             an image pull that is not cached on the node (event {@code Pulled … in 1s})
 * @param initContainerRun      how long an init container's command runs before exiting 0
 * @param completingRun         how long a completing container runs (restartPolicy Never/OnFailure, see {@link Directives})
 * @param crashAfter            how long a {@code crash-loop}/{@code oom} container runs before it dies
 * @param backOffInitial        CrashLoopBackOff/ImagePullBackOff first delay (kubelet: 10 s)
 * @param backOffMax            back-off cap (kubelet: 300 s)
 * @param sigtermExit           how long a container takes to exit on SIGTERM (unless {@code ignore-sigterm})
 * @param nodeLeaseRenew        node Lease renew interval (kubelet: 10 s, a quarter of leaseDurationSeconds 40)
 * @param nodeStatusUpdate      nodeStatusUpdateFrequency (10 s): how often status is computed
 * @param nodeStatusReport      nodeStatusReportFrequency (5 min): status is posted at least this often
 * @param staticPodHealthCheck  how often mirror pods' health functions are polled
 */
public record SimulationTiming(Duration imagePull, Duration initContainerRun, Duration completingRun,
                               Duration crashAfter, Duration backOffInitial, Duration backOffMax,
                               Duration sigtermExit, Duration nodeLeaseRenew, Duration nodeStatusUpdate,
                               Duration nodeStatusReport, Duration staticPodHealthCheck) {

    public static final int LEASE_DURATION_SECONDS = 40;

    /** The defaults documented in FIDELITY.md. */
    public static SimulationTiming defaults() {
        return new SimulationTiming(Duration.ofMillis(1000), Duration.ofMillis(1000), Duration.ofMillis(2000),
                Duration.ofMillis(1000), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofMillis(200), Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofMinutes(5),
                Duration.ofSeconds(1));
    }

    /** Back-off before the n-th retry (n ≥ 1): 10 s, 20 s, 40 s … capped at 5 min; the first restart is immediate. */
    public Duration backOff(int retry) {
        if (retry <= 0) {
            return Duration.ZERO;
        }
        long millis = backOffInitial.toMillis();
        for (int i = 1; i < retry && millis < backOffMax.toMillis(); i++) {
            millis *= 2;
        }
        return Duration.ofMillis(Math.min(millis, backOffMax.toMillis()));
    }

    public SimulationTiming withImagePull(Duration d) {
        return new SimulationTiming(d, initContainerRun, completingRun, crashAfter, backOffInitial, backOffMax,
                sigtermExit, nodeLeaseRenew, nodeStatusUpdate, nodeStatusReport, staticPodHealthCheck);
    }

    public SimulationTiming withBackOff(Duration initial, Duration max) {
        return new SimulationTiming(imagePull, initContainerRun, completingRun, crashAfter, initial, max,
                sigtermExit, nodeLeaseRenew, nodeStatusUpdate, nodeStatusReport, staticPodHealthCheck);
    }

    public SimulationTiming withRuns(Duration init, Duration completing, Duration crash) {
        return new SimulationTiming(imagePull, init, completing, crash, backOffInitial, backOffMax,
                sigtermExit, nodeLeaseRenew, nodeStatusUpdate, nodeStatusReport, staticPodHealthCheck);
    }

    public SimulationTiming withHeartbeat(Duration leaseRenew, Duration statusUpdate) {
        return new SimulationTiming(imagePull, initContainerRun, completingRun, crashAfter, backOffInitial, backOffMax,
                sigtermExit, leaseRenew, statusUpdate, nodeStatusReport, staticPodHealthCheck);
    }
}
