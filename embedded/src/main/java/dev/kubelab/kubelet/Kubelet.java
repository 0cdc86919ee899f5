package dev.kubelab.kubelet;

import dev.kubelab.controller.framework.EventRecorder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.ObjectReferenceBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodStatus;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.coordination.v1.LeaseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.utils.Serialization;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The simulated kubelet of one node. It sees the cluster only through the API: it registers its
 * Node, renews its Lease in {@code kube-node-lease}, posts node status, creates mirror pods for its
 * static pods (control-plane node), and drives the pods bound to it through their status
 * subresource, recording the events a kubelet records. Containers are simulated by
 * {@link PodSimulation}; nothing is executed.
 *
 * <p>Stopping a kubelet stops all of that (lease, status, pod updates) but, as on a real node, the
 * "containers" keep their state: started again, the kubelet reports what happened meanwhile.
 * Pods are delivered by the {@link NodeSimulator}'s shared informer through {@link #onPod} and
 * {@link #onPodDeleted}.
 */
public final class Kubelet {
    private static final Logger LOG = LoggerFactory.getLogger(Kubelet.class);
    public static final String NODE_LEASE_NAMESPACE = "kube-node-lease";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final NodeConfig cfg;
    private final KubernetesClient client;
    private final ScheduledExecutorService scheduler;
    private final SimulationTiming timing;
    private final Clock clock;
    private final EventRecorder events;
    private final StatusManager statuses;
    private final ImageStore images = new ImageStore();
    private final PodIpAllocator ips;
    private final Map<String, BooleanSupplier> staticPodHealth;
    private final StaticPods.Settings settings;
    private final java.util.function.IntSupplier kubeletPort;
    private final String bootId = UUID.randomUUID().toString();
    private volatile NodeSystemInfo systemInfo;
    private final Map<String, PodWorker> workers = new ConcurrentHashMap<>();
    private final PodSimulation.IdSource ids = () -> {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    };

    private volatile boolean running;
    private volatile String nodeUid;
    private volatile Instant readySince;
    private volatile Lease lease;
    private volatile String lastStatus;
    private volatile Instant lastStatusPost;
    private ScheduledFuture<?> leaseTask;
    private ScheduledFuture<?> statusTask;
    private ScheduledFuture<?> healthTask;
    private ScheduledFuture<?> reconcileTask;
    /** The status manager's syncBatch period: how often the API's pod statuses are checked against the kubelet's. */
    static final long STATUS_RECONCILE_MILLIS = 10_000;

    /** The kubelet's per-pod worker: latest API object, its simulation, and its pending wake-up. */
    private final class PodWorker {
        final String namespace;
        final String name;
        final boolean isStatic;
        /** For a static pod: the manifest as read from disk, to (re)create its mirror pod from. */
        Pod manifest;
        volatile Pod latest;
        PodSimulation sim;
        /** Digest of the last status handed to the status manager (not the JSON: 10,000 pods' worth would be MBs). */
        UUID postedStatus;
        /** Phase and Ready condition status of that status, to notice when someone else changed them in the API. */
        String postedPhase;
        String postedReady;
        boolean ipReleased;
        boolean finalDeleteSent;
        ScheduledFuture<?> wake;
        Instant wakeAt;

        PodWorker(String namespace, String name, boolean isStatic) {
            this.namespace = namespace;
            this.name = name;
            this.isStatic = isStatic;
        }
    }

    /**
     * @param staticPodHealth for the control-plane node: component name ({@link StaticPods#COMPONENTS}) →
     *                        whether that component is up; its mirror pod's readiness follows it
     * @param kubeletPort     supplies the port published in {@code status.daemonEndpoints.kubeletEndpoint}
     *                        (where {@link KubeletServer} serves logs), or 10250 when none runs
     */
    public Kubelet(NodeConfig cfg, KubernetesClient client, ScheduledExecutorService scheduler, SimulationTiming timing,
                   Clock clock, Map<String, BooleanSupplier> staticPodHealth, StaticPods.Settings settings, java.util.function.IntSupplier kubeletPort) {
        this.cfg = cfg;
        this.client = client;
        this.scheduler = scheduler;
        this.timing = timing;
        this.clock = clock;
        this.events = new EventRecorder(client, "kubelet", cfg.name(), clock);
        this.statuses = new StatusManager(cfg.name(), client, scheduler);
        this.ips = new PodIpAllocator(cfg.podCidr());
        this.staticPodHealth = staticPodHealth == null ? Map.of() : Map.copyOf(staticPodHealth);
        this.settings = settings;
        this.kubeletPort = kubeletPort;
        this.systemInfo = NodeObjects.systemInfo(cfg, bootId);
        // A kind node image ships the kubeadm images preloaded.
        KubeadmImages.all(cfg.kubernetesVersion()).forEach(images::add);
    }

    public String nodeName() {
        return cfg.name();
    }

    /** The version this kubelet reports in status.nodeInfo.kubeletVersion. */
    public String kubeletVersion() {
        return systemInfo.getKubeletVersion();
    }

    /**
     * The kubelet package was upgraded (after {@code kubeadm upgrade node}): from now on it reports {@code version}
     * (kubelet and kube-proxy in status.nodeInfo, as a node image of that version would) — restart it to take effect.
     */
    public void upgradeTo(String version) {
        NodeConfig upgraded = new NodeConfig(cfg.name(), cfg.controlPlane(), cfg.internalIp(), cfg.podCidr(), version, cfg.capacity());
        systemInfo = NodeObjects.systemInfo(upgraded, bootId);
        KubeadmImages.all(version).forEach(images::add);
    }

    public NodeConfig config() {
        return cfg;
    }

    public boolean isRunning() {
        return running;
    }

    // ------------------------------------------------------------------ lifecycle

    /** Registers the node (if needed), starts heartbeats and, on the control plane, the static pods. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        readySince = clock.instant();
        lastStatus = null;
        register();
        renewLease();
        postNodeStatus(true);
        statuses.start();
        leaseTask = scheduler.scheduleWithFixedDelay(this::renewLease, timing.nodeLeaseRenew().toMillis(),
                timing.nodeLeaseRenew().toMillis(), TimeUnit.MILLISECONDS);
        statusTask = scheduler.scheduleWithFixedDelay(() -> postNodeStatus(false), timing.nodeStatusUpdate().toMillis(),
                timing.nodeStatusUpdate().toMillis(), TimeUnit.MILLISECONDS);
        reconcileTask = scheduler.scheduleWithFixedDelay(this::reconcileStatuses, STATUS_RECONCILE_MILLIS, STATUS_RECONCILE_MILLIS,
                TimeUnit.MILLISECONDS);
        if (cfg.controlPlane()) {
            startStaticPods();
            healthTask = scheduler.scheduleWithFixedDelay(this::checkStaticPods, timing.staticPodHealthCheck().toMillis(),
                    timing.staticPodHealthCheck().toMillis(), TimeUnit.MILLISECONDS);
        }
        workers.values().forEach(w -> requestSync(w, Duration.ZERO));
    }

    /** Stops heartbeats and pod updates; simulated containers keep their state (the runtime does not stop). */
    public synchronized void stop() {
        running = false;
        statuses.stop();
        for (ScheduledFuture<?> f : new ScheduledFuture<?>[] {leaseTask, statusTask, healthTask, reconcileTask}) {
            if (f != null) {
                f.cancel(false);
            }
        }
        for (PodWorker w : workers.values()) {
            synchronized (w) {
                if (w.wake != null) {
                    w.wake.cancel(false);
                    w.wake = null;
                    w.wakeAt = null;
                }
            }
        }
    }

    /** Stops and releases the event writer (the simulator is shutting down). */
    public void close() {
        stop();
        events.close();
    }

    private void register() {
        Node desired = NodeObjects.registration(cfg);
        try {
            nodeUid = client.nodes().resource(desired).create().getMetadata().getUid();
            LOG.debug("node {} registered", cfg.name());
        } catch (KubernetesClientException e) {
            if (e.getCode() == 409) {
                Node existing = client.nodes().withName(cfg.name()).get();
                nodeUid = existing == null ? null : existing.getMetadata().getUid();
            } else {
                LOG.warn("kubelet {}: unable to register node: {}", cfg.name(), e.getMessage());
            }
        }
    }

    // ------------------------------------------------------------------ heartbeats

    /** Renews (or creates) {@code kube-node-lease/<node>}: holderIdentity, 40 s duration, renewTime now. */
    void renewLease() {
        if (!running) {
            return;
        }
        ZonedDateTime now = ZonedDateTime.ofInstant(clock.instant(), ZoneOffset.UTC);
        try {
            if (nodeUid == null) {
                register();
            }
            Lease current = lease;
            if (current == null) {
                current = client.leases().inNamespace(NODE_LEASE_NAMESPACE).withName(cfg.name()).get();
            }
            if (current == null) {
                LeaseBuilder b = new LeaseBuilder().withNewMetadata().withName(cfg.name()).withNamespace(NODE_LEASE_NAMESPACE).endMetadata()
                        .withNewSpec().withHolderIdentity(cfg.name()).withLeaseDurationSeconds(SimulationTiming.LEASE_DURATION_SECONDS)
                        .withRenewTime(now).endSpec();
                if (nodeUid != null) {
                    OwnerReference owner = new OwnerReference();
                    owner.setApiVersion("v1");
                    owner.setKind("Node");
                    owner.setName(cfg.name());
                    owner.setUid(nodeUid);
                    b.editMetadata().withOwnerReferences(owner).endMetadata();
                }
                lease = client.leases().inNamespace(NODE_LEASE_NAMESPACE).resource(b.build()).create();
            } else {
                current.getSpec().setRenewTime(now);
                current.getSpec().setHolderIdentity(cfg.name());
                lease = client.leases().inNamespace(NODE_LEASE_NAMESPACE).resource(current).update();
            }
        } catch (KubernetesClientException e) {
            lease = null; // conflict or gone: re-read next time
            LOG.debug("kubelet {}: lease not renewed: {}", cfg.name(), e.getMessage());
        }
    }

    /**
     * Posts node status when it changed, or at least every nodeStatusReportFrequency (the real
     * kubelet's rule once leases carry the heartbeat).
     */
    void postNodeStatus(boolean force) {
        if (!running) {
            return;
        }
        Instant now = clock.instant();
        NodeStatus status = NodeObjects.status(cfg, systemInfo, now, readySince, kubeletPort.getAsInt(), images.snapshot());
        NodeStatus withoutHeartbeat = Serialization.clone(status);
        withoutHeartbeat.getConditions().forEach(c -> c.setLastHeartbeatTime(null));
        String fingerprint = Serialization.asJson(withoutHeartbeat);
        boolean due = lastStatusPost == null || !now.isBefore(lastStatusPost.plus(timing.nodeStatusReport()));
        if (!force && fingerprint.equals(lastStatus) && !due && conditionsMatchTheApi(status)) {
            return;
        }
        try {
            client.nodes().withName(cfg.name()).subresource("status")
                    .patch(PatchContext.of(PatchType.JSON_MERGE), "{\"status\":" + Serialization.asJson(status) + "}");
            lastStatus = fingerprint;
            lastStatusPost = now;
        } catch (KubernetesClientException e) {
            LOG.debug("kubelet {}: node status not posted: {}", cfg.name(), e.getMessage());
        }
    }

    /**
     * The real kubelet compares what it computed with the Node it reads from the API ({@code nodeStatusHasChanged}
     * against the original node), not with what it last sent: when the node lifecycle controller marked the node
     * Unknown (missed heartbeats, e.g. while etcd was down), the next status sync puts Ready back.
     */
    private boolean conditionsMatchTheApi(NodeStatus computed) {
        try {
            Node inApi = client.nodes().withName(cfg.name()).get();
            if (inApi == null || inApi.getStatus() == null || inApi.getStatus().getConditions() == null) {
                return false;
            }
            Map<String, String> api = new java.util.HashMap<>();
            inApi.getStatus().getConditions().forEach(c -> api.put(c.getType(), c.getStatus()));
            return computed.getConditions().stream().allMatch(c -> c.getStatus().equals(api.get(c.getType())));
        } catch (KubernetesClientException e) {
            return true; // API unavailable: nothing to compare with, and a post would fail as well
        }
    }

    // ------------------------------------------------------------------ static pods

    private void startStaticPods() {
        Instant now = clock.instant();
        for (var e : StaticPods.manifests(cfg, settings).entrySet()) {
            Pod mirror = StaticPods.mirror(e.getValue(), cfg, nodeUid, now);
            String key = key(mirror.getMetadata().getNamespace(), mirror.getMetadata().getName());
            PodWorker w = workers.computeIfAbsent(key, k -> new PodWorker(mirror.getMetadata().getNamespace(), mirror.getMetadata().getName(), true));
            synchronized (w) {
                w.manifest = e.getValue();
                if (w.sim == null) {
                    BooleanSupplier health = staticPodHealth.getOrDefault(e.getKey(), () -> true);
                    w.sim = new PodSimulation(mirror, cfg, timing, images, ids, cfg.internalIp(), now, health);
                }
            }
            createMirror(mirror);
        }
    }

    private void createMirror(Pod mirror) {
        try {
            client.pods().inNamespace(mirror.getMetadata().getNamespace()).resource(mirror).create();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                LOG.debug("kubelet {}: mirror pod {} not created: {}", cfg.name(), mirror.getMetadata().getName(), e.getMessage());
            }
        }
    }

    private void checkStaticPods() {
        workers.values().stream().filter(w -> w.isStatic).forEach(w -> requestSync(w, Duration.ZERO));
    }

    // ------------------------------------------------------------------ pods

    static String key(String namespace, String name) {
        return namespace + "/" + name;
    }

    /** A pod bound to this node was added or changed. */
    public void onPod(Pod pod) {
        String key = key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        // A mirror pod may be seen before the kubelet (re)reads its manifests: it stays a static pod's worker.
        PodWorker w = workers.computeIfAbsent(key, k -> new PodWorker(pod.getMetadata().getNamespace(), pod.getMetadata().getName(),
                StaticPods.isMirror(pod)));
        synchronized (w) {
            if (!w.isStatic && w.sim != null && !w.sim.pod().getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                // Same name, new pod: the old one is gone.
                releaseIp(w);
                w.sim = null;
                w.postedStatus = null;
                w.ipReleased = false;
                w.finalDeleteSent = false;
            }
            w.latest = pod;
        }
        requestSync(w, Duration.ZERO);
    }

    /** A pod bound to this node was deleted from the API. */
    public void onPodDeleted(Pod pod) {
        String key = key(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        PodWorker w = workers.get(key);
        if (w == null) {
            return;
        }
        statuses.forget(pod.getMetadata().getNamespace(), pod.getMetadata().getName());
        if (w.isStatic) {
            synchronized (w) {
                w.latest = null;
                w.postedStatus = null;
            }
            if (running && w.manifest != null) {
                // The kubelet recreates a deleted mirror pod: the static pod is still running.
                createMirror(StaticPods.mirror(w.manifest, cfg, nodeUid, clock.instant()));
            }
            return;
        }
        synchronized (w) {
            if (w.latest != null && !w.latest.getMetadata().getUid().equals(pod.getMetadata().getUid())) {
                return;
            }
            workers.remove(key);
            if (w.wake != null) {
                w.wake.cancel(false);
            }
            releaseIp(w);
        }
    }

    private void requestSync(PodWorker w, Duration delay) {
        if (!running) {
            return;
        }
        synchronized (w) {
            Instant at = clock.instant().plus(delay);
            if (w.wake != null && !w.wake.isDone() && w.wakeAt != null && !w.wakeAt.isAfter(at)) {
                return;
            }
            if (w.wake != null) {
                w.wake.cancel(false);
            }
            w.wakeAt = at;
            w.wake = scheduler.schedule(() -> sync(w), Math.max(0, delay.toMillis()), TimeUnit.MILLISECONDS);
        }
    }

    /** The pod worker's sync: advance the simulation, record events, post status, finish deletion. */
    private void sync(PodWorker w) {
        try {
            syncOnce(w);
        } catch (RuntimeException e) {
            LOG.debug("kubelet {}: sync of {}/{} failed: {}", cfg.name(), w.namespace, w.name, e.toString());
            requestSync(w, Duration.ofSeconds(1));
        }
    }

    private void syncOnce(PodWorker w) {
        Optional<Instant> next;
        synchronized (w) {
            w.wake = null;
            w.wakeAt = null;
            if (!running) {
                return;
            }
            Instant now = clock.instant();
            Pod pod = w.latest;
            if (w.isStatic) {
                if (w.sim == null) {
                    return; // its manifest is not (yet) read by this kubelet
                }
                if (pod != null) {
                    w.sim.update(pod);
                }
            } else {
                if (pod == null) {
                    return;
                }
                boolean deleting = pod.getMetadata().getDeletionTimestamp() != null;
                if (w.sim == null) {
                    String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
                    if (deleting || "Succeeded".equals(phase) || "Failed".equals(phase)) {
                        if (deleting) {
                            finalDelete(w, pod);
                        }
                        return;
                    }
                    String ip;
                    try {
                        String had = pod.getStatus() == null ? null : pod.getStatus().getPodIP();
                        if (Boolean.TRUE.equals(pod.getSpec().getHostNetwork())) {
                            ip = cfg.internalIp();
                        } else if (had != null && !had.isEmpty()) {
                            // A pod found running when this kubelet process starts keeps its IP.
                            ips.reserve(had);
                            ip = had;
                        } else {
                            ip = ips.allocate();
                        }
                    } catch (IllegalStateException e) {
                        record(pod, List.of(new PodEvent(PodEvent.WARNING, "FailedCreatePodSandBox",
                                "Failed to create pod sandbox: " + e.getMessage(), null, now)));
                        next = Optional.of(now.plusSeconds(10));
                        scheduleNext(w, next, now);
                        return;
                    }
                    w.sim = new PodSimulation(pod, cfg, timing, images, ids, ip, now, null);
                } else {
                    w.sim.update(pod);
                }
                if (deleting) {
                    Long grace = pod.getMetadata().getDeletionGracePeriodSeconds();
                    if (grace == null) {
                        grace = pod.getSpec().getTerminationGracePeriodSeconds() == null ? 30L : pod.getSpec().getTerminationGracePeriodSeconds();
                    }
                    w.sim.beginDeletion(now, grace);
                }
            }
            PodSimulation sim = w.sim;
            record(pod == null ? sim.pod() : pod, sim.advance(now));
            if (pod != null) {
                PodStatus status = sim.status(now);
                String json = Serialization.asJson(status);
                UUID digest = UUID.nameUUIDFromBytes(json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
                if (!digest.equals(w.postedStatus)) {
                    // the status manager writes it (the newest version only), the worker goes on
                    statuses.setPodStatus(w.namespace, w.name, pod.getMetadata().getUid(), json);
                    w.postedStatus = digest;
                    w.postedPhase = status.getPhase();
                    w.postedReady = readyStatus(status);
                }
            }
            if (!w.isStatic && sim.stopped()) {
                releaseIp(w);
                if (sim.deleting()) {
                    finalDelete(w, pod);
                }
            }
            next = sim.nextWake(now);
            scheduleNext(w, next, now);
        }
    }

    /**
     * The status manager's reconciliation ({@code syncBatch}/{@code needsReconcile}): a pod whose phase or Ready
     * condition in the API is not what this kubelet last wrote — the node lifecycle controller marks pods not Ready
     * while their node looks down — gets its status written again, or it would stay not Ready for good.
     */
    void reconcileStatuses() {
        if (!running) {
            return;
        }
        for (PodWorker w : workers.values()) {
            boolean drifted;
            synchronized (w) {
                Pod api = w.latest;
                drifted = api != null && w.postedStatus != null && api.getStatus() != null
                        && api.getMetadata().getDeletionTimestamp() == null
                        && (!java.util.Objects.equals(api.getStatus().getPhase(), w.postedPhase)
                        || !java.util.Objects.equals(readyStatus(api.getStatus()), w.postedReady));
                if (drifted) {
                    w.postedStatus = null;
                }
            }
            if (drifted) {
                requestSync(w, Duration.ZERO);
            }
        }
    }

    private static String readyStatus(PodStatus status) {
        return status.getConditions() == null ? null : status.getConditions().stream().filter(c -> "Ready".equals(c.getType()))
                .map(io.fabric8.kubernetes.api.model.PodCondition::getStatus).findFirst().orElse(null);
    }

    private void scheduleNext(PodWorker w, Optional<Instant> next, Instant now) {
        next.ifPresent(t -> requestSync(w, Duration.between(now, t).isNegative() ? Duration.ZERO : Duration.between(now, t)));
    }

    /**
     * The kubelet's last word on a pod: once its containers are gone the status manager deletes it with grace period
     * 0, after the final status it has pending.
     */
    private void finalDelete(PodWorker w, Pod pod) {
        if (w.finalDeleteSent) {
            return;
        }
        w.finalDeleteSent = true;
        statuses.deletePod(w.namespace, w.name, pod == null ? null : pod.getMetadata().getUid());
    }

    private void releaseIp(PodWorker w) {
        if (w.sim != null && !w.ipReleased && !w.isStatic && !Boolean.TRUE.equals(w.sim.pod().getSpec().getHostNetwork())) {
            ips.release(w.sim.podIp());
            w.ipReleased = true;
        }
    }

    private void record(Pod pod, List<PodEvent> evs) {
        String uid = pod.getMetadata().getUid();
        if (uid == null && StaticPods.isMirror(pod)) {
            // As the real kubelet: a static pod's events refer to the static pod, whose UID is its config hash.
            uid = pod.getMetadata().getAnnotations().get(StaticPods.CONFIG_HASH);
        }
        if (evs.isEmpty() || uid == null) {
            return;
        }
        for (PodEvent e : evs) {
            ObjectReference ref = new ObjectReferenceBuilder().withApiVersion("v1").withKind("Pod")
                    .withNamespace(pod.getMetadata().getNamespace()).withName(pod.getMetadata().getName())
                    .withUid(uid).withFieldPath(e.fieldPath()).build();
            events.event(ref, e.type(), e.reason(), e.message());
        }
    }

    // ------------------------------------------------------------------ logs

    /**
     * {@code GET /containerLogs/<ns>/<pod>/<container>} as the kubelet answers it.
     *
     * @throws KubeletException 404 when the pod is not on this node, 400 for a container that is not
     *                          in the pod, has not started, or has no previous instance
     */
    public String logs(String namespace, String pod, String container, Integer tailLines, boolean timestamps, boolean previous) {
        PodWorker w = workers.get(key(namespace, pod));
        if (w == null || w.sim == null) {
            throw new KubeletException(404, "pod \"" + pod + "\" not found on node " + cfg.name());
        }
        synchronized (w) {
            PodSimulation sim = w.sim;
            String c = container;
            if (c == null || c.isEmpty()) {
                List<String> app = sim.containers().stream().map(PodSimulation.Sim::name).toList();
                if (app.size() != 1) {
                    throw new KubeletException(400, "a container name must be specified for pod " + pod + ", choose one of: " + app);
                }
                c = app.get(0);
            }
            String name = c;
            PodSimulation.Sim s = sim.all().stream().filter(x -> x.name().equals(name)).findFirst()
                    .orElseThrow(() -> new KubeletException(400, "container " + name + " is not valid for pod " + pod));
            if (!s.everRan) {
                String reason = sim.status(clock.instant()).getContainerStatuses().stream()
                        .filter(cs -> cs.getName().equals(name)).findFirst()
                        .map(cs -> cs.getState().getWaiting() == null ? "ContainerCreating" : cs.getState().getWaiting().getReason())
                        .orElse("PodInitializing");
                throw new KubeletException(400, "container \"" + name + "\" in pod \"" + pod + "\" is waiting to start: " + reason);
            }
            String text = s.log.render(tailLines, timestamps, previous);
            if (text == null) {
                throw new KubeletException(400, "previous terminated container \"" + name + "\" in pod \"" + pod + "\" not found");
            }
            return text;
        }
    }

    /** Pods this kubelet currently simulates (including mirror pods), as {@code namespace/name}. */
    public List<String> pods() {
        return workers.values().stream().filter(w -> w.sim != null).map(w -> key(w.namespace, w.name)).sorted().toList();
    }

    /** Pod IPs in use on this node. */
    public int podIpsInUse() {
        return ips.inUse();
    }
}
