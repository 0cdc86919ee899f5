package dev.kubelab.kubelet;

import dev.kubelab.kubelet.PodSimulation.Sim;
import dev.kubelab.kubelet.PodSimulation.Stage;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerState;
import io.fabric8.kubernetes.api.model.ContainerStateRunning;
import io.fabric8.kubernetes.api.model.ContainerStateTerminated;
import io.fabric8.kubernetes.api.model.ContainerStateWaiting;
import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.HostIP;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodIP;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.ResourceRequirements;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Renders a {@link PodSimulation} as the PodStatus the kubelet's status manager would write:
 * phase, the five conditions (PodReadyToStartContainers, Initialized, Ready, ContainersReady,
 * PodScheduled), init and app container statuses, IPs, startTime and QoS class.
 */
final class PodStatusRenderer {
    private PodStatusRenderer() {
    }

    static PodStatus render(PodSimulation sim, Instant now) {
        PodStatus st = new PodStatus();
        List<ContainerStatus> init = new ArrayList<>();
        for (Sim s : sim.initContainers()) {
            init.add(containerStatus(sim, s, now));
        }
        List<ContainerStatus> app = new ArrayList<>();
        for (Sim s : sim.containers()) {
            app.add(containerStatus(sim, s, now));
        }
        String phase = phase(sim);
        st.setPhase(phase);
        boolean terminal = "Succeeded".equals(phase) || "Failed".equals(phase);

        List<String> incomplete = sim.initContainers().stream()
                .filter(s -> !(s.stage == Stage.TERMINATED && s.terminated != null && s.terminated.exitCode() == 0))
                .map(Sim::name).toList();
        List<String> unready = new ArrayList<>();
        for (int i = 0; i < app.size(); i++) {
            if (!Boolean.TRUE.equals(app.get(i).getReady())) {
                unready.add(sim.containers().get(i).name());
            }
        }
        List<PodCondition> conditions = new ArrayList<>();
        conditions.add(condition(sim, "PodReadyToStartContainers", terminal && sim.stopped() ? "False" : "True", null, null, now));
        conditions.add(incomplete.isEmpty() || terminal && sim.initContainers().isEmpty()
                ? condition(sim, "Initialized", "True", null, null, now)
                : condition(sim, "Initialized", "False", "ContainersNotInitialized",
                "containers with incomplete status: " + names(incomplete), now));
        String readyReason = terminal ? "PodCompleted" : "ContainersNotReady";
        String readyMessage = terminal ? null : "containers with unready status: " + names(unready);
        boolean ready = unready.isEmpty() && !terminal;
        conditions.add(ready ? condition(sim, "Ready", "True", null, null, now)
                : condition(sim, "Ready", "False", readyReason, readyMessage, now));
        conditions.add(ready ? condition(sim, "ContainersReady", "True", null, null, now)
                : condition(sim, "ContainersReady", "False", readyReason, readyMessage, now));
        conditions.add(sim.apiCondition("PodScheduled").orElseGet(() -> condition(sim, "PodScheduled", "True", null, null, sim.startTime())));
        st.setConditions(conditions);

        String hostIp = sim.node().internalIp();
        st.setHostIP(hostIp);
        st.setHostIPs(List.of(new HostIP(hostIp)));
        String podIp = sim.podIp();
        if (podIp != null) {
            st.setPodIP(podIp);
            st.setPodIPs(List.of(new PodIP(podIp)));
        }
        st.setStartTime(Times.format(sim.startTime()));
        st.setInitContainerStatuses(init.isEmpty() ? null : init);
        st.setContainerStatuses(app);
        st.setQosClass(qosClass(sim.pod()));
        return st;
    }

    private static String names(List<String> names) {
        return "[" + String.join(" ", names) + "]";
    }

    /** The kubelet's getPhase, restricted to the states the simulation has. */
    static String phase(PodSimulation sim) {
        String policy = sim.restartPolicy();
        for (Sim s : sim.initContainers()) {
            if (s.stage == Stage.TERMINATED && s.terminated.exitCode() != 0 && "Never".equals(policy)) {
                return "Failed";
            }
            if (!(s.stage == Stage.TERMINATED && s.terminated.exitCode() == 0)) {
                if (sim.deleting() && sim.stopped() && s.everRan) {
                    return "Failed";
                }
                return "Pending";
            }
        }
        int running = 0, waiting = 0, succeeded = 0, failed = 0, restarting = 0;
        for (Sim s : sim.containers()) {
            switch (s.stage) {
                case RUNNING -> running++;
                case CRASH_BACKOFF -> restarting++;
                case TERMINATED -> {
                    if (s.terminated.exitCode() == 0) {
                        succeeded++;
                    } else {
                        failed++;
                    }
                }
                default -> {
                    if (s.everRan) {
                        restarting++;
                    } else {
                        waiting++;
                    }
                }
            }
        }
        if (waiting > 0 && running == 0 && restarting == 0 && succeeded == 0 && failed == 0) {
            return sim.deleting() && sim.stopped() ? "Failed" : "Pending";
        }
        if (running > 0 || restarting > 0) {
            return "Running";
        }
        if (waiting > 0) {
            return sim.deleting() ? "Failed" : "Running";
        }
        return failed > 0 ? "Failed" : "Succeeded";
    }

