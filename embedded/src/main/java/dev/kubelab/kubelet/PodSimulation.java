package dev.kubelab.kubelet;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.Probe;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * The simulated container runtime's view of one pod, and the kubelet's pod worker for it: a state
 * machine over its containers (pull → create → start → run → exit → restart/back-off) driven by
 * time. Nothing is executed. {@link #advance} applies every transition due by {@code now} at the
 * simulated instant it was due (so status timestamps are right even when the kubelet looks late),
 * and returns the events the kubelet would have recorded; {@link PodStatusRenderer} turns the state
 * into a {@code PodStatus}.
 *
 * <p>Not thread-safe: the kubelet serialises calls per pod.
 */
public final class PodSimulation {
    /** Lifecycle stage of one simulated container. */
    public enum Stage { NOT_STARTED, PULLING, PULL_FAILED, PULL_BACKOFF, NEVER_PULL, RUNNING, CRASH_BACKOFF, TERMINATED }

    /** A simulated container: its spec, scripted behaviour and runtime state. */
    public static final class Sim {
        final Container spec;
        final boolean init;
        final Directives directives;
        Stage stage = Stage.NOT_STARTED;
        Instant due;
        String containerId;
        Instant startedAt;
        Instant readyAt;
        Instant exitAt;
        int exitCode;
        String exitReason;
        String exitNote;
        Instant finishedAt;
        int restartCount;
        int pullFailures;
        int crashes;
        Duration currentBackOff;
        Instant livenessFailAt;
        boolean everRan;
        Terminated lastTerminated;
        Terminated terminated;
        final ContainerLog log = new ContainerLog();

        Sim(Container spec, boolean init, Directives directives) {
            this.spec = spec;
            this.init = init;
            this.directives = directives;
        }

        public String name() {
            return spec.getName();
        }

        public Stage stage() {
            return stage;
        }

        public int restartCount() {
            return restartCount;
        }

        String fieldPath() {
            return (init ? "spec.initContainers{" : "spec.containers{") + spec.getName() + "}";
        }
    }

    /** A finished container instance. */
    record Terminated(String containerId, int exitCode, String reason, Instant startedAt, Instant finishedAt) {
    }

    private final NodeConfig node;
    private final SimulationTiming timing;
    private final ImageStore images;
    private final IdSource ids;
    private Pod pod;
    private final List<Sim> initContainers = new ArrayList<>();
    private final List<Sim> containers = new ArrayList<>();
    private final String podIp;
    private final Instant startTime;
    private final BooleanSupplier health;
    private boolean healthy = true;
    private boolean deleting;
    private final List<PodEvent> pending = new ArrayList<>();
    final Map<String, String[]> conditionMemory = new HashMap<>();

    /** Source of container IDs (random in production, deterministic in tests). */
    public interface IdSource {
        String next();
    }

    /**
     * Starts simulating a pod that was just bound to this node: the sandbox is created at
     * {@code now} with {@code podIp}, then its first container(s) begin.
     *
     * @param health null for ordinary pods; for a static pod, the health of the component it stands for
     */
    public PodSimulation(Pod pod, NodeConfig node, SimulationTiming timing, ImageStore images, IdSource ids,
                         String podIp, Instant now, BooleanSupplier health) {
        this.pod = pod;
        this.node = node;
        this.timing = timing;
        this.images = images;
        this.ids = ids;
        this.podIp = podIp;
        this.startTime = now;
        this.health = health;
        Map<String, String> annotations = pod.getMetadata().getAnnotations();
        List<String> invalid = new ArrayList<>();
        if (pod.getSpec().getInitContainers() != null) {
            for (Container c : pod.getSpec().getInitContainers()) {
                initContainers.add(new Sim(c, true, directives(annotations, c.getName(), invalid)));
            }
        }
        for (Container c : pod.getSpec().getContainers()) {
            containers.add(new Sim(c, false, directives(annotations, c.getName(), invalid)));
        }
        invalid.stream().distinct().forEach(msg -> pending.add(new PodEvent(PodEvent.WARNING, "InvalidSimulation",
                msg + "; the container runs without failure scripting", null, now)));
        for (Sim s : all()) {
            s.log.add(now, disclaimer());
        }
        if (initContainers.isEmpty()) {
            containers.forEach(s -> beginPull(s, now));
        } else {
            beginPull(initContainers.get(0), now);
        }
    }

    private static Directives directives(Map<String, String> annotations, String name, List<String> invalid) {
        try {
            return Directives.forContainer(annotations, name);
        } catch (IllegalArgumentException e) {
            invalid.add(e.getMessage());
            return Directives.NONE;
        }
    }

    // ---------------------------------------------------------------- inputs

    /** The latest pod object from the API (spec is immutable for containers; metadata/deletion may change). */
    public void update(Pod latest) {
        this.pod = latest;
    }

    /**
     * Graceful deletion began: containers get SIGTERM and, unless they ignore it, exit promptly; a
     * container ignoring SIGTERM is SIGKILLed after the grace period (exit 137).
     */
    public void beginDeletion(Instant now, long graceSeconds) {
        if (deleting) {
            return;
        }
        deleting = true;
        for (Sim s : all()) {
            if (s.stage == Stage.RUNNING) {
                pending.add(new PodEvent(PodEvent.NORMAL, "Killing", "Stopping container " + s.name(), s.fieldPath(), now));
                s.log.add(now, "kubelab: kubelet sent SIGTERM (pod deleted, terminationGracePeriodSeconds=" + graceSeconds + ")");
                Duration grace = Duration.ofSeconds(Math.max(0, graceSeconds));
                if (s.directives.ignoreSigterm()) {
                    schedule(s, now.plus(grace), 137, "Error", "ignored SIGTERM (kubelab.dev/simulate=ignore-sigterm); SIGKILL after the grace period");
                } else {
                    Duration exit = timing.sigtermExit().compareTo(grace) < 0 ? timing.sigtermExit() : grace;
                    schedule(s, now.plus(exit), 0, "Completed", "exited on SIGTERM");
                }
                s.livenessFailAt = null;
            } else if (s.stage != Stage.TERMINATED) {
                s.due = null; // nothing more will be started
            }
        }
    }

    public boolean deleting() {
        return deleting;
    }

    // ---------------------------------------------------------------- time

    /** Applies every transition due at or before {@code now}; returns the events recorded meanwhile. */
    public List<PodEvent> advance(Instant now) {
        while (true) {
            Optional<Sim> next = all().stream().filter(s -> s.due != null && !s.due.isAfter(now))
                    .min(Comparator.comparing(s -> s.due));
            if (next.isEmpty()) {
                break;
            }
            Sim s = next.get();
            Instant t = s.due;
            s.due = null;
            step(s, t);
        }
        if (health != null) {
            boolean h = health.getAsBoolean();
            if (h != healthy) {
                healthy = h;
                for (Sim s : containers) {
                    if (s.stage == Stage.RUNNING) {
                        probeEvent(s, now, h);
                    }
                }
            }
        }
        List<PodEvent> out = List.copyOf(pending);
        pending.clear();
        return out;
    }

    /** When {@link #advance} next has something to do (a transition or a readiness change). */
    public Optional<Instant> nextWake(Instant now) {
        Instant best = null;
        for (Sim s : all()) {
            best = min(best, s.due);
            if (s.stage == Stage.RUNNING && s.readyAt != null && s.readyAt.isAfter(now)) {
                best = min(best, s.readyAt);
            }
        }
        return Optional.ofNullable(best);
    }

    private static Instant min(Instant a, Instant b) {
        return a == null ? b : b == null ? a : a.isBefore(b) ? a : b;
    }

    private void step(Sim s, Instant t) {
        switch (s.stage) {
            case PULLING -> finishPull(s, t);
            case PULL_FAILED -> {
                pending.add(new PodEvent(PodEvent.NORMAL, "BackOff", "Back-off pulling image \"" + s.spec.getImage() + "\"", s.fieldPath(), t));
                pending.add(new PodEvent(PodEvent.WARNING, "Failed", "Error: ImagePullBackOff", s.fieldPath(), t));
                s.stage = Stage.PULL_BACKOFF;
                s.currentBackOff = timing.backOff(s.pullFailures);
                s.due = t.plus(s.currentBackOff);
            }
            case PULL_BACKOFF -> beginPull(s, t);
            case RUNNING -> {
                if (s.livenessFailAt != null && !s.livenessFailAt.isAfter(t) && (s.exitAt == null || s.livenessFailAt.isBefore(s.exitAt))) {
                    pending.add(new PodEvent(PodEvent.WARNING, "Unhealthy", "Liveness probe failed: " + probeFailure(s, "liveness"), s.fieldPath(), t));
                    pending.add(new PodEvent(PodEvent.NORMAL, "Killing", "Container " + s.name() + " failed liveness probe, will be restarted", s.fieldPath(), t));
                    s.log.add(t, "kubelab: liveness probe failed (kubelab.dev/simulate=liveness-fail-after); kubelet killed the container");
                    exit(s, t, 137, "Error");
                } else {
                    s.log.add(t, "kubelab: process exited with code " + s.exitCode + " (" + s.exitNote + ")");
                    exit(s, t, s.exitCode, s.exitReason);
                }
            }
            case CRASH_BACKOFF -> {
                pending.add(new PodEvent(PodEvent.NORMAL, "Pulled", "Container image \"" + s.spec.getImage() + "\" already present on machine", s.fieldPath(), t));
                start(s, t);
            }
            default -> {
            }
        }
    }

    private void beginPull(Sim s, Instant t) {
        String image = s.spec.getImage();
        String policy = s.spec.getImagePullPolicy() != null ? s.spec.getImagePullPolicy()
                : (image.endsWith(":latest") || !image.substring(image.lastIndexOf('/') + 1).contains(":")) ? "Always" : "IfNotPresent";
        if (!"Always".equals(policy) && images.has(image) && !s.directives.imagePullError()) {
            pending.add(new PodEvent(PodEvent.NORMAL, "Pulled", "Container image \"" + image + "\" already present on machine", s.fieldPath(), t));
            s.log.add(t, "kubelab: image \"" + image + "\" already present on the node (simulated image store)");
            start(s, t);
            return;
        }
        if ("Never".equals(policy)) {
            s.stage = Stage.NEVER_PULL;
            pending.add(new PodEvent(PodEvent.WARNING, "ErrImageNeverPull", "Container image \"" + image + "\" is not present with pull policy of Never", s.fieldPath(), t));
            return;
        }
        pending.add(new PodEvent(PodEvent.NORMAL, "Pulling", "Pulling image \"" + image + "\"", s.fieldPath(), t));
        s.stage = Stage.PULLING;
        s.due = t.plus(timing.imagePull());
    }

    private void finishPull(Sim s, Instant t) {
        String image = s.spec.getImage();
        if (s.directives.imagePullError()) {
            s.pullFailures++;
            String msg = "Failed to pull image \"" + image + "\": simulated pull failure (kubelab.dev/simulate=image-pull-error; no registry was contacted)";
            pending.add(new PodEvent(PodEvent.WARNING, "Failed", msg, s.fieldPath(), t));
            pending.add(new PodEvent(PodEvent.WARNING, "Failed", "Error: ErrImagePull", s.fieldPath(), t));
            s.log.add(t, "kubelab: " + msg);
            s.stage = Stage.PULL_FAILED;
            // ErrImagePull shows until the pod worker's next sync puts the image into back-off.
            s.due = t.plus(Duration.ofSeconds(1));
            return;
        }
        images.add(image);
        String took = seconds(timing.imagePull());
        pending.add(new PodEvent(PodEvent.NORMAL, "Pulled", "Successfully pulled image \"" + image + "\" in " + took
                + " (" + took + " including waiting). Image size: " + ImageStore.sizeOf(image) + " bytes.", s.fieldPath(), t));
        s.log.add(t, "kubelab: image \"" + image + "\" pulled (simulated; no registry was contacted)");
        start(s, t);
    }

    private static String seconds(Duration d) {
        double secs = d.toMillis() / 1000.0;
        return (secs == Math.rint(secs) ? String.valueOf((long) secs) : String.valueOf(secs)) + "s";
    }

    /** Create + start one container instance at {@code t}. */
    private void start(Sim s, Instant t) {
        if (s.everRan) {
            s.restartCount++;
            s.log.rotate();
            s.log.add(t, disclaimer());
        }
        s.everRan = true;
        s.containerId = NodeObjects.RUNTIME + "://" + ids.next();
        pending.add(new PodEvent(PodEvent.NORMAL, "Created", "Created container " + s.name(), s.fieldPath(), t));
        pending.add(new PodEvent(PodEvent.NORMAL, "Started", "Started container " + s.name(), s.fieldPath(), t));
        s.stage = Stage.RUNNING;
        s.startedAt = t;
        s.terminated = null;
        List<String> cmd = new ArrayList<>();
        if (s.spec.getCommand() != null) {
            cmd.addAll(s.spec.getCommand());
        }
        if (s.spec.getArgs() != null) {
            cmd.addAll(s.spec.getArgs());
        }
        s.log.add(t, "kubelab: container started (" + s.containerId + "), restart " + s.restartCount
                + (cmd.isEmpty() ? ", image entrypoint" : ", command " + cmd) + " — not executed");
        Directives d = s.directives;
        s.livenessFailAt = d.livenessFailAfter() == null || s.init ? null : t.plus(d.livenessFailAfter());
        if (d.crashes()) {
            Duration after = d.crashAfter().isZero() ? timing.crashAfter() : d.crashAfter();
            schedule(s, t.plus(after), d.oom() ? 137 : 1, d.oom() ? "OOMKilled" : "Error",
                    d.oom() ? "OOM-killed: kubelab.dev/simulate=oom" : "crashed: kubelab.dev/simulate=crash-loop");
        } else if (s.init) {
            int code = d.exit().orElse(0);
            schedule(s, t.plus(d.runFor() != null ? d.runFor() : timing.initContainerRun()), code,
                    code == 0 ? "Completed" : "Error", "init container's command finished");
        } else if (completes(d)) {
            int code = d.exit().orElse(0);
            schedule(s, t.plus(d.runFor() != null ? d.runFor() : timing.completingRun()), code,
                    code == 0 ? "Completed" : "Error", "command finished");
        } else {
            s.exitAt = null;
            s.due = s.livenessFailAt;
        }
        if (s.init || d.notReady()) {
            s.readyAt = null;
        } else {
            Duration delay = Duration.ZERO;
            Probe rp = s.spec.getReadinessProbe();
            if (rp != null && rp.getInitialDelaySeconds() != null) {
                delay = Duration.ofSeconds(rp.getInitialDelaySeconds());
            }
            Probe sp = s.spec.getStartupProbe();
            if (sp != null && sp.getInitialDelaySeconds() != null && Duration.ofSeconds(sp.getInitialDelaySeconds()).compareTo(delay) > 0) {
                delay = Duration.ofSeconds(sp.getInitialDelaySeconds());
            }
            if (d.slowStart() != null && d.slowStart().compareTo(delay) > 0) {
                delay = d.slowStart();
            }
            s.readyAt = t.plus(delay);
        }
    }

    /**
     * The completion rule: a container's command finishes when the pod's restartPolicy is Never or
     * OnFailure (Jobs, {@code kubectl run --restart=Never}), or when {@code run-for}/{@code exit-code}
     * says so — unless {@code run-forever}.
     */
    private boolean completes(Directives d) {
        if (d.runForever()) {
            return false;
        }
        return !"Always".equals(restartPolicy()) || d.runFor() != null || d.exitCode() != null;
    }

    private void schedule(Sim s, Instant at, int code, String reason, String note) {
        s.exitAt = at;
        s.exitCode = code;
        s.exitReason = reason;
        s.exitNote = note;
        s.due = s.livenessFailAt != null && s.livenessFailAt.isBefore(at) ? s.livenessFailAt : at;
    }

    private void exit(Sim s, Instant t, int code, String reason) {
        s.terminated = new Terminated(s.containerId, code, reason, s.startedAt, t);
        s.stage = Stage.TERMINATED;
        s.finishedAt = t;
        s.readyAt = null;
        s.livenessFailAt = null;
        if (deleting) {
            return;
        }
        if (s.init) {
            if (code == 0) {
                int i = initContainers.indexOf(s);
                if (i + 1 < initContainers.size()) {
                    beginPull(initContainers.get(i + 1), t);
                } else {
                    containers.forEach(c -> beginPull(c, t));
                }
                return;
            }
            if ("Never".equals(restartPolicy())) {
                return;
            }
        } else {
            boolean restart = "Always".equals(restartPolicy()) || ("OnFailure".equals(restartPolicy()) && code != 0);
            if (!restart) {
                return;
            }
        }
        s.lastTerminated = s.terminated;
        s.crashes++;
        Duration delay = timing.backOff(s.crashes - 1);
        s.currentBackOff = delay;
        if (delay.isZero()) {
            pending.add(new PodEvent(PodEvent.NORMAL, "Pulled", "Container image \"" + s.spec.getImage() + "\" already present on machine", s.fieldPath(), t));
            start(s, t);
        } else {
            s.stage = Stage.CRASH_BACKOFF;
            pending.add(new PodEvent(PodEvent.WARNING, "BackOff", "Back-off restarting failed container " + s.name()
                    + " in pod " + podFullName(), s.fieldPath(), t));
            s.due = t.plus(delay);
        }
    }

    private void probeEvent(Sim s, Instant t, boolean healthyNow) {
        if (!healthyNow) {
            String kind = s.spec.getReadinessProbe() != null ? "Readiness" : "Liveness";
            pending.add(new PodEvent(PodEvent.WARNING, "Unhealthy", kind + " probe failed: " + probeFailure(s, kind.toLowerCase()), s.fieldPath(), t));
            s.log.add(t, "kubelab: the component this static pod stands for is stopped; probes fail");
        } else {
            s.log.add(t, "kubelab: the component this static pod stands for is running again; probes succeed");
        }
    }

    private static String probeFailure(Sim s, String kind) {
        Probe p = "readiness".equals(kind) ? s.spec.getReadinessProbe() : s.spec.getLivenessProbe();
        if (p != null && p.getHttpGet() != null) {
            var g = p.getHttpGet();
            String host = g.getHost() == null ? "127.0.0.1" : g.getHost();
            String port = g.getPort() == null ? "80" : g.getPort().getIntVal() != null ? g.getPort().getIntVal().toString() : g.getPort().getStrVal();
            String scheme = g.getScheme() == null ? "http" : g.getScheme().toLowerCase();
            return "Get \"" + scheme + "://" + host + ":" + port + (g.getPath() == null ? "/" : g.getPath())
                    + "\": dial tcp " + host + ":" + port + ": connect: connection refused";
        }
        return "simulated probe failure";
    }

    private String disclaimer() {
        return "kubelab: this container is simulated by node " + node.name()
                + "; no process runs and there is no container runtime (" + NodeObjects.RUNTIME_VERSION + ").";
    }

    // ---------------------------------------------------------------- queries

    String restartPolicy() {
        String rp = pod.getSpec().getRestartPolicy();
        return rp == null ? "Always" : rp;
    }

    String podFullName() {
        return pod.getMetadata().getName() + "_" + pod.getMetadata().getNamespace() + "(" + pod.getMetadata().getUid() + ")";
    }

    public Pod pod() {
        return pod;
    }

    public NodeConfig node() {
        return node;
    }

    public String podIp() {
        return podIp;
    }

    public Instant startTime() {
        return startTime;
    }

    boolean healthy() {
        return health == null || healthy;
    }

    List<Sim> initContainers() {
        return initContainers;
    }

    List<Sim> containers() {
        return containers;
    }

    List<Sim> all() {
        List<Sim> all = new ArrayList<>(initContainers);
        all.addAll(containers);
        return all;
    }

    /** No container is running or will start again: the pod can be removed (when deleting) or is terminal. */
    public boolean stopped() {
        for (Sim s : all()) {
            if (s.stage == Stage.RUNNING || (!deleting && s.due != null)) {
                return false;
            }
        }
        return true;
    }

    /** The status the kubelet would report at {@code now}. */
    public PodStatus status(Instant now) {
        return PodStatusRenderer.render(this, now);
    }

    /** The simulated log of a container (current instance, or the previous one after a restart). */
    public Optional<ContainerLog> log(String container) {
        return all().stream().filter(s -> s.name().equals(container)).findFirst().map(s -> s.log);
    }

    /** Names of the containers, init containers first (for {@code kubectl logs} defaults and errors). */
    public List<String> containerNames() {
        return all().stream().map(Sim::name).toList();
    }

    /** Conditions copied from the API (e.g. the scheduler's PodScheduled), by type. */
    Optional<PodCondition> apiCondition(String type) {
        if (pod.getStatus() == null || pod.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return pod.getStatus().getConditions().stream().filter(c -> type.equals(c.getType())).findFirst();
    }
}
