package dev.kubelab.bench.cluster;

import dev.kubelab.bench.BenchContext;
import dev.kubelab.bench.Benchmark;
import dev.kubelab.bench.Measurement;
import dev.kubelab.bench.Rss;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.embedded.EmbeddedCluster;
import dev.kubelab.cluster.embedded.EmbeddedProvider;
import dev.kubelab.cluster.embedded.EmbeddedTuning;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.options.DeleteOption;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

/**
 * {@code ./kubelab bench cluster}: the full embedded cluster (issue 4's goals), in this JVM as `kubelab cluster serve`
 * runs it — cluster up to all nodes Ready and kube-system pods Running (median of 3); a 1,000-replica Deployment to
 * 1,000 pods Running and that rate against raw etcd puts on the same etcd; kube-scheduler throughput alone (1,000 pods
 * created while it is stopped, then started); steady state of 100 nodes and 10,000 pods with heartbeats (CPU share
 * and RSS of this JVM + etcd over 30 s). The load average is recorded alongside (the machine may be shared).
 */
public final class ClusterBenchmark implements Benchmark {
    private static final int PODS = 1000;
    private static final int STEADY_NODES = 100;
    private static final int STEADY_PODS = 10_000;
    private static final int CONCURRENCY = 8;

    @Override
    public String suite() {
        return "cluster";
    }

    @Override
    public String name() {
        return "cluster";
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        List<Measurement> out = new ArrayList<>();
        out.add(new Measurement("load average (1 min) at start", "", List.of(loadAverage()), null));
        Path scratch = Files.createTempDirectory("kubelab-bench-cluster");
        try {
            // -Dbench.cluster.phases=up,workload,steady (default all): profile one phase without the others
            List<String> phases = List.of(System.getProperty("bench.cluster.phases", "up,workload,steady").split(","));
            if (phases.contains("up")) clusterUp(scratch, Math.max(3, Math.min(context.runs(), 3)), out);
            if (phases.contains("workload")) workload(scratch, out);
            if (phases.contains("steady")) steadyState(scratch, out);
        } finally {
            deleteTree(scratch);
        }
        out.add(new Measurement("load average (1 min) at end", "", List.of(loadAverage()), null));
        return out;
    }

    // ------------------------------------------------------------------ measurements