    private static ContainerStatus containerStatus(PodSimulation sim, Sim s, Instant now) {
        ContainerStatus cs = new ContainerStatus();
        cs.setName(s.name());
        cs.setImage(s.spec.getImage());
        cs.setImageID(s.everRan ? ImageStore.imageId(s.spec.getImage()) : "");
        cs.setRestartCount(s.restartCount);
        if (s.everRan) {
            cs.setContainerID(s.containerId);
        }
        ContainerState state = new ContainerState();
        boolean ready = false;
        switch (s.stage) {
            case NOT_STARTED -> state.setWaiting(new ContainerStateWaiting(null, "PodInitializing"));
            case PULLING -> state.setWaiting(new ContainerStateWaiting(null, s.init ? "PodInitializing" : "ContainerCreating"));
            case PULL_FAILED -> state.setWaiting(new ContainerStateWaiting("rpc error: code = NotFound desc = failed to pull image \""
                    + s.spec.getImage() + "\": simulated by kubelab.dev/simulate=image-pull-error", "ErrImagePull"));
            case PULL_BACKOFF -> state.setWaiting(new ContainerStateWaiting("Back-off pulling image \"" + s.spec.getImage() + "\"", "ImagePullBackOff"));
            case NEVER_PULL -> state.setWaiting(new ContainerStateWaiting("Container image \"" + s.spec.getImage()
                    + "\" is not present with pull policy of Never", "ErrImageNeverPull"));
            case CRASH_BACKOFF -> state.setWaiting(new ContainerStateWaiting("back-off " + seconds(s.currentBackOff)
                    + " restarting failed container=" + s.name() + " pod=" + sim.podFullName(), "CrashLoopBackOff"));
            case RUNNING -> {
                state.setRunning(new ContainerStateRunning(Times.format(s.startedAt)));
                ready = !s.init && s.readyAt != null && !s.readyAt.isAfter(now) && sim.healthy() && !sim.deleting();
            }
            case TERMINATED -> {
                state.setTerminated(terminated(s.terminated));
                ready = s.init && s.terminated.exitCode() == 0;
            }
        }
        cs.setState(state);
        ContainerState last = new ContainerState();
        if (s.lastTerminated != null && s.stage != Stage.TERMINATED) {
            last.setTerminated(terminated(s.lastTerminated));
        } else if (s.lastTerminated != null && s.terminated != s.lastTerminated) {
            last.setTerminated(terminated(s.lastTerminated));
        }
        cs.setLastState(last);
        cs.setReady(ready);
        cs.setStarted(s.stage == Stage.RUNNING);
        return cs;
    }

    private static String seconds(java.time.Duration d) {
        long ms = d.toMillis();
        if (ms % 60_000 == 0 && ms >= 60_000) {
            return (ms / 60_000) + "m0s";
        }
        if (ms % 1000 == 0) {
            long secs = ms / 1000;
            return secs >= 60 ? (secs / 60) + "m" + (secs % 60) + "s" : secs + "s";
        }
        return (ms / 1000.0) + "s";
    }

    private static ContainerStateTerminated terminated(PodSimulation.Terminated t) {
        ContainerStateTerminated ct = new ContainerStateTerminated();
        ct.setContainerID(t.containerId());
        ct.setExitCode(t.exitCode());
        ct.setReason(t.reason());
        ct.setStartedAt(Times.format(t.startedAt()));
        ct.setFinishedAt(Times.format(t.finishedAt()));
        return ct;
    }

    /** lastTransitionTime only moves when the status flips (remembered per pod). */
    private static PodCondition condition(PodSimulation sim, String type, String status, String reason, String message, Instant now) {
        String[] memo = sim.conditionMemory.get(type);
        String since;
        if (memo != null && memo[0].equals(status)) {
            since = memo[1];
        } else {
            since = Times.format(now);
            sim.conditionMemory.put(type, new String[] {status, since});
        }
        PodCondition c = new PodCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastTransitionTime(since);
        return c;
    }

    /** v1.PodQOSClass as computed by the API server/kubelet (pkg/apis/core/v1/helper/qos). */
    static String qosClass(Pod pod) {
        List<Container> all = new ArrayList<>(pod.getSpec().getContainers());
        if (pod.getSpec().getInitContainers() != null) {
            all.addAll(pod.getSpec().getInitContainers());
        }
        boolean any = false;
        boolean guaranteed = true;
        for (Container c : all) {
            ResourceRequirements r = c.getResources();
            Map<String, Quantity> req = r == null || r.getRequests() == null ? Map.of() : r.getRequests();
            Map<String, Quantity> lim = r == null || r.getLimits() == null ? Map.of() : r.getLimits();
            for (String res : List.of("cpu", "memory")) {
                Quantity q = req.get(res);
                Quantity l = lim.get(res);
                if ((q != null && !isZero(q)) || (l != null && !isZero(l))) {
                    any = true;
                }
                if (l == null || isZero(l)) {
                    guaranteed = false;
                } else if (q != null && Quantity.getAmountInBytes(q).compareTo(Quantity.getAmountInBytes(l)) != 0) {
                    guaranteed = false;
                }
            }
        }
        if (!any) {
            return "BestEffort";
        }
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static boolean isZero(Quantity q) {
        return Quantity.getAmountInBytes(q).signum() == 0;
    }
}
