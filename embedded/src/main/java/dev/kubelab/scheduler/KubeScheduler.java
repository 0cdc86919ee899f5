package dev.kubelab.scheduler;

import dev.kubelab.client.DropManagedFields;
import dev.kubelab.scheduler.client.Fabric8SchedulerClient;
import dev.kubelab.scheduler.framework.Listers;
import dev.kubelab.scheduler.recorder.SchedulingRecorder;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderCallbacks;
import io.fabric8.kubernetes.client.extended.leaderelection.LeaderElectionConfigBuilder;
import dev.kubelab.leaderelection.UpdatingLeaseLock;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The kube-scheduler component: informers on pods (without terminal ones), nodes,
 * PodDisruptionBudgets, namespaces, services, replica sets, stateful sets and replication controllers; leader election on the {@code kube-system/kube-scheduler}
 * Lease (holder {@code <hostname>_<uuid>}); and the {@link Scheduler} loop while leading. It talks to
 * the cluster only through the API server. {@link #stop()} and {@link #start()} model stopping and
 * restarting the binary (a new identity each start); the {@link SchedulingRecorder} survives restarts.
 */
public final class KubeScheduler implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(KubeScheduler.class);
    public static final String LEASE_NAMESPACE = "kube-system";
    public static final String LEASE_NAME = "kube-scheduler";

    private final KubernetesClient client;
    private final SchedulerOptions options;
    private final SchedulingRecorder recorder = new SchedulingRecorder();
    private final List<SharedIndexInformer<?>> informers = new ArrayList<>();
    private volatile Scheduler scheduler;
    private volatile String identity;
    private volatile String observedLeader;
    private volatile boolean leading;
    private volatile boolean stopping;
    private volatile boolean shuttingDown;
    private volatile boolean everStarted;
    private CompletableFuture<?> election;
    private Fabric8SchedulerClient api;

    public KubeScheduler(KubernetesClient client, SchedulerOptions options) {
        this.client = client;
        this.options = options;
    }

    private boolean servesReplicationControllers() {
        try {
            var core = client.getApiResources("v1");
            return core != null && core.getResources().stream().anyMatch(r -> "replicationcontrollers".equals(r.getName()));
        } catch (RuntimeException e) {
            return true; // discovery failed: let the informer report the real problem
        }
    }

    /**
     * Starts informers (waiting for their initial lists), then leader election, then scheduling.
     * If the API server cannot be reached the start fails and leaves nothing running.
     */
    public synchronized void start() {
        if (scheduler != null) {
            return;
        }
        try {
            doStart();
            everStarted = true;
        } catch (RuntimeException e) {
            shutdown();
            throw e;
        }
    }

    private void doStart() {
        stopping = false;
        identity = options.hostname() + "_" + UUID.randomUUID();
        api = new Fabric8SchedulerClient(client, options.schedulerName(), options.hostname());
        SharedIndexInformer<PodDisruptionBudget> pdbs = client.policy().v1().podDisruptionBudget().inAnyNamespace().runnableInformer(0);
        SharedIndexInformer<Namespace> namespaces = client.namespaces().runnableInformer(0);
        SharedIndexInformer<Service> services = client.services().inAnyNamespace().runnableInformer(0);
        SharedIndexInformer<ReplicaSet> replicaSets = client.apps().replicaSets().inAnyNamespace().runnableInformer(0);
        SharedIndexInformer<StatefulSet> statefulSets = client.apps().statefulSets().inAnyNamespace().runnableInformer(0);
        // ReplicationControllers only where the API server serves them (kubelab's does not yet): an informer on an
        // unserved resource would fail the whole start with a 404
        SharedIndexInformer<ReplicationController> rcs = servesReplicationControllers()
                ? client.replicationControllers().inAnyNamespace().runnableInformer(0) : null;
        Listers listers = new Listers() {
            @Override
            public Map<String, String> namespaceLabels(String namespace) {
                Namespace n = namespaces.getStore().getByKey(namespace);
                return n == null ? null : n.getMetadata().getLabels() == null ? Map.of() : n.getMetadata().getLabels();
            }

            @Override public List<PodDisruptionBudget> podDisruptionBudgets() { return pdbs.getStore().list(); }

            @Override
            public List<Service> services(String namespace) {
                return services.getStore().list().stream().filter(x -> namespace.equals(x.getMetadata().getNamespace())).toList();
            }

            @Override public ReplicaSet replicaSet(String ns, String name) { return replicaSets.getStore().getByKey(ns + "/" + name); }
            @Override public StatefulSet statefulSet(String ns, String name) { return statefulSets.getStore().getByKey(ns + "/" + name); }
            @Override public ReplicationController replicationController(String ns, String name) { return rcs == null ? null : rcs.getStore().getByKey(ns + "/" + name); }
        };
        Scheduler s = new Scheduler(options, api, api, recorder, listers);
        EventHandlers h = s.eventHandlers();
        for (SharedIndexInformer<?> i : List.of(pdbs, namespaces, services, replicaSets, statefulSets)) {
            start(i);
        }
        if (rcs != null) start(rcs);
        var pods = options.podFieldSelector()
                ? client.pods().inAnyNamespace().withoutField("status.phase", "Succeeded").withoutField("status.phase", "Failed")
                : client.pods().inAnyNamespace();
        SharedIndexInformer<Node> nodeInformer = client.nodes().runnableInformer(0);
        nodeInformer.addEventHandler(handler(h::onNodeAdd, h::onNodeUpdate, h::onNodeDelete));
        // kube-scheduler's pod informer drops managedFields (newPodInformer's transform)
        SharedIndexInformer<Pod> podInformer = DropManagedFields.on(pods.runnableInformer(0));
        podInformer.addEventHandler(handler(h::onPodAdd, h::onPodUpdate, h::onPodDelete));
        start(nodeInformer);
        start(podInformer);
        scheduler = s;
        if (options.leaderElect()) {
            String myIdentity = identity;
            election = client.leaderElector().withConfig(new LeaderElectionConfigBuilder()
                    .withName(LEASE_NAME)
                    .withLock(new UpdatingLeaseLock(LEASE_NAMESPACE, LEASE_NAME, identity))
                    .withLeaseDuration(options.leaseDuration())
                    .withRenewDeadline(options.renewDeadline())
                    .withRetryPeriod(options.retryPeriod())
                    .withReleaseOnCancel(true)
                    .withLeaderCallbacks(new LeaderCallbacks(this::onStartedLeading, () -> onStoppedLeading(myIdentity), id -> observedLeader = id))
                    .build()).build().start();
        } else {
            onStartedLeading();
        }
    }

    private void start(SharedIndexInformer<?> informer) {
        informers.add(informer);
        informer.start().toCompletableFuture().join();
    }

    private void onStartedLeading() {
        leading = true;
        Scheduler s = scheduler;
        if (s != null && !stopping) {
            LOG.info("{} became leader; scheduling", identity);
            s.run();
        }
    }

    /** Losing the lease ends kube-scheduler ("leaderelection lost"); here the component restarts itself. */
    private void onStoppedLeading(String electedIdentity) {
        if (stopping || shuttingDown || !electedIdentity.equals(identity)) {
            return; // our own stop/restart cancelled the election
        }
        leading = false;
        LOG.warn("{} lost the kube-scheduler lease; restarting", identity);
        CompletableFuture.runAsync(() -> {
            synchronized (this) {
                if (stopping) {
                    return;
                }
                shutdown();
            }
            // As kubelet restarts a crashed kube-scheduler: retry until it starts or someone stops us.
            while (!stopping) {
                try {
                    start();
                    return;
                } catch (RuntimeException e) {
                    LOG.warn("kube-scheduler restart failed, retrying: {}", e.toString());
                    try {
                        Thread.sleep(options.retryPeriod().toMillis());
                    } catch (InterruptedException ie) {
                        Thread.currentThread().interrupt();
                        return;
                    }
                }
            }
        });
    }

    /** Stops scheduling (nothing is bound afterwards), releases the lease and stops the informers. */
    public synchronized void stop() {
        stopping = true;
        shutdown();
    }

    private synchronized void shutdown() {
        shuttingDown = true;
        try {
            doShutdown();
        } finally {
            shuttingDown = false;
        }
    }

    private void doShutdown() {
        Scheduler s = scheduler;
        scheduler = null;
        if (s != null) {
            s.stop();
        }
        if (election != null) {
            election.cancel(true);
            election = null;
        }
        for (SharedIndexInformer<?> i : informers) {
            i.stop();
        }
        informers.clear();
        if (api != null) {
            api.close();
            api = null;
        }
        leading = false;
    }

    public boolean isRunning() {
        Scheduler s = scheduler;
        return s != null && s.isRunning();
    }

    public boolean isLeader() { return leading; }
    /**
     * Started and not stopped by its owner. Stays true while the component restarts itself after losing its lease
     * (kubelet would restart the crashed process), so a status read mid-restart does not report it as stopped.
     */
    public boolean isStarted() { return !stopping && (scheduler != null || everStarted); }
    /** This instance's Lease holder identity ({@code <hostname>_<uuid>}). */
    public String identity() { return identity; }
    /** The leader last observed through the Lease. */
    public String observedLeader() { return observedLeader; }
    public SchedulingRecorder recorder() { return recorder; }
    /** The running scheduler, or null while stopped. */
    public Scheduler scheduler() { return scheduler; }

    @Override
    public void close() {
        stop();
    }

    private static <T> ResourceEventHandler<T> handler(Consumer<T> add, BiConsumer<T, T> update, Consumer<T> delete) {
        return new ResourceEventHandler<>() {
            @Override public void onAdd(T obj) { add.accept(obj); }
            @Override public void onUpdate(T oldObj, T newObj) { update.accept(oldObj, newObj); }
            @Override public void onDelete(T obj, boolean deletedFinalStateUnknown) { delete.accept(obj); }
        };
    }
}