    private static void clusterUp(Path scratch, int runs, List<Measurement> out) {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            EmbeddedCluster c = create(scratch.resolve("up" + i), "up" + i, 2, EmbeddedTuning.defaults());
            try {
                long t0 = System.nanoTime();
                c.up(ProgressListener.NONE); // returns with every node Ready
                await(Duration.ofSeconds(120), "kube-system pods Running", () -> c.client().pods().inNamespace("kube-system").list().getItems()
                        .stream().filter(p -> "Running".equals(p.getStatus().getPhase())).count() == 4 + 3 + 2);
                ms.add((System.nanoTime() - t0) / 1e6);
            } finally {
                c.down(ProgressListener.NONE);
            }
            log("cluster up #" + (i + 1) + ": " + Math.round(ms.get(i)) + " ms");
        }
        out.add(new Measurement("cluster up → 3 nodes Ready + 9 kube-system pods Running", "ms", ms, 2000.0));
    }

    private static void workload(Path scratch, List<Measurement> out) throws Exception {
        // 20 workers: 1,000 Deployment pods and 1,000 bare pods fit under kubelet's maxPods 110 per node
        EmbeddedCluster c = create(scratch.resolve("load"), "load", 20, EmbeddedTuning.defaults().withNodeSimulatorThreads(4));
        try {
            c.up(ProgressListener.NONE);
            KubernetesClient k = c.client();
            double etcdRate = rawEtcdPuts(c.etcd().endpoints().get(0), podSizedValue(k));
            out.add(new Measurement("raw etcd puts/s (same etcd, concurrency " + CONCURRENCY + ")", "1/s", List.of(etcdRate), null));

            namespace(k, "deploy");
            double secs;
            try (PodTally running = PodTally.running(k, "deploy"); WriteTally writes = new WriteTally(c.apiServer().orElseThrow())) {
                long t0 = System.nanoTime();
                k.apps().deployments().inNamespace("deploy").resource(deployment("big", PODS)).create();
                await(Duration.ofSeconds(240), PODS + " pods Running", () -> running.count() >= PODS);
                secs = (System.nanoTime() - t0) / 1e9;
                out.add(new Measurement(PODS + "-replica Deployment: API writes per pod until all Running", "",
                        List.of((double) writes.total() / PODS), null));
                log("deployment: API writes until " + PODS + " pods Running (" + writes.total() + "):\n" + writes.breakdown());
            }
            out.add(new Measurement(PODS + "-replica Deployment: create → " + PODS + " pods Running", "ms", List.of(secs * 1000), 5000.0));
            out.add(Measurement.atLeast(PODS + "-replica Deployment: pods Running per second", "1/s", List.of(PODS / secs), 200.0));
            out.add(new Measurement("  that rate as % of raw etcd puts/s", "%", List.of(100 * (PODS / secs) / etcdRate), null));
            log("deployment: " + PODS + " pods Running in " + Math.round(secs * 1000) + " ms");

            namespace(k, "sched");
            c.stop(Component.KUBE_SCHEDULER, Optional.empty());
            createPods(k, "sched", PODS);
            double bindSecs;
            double steadyRate;
            try (PodTally bound = PodTally.bound(k, "sched")) {
                await(Duration.ofSeconds(60), PODS + " pending pods seen", () -> bound.seen() >= PODS);
                try (WriteTally writes = new WriteTally(c.apiServer().orElseThrow())) {
                    long t0 = System.nanoTime();
                    c.start(Component.KUBE_SCHEDULER, Optional.empty()); // returns once its informers synced and it leads
                    long t1 = System.nanoTime();
                    long boundAtLead = bound.count();
                    await(Duration.ofSeconds(240), PODS + " pods bound", () -> bound.count() >= PODS);
                    long t2 = System.nanoTime();
                    bindSecs = (t2 - t0) / 1e9;
                    // throughput as scheduler_perf's SchedulingThroughput counts it: pods bound per second by a running
                    // scheduler; its start (informer lists, lease) is reported separately in the total below
                    steadyRate = (PODS - boundAtLead) / ((t2 - t1) / 1e9);
                    log("scheduler: start " + Math.round((t1 - t0) / 1e6) + " ms (" + boundAtLead + " bound by then); API writes until "
                            + PODS + " pods bound (" + writes.total() + "):\n" + writes.breakdown());
                }
            }
            out.add(Measurement.atLeast("kube-scheduler alone: pods bound per second once leading (" + PODS + " pending)", "1/s",
                    List.of(steadyRate), 500.0));
            out.add(new Measurement("  including its start (informer sync, lease): pods bound per second", "1/s",
                    List.of(PODS / bindSecs), null));
            log("scheduler: " + PODS + " pods bound in " + Math.round(bindSecs * 1000) + " ms from start");
        } finally {
            c.down(ProgressListener.NONE);
        }
    }

    private static void steadyState(Path scratch, List<Measurement> out) throws Exception {
        EmbeddedCluster c = create(scratch.resolve("steady"), "steady", STEADY_NODES - 1, EmbeddedTuning.defaults().withNodeSimulatorThreads(8));
        try {
            long t0 = System.nanoTime();
            c.up(ProgressListener.NONE);
            log("steady: " + STEADY_NODES + " nodes Ready in " + Math.round((System.nanoTime() - t0) / 1e6) + " ms");
            KubernetesClient k = c.client();
            namespace(k, "steady");
            int deployments = STEADY_PODS / PODS;
            for (int i = 0; i < deployments; i++) k.apps().deployments().inNamespace("steady").resource(deployment("s" + i, PODS)).create();
            long t1 = System.nanoTime();
            boolean all = awaitQuietly(Duration.ofSeconds(180), () -> ready(k, deployments) >= STEADY_PODS);
            int ready = ready(k, deployments);
            log("steady: " + ready + " pods Ready in " + Math.round((System.nanoTime() - t1) / 1e6) + " ms" + (all ? "" : " (timed out)"));
            if (!all) log("steady: pods not Ready, by state:\n" + notReadyBreakdown(k, "steady"));
            out.add(new Measurement("steady state: pods Ready of " + STEADY_PODS + " on " + STEADY_NODES + " nodes", "pods", List.of((double) ready), null));
            long etcdPid = etcdPid(c);
            long self = ProcessHandle.current().pid();
            double cpu0 = cpuSeconds(self) + cpuSeconds(etcdPid);
            long w0 = System.nanoTime();
            Thread.sleep(30_000);   // heartbeats: 100 Leases renewed every 10 s, node status, controllers' resyncs
            double wall = (System.nanoTime() - w0) / 1e9;
            double cpu = cpuSeconds(self) + cpuSeconds(etcdPid) - cpu0;
            double jvmRss = Rss.mib(self);
            double etcdRss = Rss.mib(etcdPid);
            out.add(new Measurement("steady state (30 s): CPU of JVM + etcd, % of one core", "%", List.of(100 * cpu / wall), null));
            out.add(new Measurement("steady state: RSS of JVM + etcd", "MiB", List.of(jvmRss + etcdRss), 1024.0));
            out.add(new Measurement("  of which the JVM (max heap " + Runtime.getRuntime().maxMemory() / (1024 * 1024) + " MiB)", "MiB",
                    List.of(jvmRss), null));
            out.add(new Measurement("  of which etcd", "MiB", List.of(etcdRss), null));
            var heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage();
            log("steady: JVM heap used " + heap.getUsed() / (1024 * 1024) + " MiB of " + heap.getCommitted() / (1024 * 1024)
                    + " MiB committed; " + Thread.activeCount() + " threads");
        } finally {
            c.down(ProgressListener.NONE);
        }
    }

    // ------------------------------------------------------------------ helpers

    private static EmbeddedCluster create(Path dir, String name, int workers, EmbeddedTuning tuning) {
        ClusterSpec spec = ClusterSpec.defaults().withProvider(ProviderName.EMBEDDED).withName(name).withWorkers(workers).withDataDir(dir);
        return new EmbeddedProvider().create(spec, tuning);
    }

    /** Pods that are not Ready, counted by where they are stuck (unscheduled, phase, container waiting reason). */
    private static String notReadyBreakdown(KubernetesClient k, String ns) {
        java.util.Map<String, Long> by = new java.util.TreeMap<>();
        for (Pod p : k.pods().inNamespace(ns).list().getItems()) {
            var st = p.getStatus();
            boolean ready = st != null && st.getConditions() != null && st.getConditions().stream()
                    .anyMatch(x -> "Ready".equals(x.getType()) && "True".equals(x.getStatus()));
            if (ready) continue;
            String where = p.getSpec().getNodeName() == null ? "unscheduled" : "on a node";
            String phase = st == null ? "-" : st.getPhase();
            String waiting = st == null || st.getContainerStatuses() == null ? "-" : st.getContainerStatuses().stream()
                    .map(cs -> cs.getState() != null && cs.getState().getWaiting() != null ? cs.getState().getWaiting().getReason() : "-")
                    .findFirst().orElse("-");
            String deleting = p.getMetadata().getDeletionTimestamp() != null ? ", terminating" : "";
            by.merge(where + ", phase " + phase + ", waiting " + waiting + deleting, 1L, Long::sum);
        }
        StringBuilder b = new StringBuilder();
        by.forEach((key, n) -> b.append("    ").append(n).append("  ").append(key).append('\n'));
        return b.toString();
    }

    private static int ready(KubernetesClient k, int deployments) {
        int sum = 0;
        for (int i = 0; i < deployments; i++) {
            Deployment d = k.apps().deployments().inNamespace("steady").withName("s" + i).get();
            if (d != null && d.getStatus() != null && d.getStatus().getReadyReplicas() != null) sum += d.getStatus().getReadyReplicas();
        }
        return sum;
    }

    private static Deployment deployment(String name, int replicas) {
        return new DeploymentBuilder().withNewMetadata().withName(name).endMetadata().withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector().withNewTemplate().withNewMetadata().addToLabels("app", name)
                .endMetadata().withNewSpec().addNewContainer().withName("app").withImage("nginx:1.25").withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("1m")).endResources().endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    private static void namespace(KubernetesClient k, String name) {
        k.namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(name).endMetadata().build()).create();
        // the ServiceAccount admission plugin needs the namespace's default service account (serviceaccount controller)
        await(Duration.ofSeconds(60), "default service account in " + name,
                () -> k.serviceAccounts().inNamespace(name).withName("default").get() != null);
    }

    private static void createPods(KubernetesClient k, String ns, int n) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try {
            AtomicInteger next = new AtomicInteger();
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                fs.add(CompletableFuture.runAsync(() -> {
                    for (int i; (i = next.getAndIncrement()) < n; ) {
                        Pod p = new PodBuilder().withNewMetadata().withName("p-" + i).endMetadata().withNewSpec().addNewContainer()
                                .withName("app").withImage("nginx:1.25").endContainer().endSpec().build();
                        k.pods().inNamespace(ns).resource(p).create();
                    }
                }, pool));
            }
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
        } finally {
            pool.shutdownNow();
        }
    }

    /** A stored pod's JSON size, so the raw etcd puts carry values as large as the API server's. */
    private static byte[] podSizedValue(KubernetesClient k) {
        // up() returns once the nodes are Ready; the CoreDNS pods may still be on their way from the controllers
        await(Duration.ofSeconds(120), "a coredns pod", () -> coredns(k).isPresent());
        Pod p = coredns(k).orElseThrow();
        return io.fabric8.kubernetes.client.utils.Serialization.asJson(p).getBytes(StandardCharsets.UTF_8);
    }

    private static Optional<Pod> coredns(KubernetesClient k) {
        return k.pods().inNamespace("kube-system").list().getItems().stream().filter(x -> x.getMetadata().getName().startsWith("coredns"))
                .findFirst();
    }

    private static double rawEtcdPuts(String endpoint, byte[] value) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        try (Client etcd = Client.builder().endpoints(endpoint).build()) {
            var kv = etcd.getKVClient();
            ByteSequence v = ByteSequence.from(value);
            kv.put(ByteSequence.from("/bench/warm", StandardCharsets.UTF_8), v).get();
            AtomicInteger next = new AtomicInteger();
            long t = System.nanoTime();
            List<CompletableFuture<Void>> fs = new ArrayList<>();
            for (int w = 0; w < CONCURRENCY; w++) {
                fs.add(CompletableFuture.runAsync(() -> {
                    for (int i; (i = next.getAndIncrement()) < PODS; ) {
                        try {
                            kv.put(ByteSequence.from("/bench/raw/" + i, StandardCharsets.UTF_8), v).get();
                        } catch (Exception e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }, pool));
            }
            CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
            double secs = (System.nanoTime() - t) / 1e9;
            kv.delete(ByteSequence.from("/bench/", StandardCharsets.UTF_8), DeleteOption.builder().isPrefix(true).build()).get();
            return PODS / secs;
        } finally {
            pool.shutdownNow();
        }
    }

    private static long etcdPid(EmbeddedCluster c) {
        ComponentStatus etcd = c.components().stream().filter(s -> s.component() == Component.ETCD).findFirst().orElseThrow();
        return Long.parseLong(etcd.detail().replaceAll("^pid (\\d+).*$", "$1"));
    }

    /** utime + stime of a process, from /proc/PID/stat (clock ticks of 1/100 s, as on Linux x86-64). */
    private static double cpuSeconds(long pid) throws IOException {
        if (pid == ProcessHandle.current().pid()) {
            var os = ManagementFactory.getOperatingSystemMXBean();
            if (os instanceof com.sun.management.OperatingSystemMXBean sun) return sun.getProcessCpuTime() / 1e9;
        }
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) / 100.0;
    }

    private static double loadAverage() {
        return ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage();
    }

    private static void await(Duration timeout, String what, BooleanSupplier condition) {
        if (!awaitQuietly(timeout, condition)) throw new IllegalStateException("timed out after " + timeout.toSeconds() + " s waiting for " + what);
    }

    private static boolean awaitQuietly(Duration timeout, BooleanSupplier condition) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            try {
                if (condition.getAsBoolean()) return true;
            } catch (RuntimeException e) {
                // not yet
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    private static void log(String s) {
        System.err.println("  " + s);
    }

    private static void deleteTree(Path p) {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // scratch space
        }
    }
}
