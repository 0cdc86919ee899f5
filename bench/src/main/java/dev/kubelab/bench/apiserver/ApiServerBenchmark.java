package dev.kubelab.bench.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.apiserver.storage.EtcdStore;
import dev.kubelab.embedded.EmbeddedControlPlane;
import dev.kubelab.pki.CertKeyPair;
import dev.kubelab.pki.Pki;
import io.vertx.core.Vertx;
import io.vertx.core.VertxOptions;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.JdkSSLEngineOptions;
import io.vertx.core.net.OpenSSLEngineOptions;
import io.vertx.core.net.PemKeyCertOptions;
import io.vertx.core.net.PemTrustOptions;
import dev.kubelab.pki.PkiOptions;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * {@code ./kubelab bench apiserver}: the embedded kube-apiserver measured in one run on this machine, against the
 * goals of issue 3 — cold start (etcd spawn → API ready, median of ≥5), create/get latency p50/p99 over HTTPS with a
 * keep-alive client, throughput of 1,000 pod creates as a fraction of raw etcd puts (same etcd and client, same run,
 * same concurrency, same value size, interleaved rounds), list of 1,000 pods as a Table, write → watch event delivery p50, and the RSS of
 * an API server JVM started as {@code kubelab cluster serve} holding 1,000 pods.
 *
 * <p>{@link #run(Path)} returns the figures as a Jackson tree (the bench framework writes it under target/bench/);
 * {@link #main} runs it standalone and writes bench/target/bench/apiserver.json plus a table on stdout.
 */
public final class ApiServerBenchmark {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PODS = 1000;
    private static final int CONCURRENCY = 8;
    private static final int LATENCY_WARMUP = 2500;
    private static final int THROUGHPUT_ROUNDS = 4;
    private static final int THROUGHPUT_WARMUP = 200;

    private ApiServerBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        ObjectNode result = run(root);
        Path out = root.resolve("bench/target/bench/apiserver.json");
        Files.createDirectories(out.getParent());
        JSON.writerWithDefaultPrettyPrinter().writeValue(out.toFile(), result);
        System.out.println(table(result));
        System.out.println("written to " + out);
    }

    /** Runs every measurement; root is the repository root (unused except for scratch space under target/). */
    public static ObjectNode run(Path root) throws Exception {
        ObjectNode r = JSON.createObjectNode();
        r.put("suite", "apiserver");
        r.put("machine", Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("java.vm.name") + " "
                + Runtime.version());
        ArrayNode rows = r.putArray("measurements");
        Path scratch = Files.createTempDirectory("kubelab-bench-apiserver");
        try {
            coldStart(scratch.resolve("cold"), rows);
            try (EmbeddedControlPlane cp = EmbeddedControlPlane.start("bench", scratch.resolve("main"), ApiServerOptions.defaults());
                 Api api = new Api(cp)) {
                api.namespaceForPods("bench");
                api.namespaceForPods("tput");
                latency(api, rows);
                throughput(cp, api, rows);
                listTable(api, rows);
                watchDelivery(api, rows);
            }
            rss(scratch.resolve("rss"), rows);
        } finally {
            deleteTree(scratch);
        }
        return r;
    }

    // ------------------------------------------------------------------ measurements

    private static void coldStart(Path dir, ArrayNode rows) throws Exception {
        // the PKI is made once (kubeadm's "init phase certs"); each start then spawns a fresh etcd and API server
        Pki pki = Pki.ensure(dir.resolve("pki"), PkiOptions.defaults(EmbeddedControlPlane.CONTROL_PLANE_NODE));
        int runs = Integer.getInteger("bench.runs", 5);
        double[] ms = new double[runs];
        for (int i = 0; i < runs; i++) {
            Path home = dir.resolve("run" + i);
            try (EmbeddedControlPlane cp = EmbeddedControlPlane.start("cold" + i, home, ApiServerOptions.defaults().withPki(pki))) {
                ms[i] = cp.startupNanos() / 1e6;
            }
        }
        row(rows, "cold start (etcd spawn → API ready), median of " + runs, median(ms), "ms", "≤ 1000", median(ms) <= 1000,
                "runs: " + Arrays.toString(round(ms)) + "; first run includes JVM class loading");
    }

    private static void latency(Api api, ArrayNode rows) throws Exception {
        // Warm-up until the JIT has compiled the request path: on this 2-core machine under load, C2 takes 10–20 s to
        // get there (windows of 1,000 sequential creates in one run: p50 7.8 → 2.1 → 0.9 ms, p99 72 → 37 → 20 ms over
        // the first 3,000), and a measurement inside that window times the compiler, not the API server.
        for (int i = 0; i < LATENCY_WARMUP; i++) api.post("/api/v1/namespaces/bench/pods", pod("warm-" + i));
        for (int i = 0; i < LATENCY_WARMUP; i++) api.get("/api/v1/namespaces/bench/pods/warm-" + i);
        int n = 1000;
        double[] create = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            api.post("/api/v1/namespaces/bench/pods", pod("lat-" + i));
            create[i] = (System.nanoTime() - t) / 1e6;
        }
        double[] get = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            api.get("/api/v1/namespaces/bench/pods/lat-" + i);
            get[i] = (System.nanoTime() - t) / 1e6;
        }
        row(rows, "pod create latency p50", pct(create, 50), "ms", "≤ 3", pct(create, 50) <= 3,
                n + " sequential creates over HTTPS after " + LATENCY_WARMUP + " unmeasured ones");
        row(rows, "pod create latency p99", pct(create, 99), "ms", "≤ 20", pct(create, 99) <= 20, null);
        row(rows, "pod get latency p50", pct(get, 50), "ms", "≤ 3", pct(get, 50) <= 3, n + " sequential gets over HTTPS");
        row(rows, "pod get latency p99", pct(get, 99), "ms", "≤ 20", pct(get, 99) <= 20, null);
    }

    /**
     * Pod creates through the API server against raw puts to the same etcd, like for like: the same concurrency, the
     * same jetcd client and connection the API server itself uses ({@link dev.kubelab.apiserver.storage.EtcdStore}),
     * values of exactly the bytes a pod is stored as, keys of the same shape. The machine is shared and its load
     * drifts, so the two sides run in interleaved rounds (API, etcd, etcd, API, …, after an unmeasured warm-up round
     * of each) and each side's rate is its total count over its total time. CPU time per operation of this JVM
     * (API server and client together) and of etcd is recorded too: it does not depend on the machine's load.
     */
    private static void throughput(EmbeddedControlPlane cp, Api api, ArrayNode rows) throws Exception {
        EtcdStore etcd = cp.apiServer().store().etcd();
        var podsResource = dev.kubelab.apiserver.registry.BuiltinResources.byGroupResource("pods").orElseThrow();
        byte[] stored = etcd.get(dev.kubelab.apiserver.registry.BuiltinResources.key(podsResource, "bench", "lat-0")).value();
        long etcdPid = cp.etcd().pid().orElseThrow();
        ExecutorService pool = Executors.newFixedThreadPool(CONCURRENCY);
        AtomicInteger podSeq = new AtomicInteger(), putSeq = new AtomicInteger();
        Side pods = new Side(), puts = new Side();
        int round = PODS / THROUGHPUT_ROUNDS;
        Runnable createPod = () -> api.post("/api/v1/namespaces/tput/pods", pod("t-" + podSeq.getAndIncrement()));
        AtomicInteger warmSeq = new AtomicInteger();   // warm-up pods go to another namespace: tput must hold PODS for the list
        Runnable warmPod = () -> api.post("/api/v1/namespaces/bench/pods", pod("tw-" + warmSeq.getAndIncrement()));
        Runnable putRaw = () -> etcd.put("/registry/bench-raw/tput/t-" + putSeq.getAndIncrement(), stored);
        try {
            concurrently(pool, THROUGHPUT_WARMUP, warmPod);
            concurrently(pool, THROUGHPUT_WARMUP, putRaw);
            for (int r = 0; r < THROUGHPUT_ROUNDS; r++) {
                boolean apiFirst = r % 2 == 0;   // ABBA order: a steady drift in load weighs on both sides alike
                (apiFirst ? pods : puts).measure(pool, round, apiFirst ? createPod : putRaw, etcdPid);
                (apiFirst ? puts : pods).measure(pool, round, apiFirst ? putRaw : createPod, etcdPid);
            }
        } finally {
            pool.shutdownNow();   // the raw keys stay: this etcd and its data are discarded after the run
        }
        double apiRate = pods.rate(), etcdRate = puts.rate();
        String cpu = "CPU per op: this JVM %.0f µs, etcd %.0f µs";
        row(rows, "pod creates/s (" + pods.ops + ", concurrency " + CONCURRENCY + ")", apiRate, "1/s", null, null,
                String.format(Locale.ROOT, cpu + " (JVM = API server + its HTTPS client)", pods.jvmCpuMicrosPerOp(), pods.etcdCpuMicrosPerOp()));
        row(rows, "raw etcd puts/s (same etcd and client, " + stored.length + " B values, concurrency " + CONCURRENCY + ")", etcdRate,
                "1/s", null, null, String.format(Locale.ROOT, cpu, puts.jvmCpuMicrosPerOp(), puts.etcdCpuMicrosPerOp()));
        // what the share would be if CPU were the only limit (both sides on the same cores): when it is close to the
        // measured share, etcd's disk is not what bounds either side on this machine
        double cpuBound = 100 * (puts.jvmCpuMicrosPerOp() + puts.etcdCpuMicrosPerOp()) / (pods.jvmCpuMicrosPerOp() + pods.etcdCpuMicrosPerOp());
        row(rows, "pod create throughput / raw etcd put throughput", 100 * apiRate / etcdRate, "%", "≥ 60",
                100 * apiRate / etcdRate >= 60, String.format(Locale.ROOT, "%d interleaved rounds of %d per side after a warm-up of %d; "
                        + "CPU per put / CPU per create (JVM + etcd) = %.0f %%", THROUGHPUT_ROUNDS, round, THROUGHPUT_WARMUP, cpuBound));
    }

    /** One side of the throughput comparison: operations, wall time and CPU time summed over its rounds. */
    private static final class Side {
        int ops;
        long nanos, jvmCpuNanos, etcdCpuNanos;

        void measure(ExecutorService pool, int n, Runnable op, long etcdPid) throws Exception {
            long cpu0 = processCpuNanos(), etcd0 = processCpuNanos(etcdPid), t0 = System.nanoTime();
            concurrently(pool, n, op);
            nanos += System.nanoTime() - t0;
            jvmCpuNanos += processCpuNanos() - cpu0;
            etcdCpuNanos += processCpuNanos(etcdPid) - etcd0;
            ops += n;
        }

        double rate() {
            return ops / (nanos / 1e9);
        }

        double jvmCpuMicrosPerOp() {
            return jvmCpuNanos / 1e3 / ops;
        }

        double etcdCpuMicrosPerOp() {
            return etcdCpuNanos / 1e3 / ops;
        }
    }

    /** Runs op n times on CONCURRENCY threads of pool, each taking the next operation as soon as its last one ended. */
    private static void concurrently(ExecutorService pool, int n, Runnable op) {
        AtomicInteger left = new AtomicInteger(n);
        List<CompletableFuture<Void>> fs = new ArrayList<>();
        for (int w = 0; w < CONCURRENCY; w++) {
            fs.add(CompletableFuture.runAsync(() -> {
                while (left.getAndDecrement() > 0) op.run();
            }, pool));
        }
        CompletableFuture.allOf(fs.toArray(CompletableFuture[]::new)).join();
    }

    /** CPU time (user + system) of this JVM. */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** CPU time (user + system) of another process, from /proc/PID/stat (clock ticks of 10 ms on Linux). */
    private static long processCpuNanos(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(f[11]) + Long.parseLong(f[12])) * 10_000_000L;
    }

    private static void listTable(Api api, ArrayNode rows) throws Exception {
        String accept = "application/json;as=Table;v=v1;g=meta.k8s.io,application/json";
        String body = api.get("/api/v1/namespaces/tput/pods", accept);
        int count = JSON.readTree(body).path("rows").size();
        if (count != PODS) throw new IllegalStateException("expected " + PODS + " rows, got " + count);
        for (int i = 0; i < 5; i++) api.get("/api/v1/namespaces/tput/pods", accept);
        double[] ms = new double[20];
        for (int i = 0; i < ms.length; i++) {
            long t = System.nanoTime();
            api.get("/api/v1/namespaces/tput/pods", accept);
            ms[i] = (System.nanoTime() - t) / 1e6;
        }
        row(rows, "list of " + PODS + " pods as Table (median of 20)", median(ms), "ms", "≤ 50", median(ms) <= 50,
                body.length() / 1024 + " KiB");
    }

    private static void watchDelivery(Api api, ArrayNode rows) throws Exception {
        api.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"watch\"}}");
        String rv = JSON.readTree(api.get("/api/v1/namespaces/watch/configmaps")).path("metadata").path("resourceVersion").asText();
        BlockingQueue<Long> arrivals = new ArrayBlockingQueue<>(1000);
        AutoCloseable watch = api.watch("/api/v1/namespaces/watch/configmaps?watch=true&resourceVersion=" + rv, line -> {
            if (line.contains("\"ADDED\"")) arrivals.add(System.nanoTime());
        });
        int n = 200;
        double[] ms = new double[n];
        for (int i = 0; i < n; i++) {
            long t = System.nanoTime();
            api.post("/api/v1/namespaces/watch/configmaps", "{\"metadata\":{\"name\":\"w-" + i + "\"}}");
            Long at = arrivals.poll(10, TimeUnit.SECONDS);
            if (at == null) throw new IllegalStateException("no watch event for w-" + i);
            ms[i] = (at - t) / 1e6;
        }
        watch.close();
        row(rows, "write → watch event delivery p50 (includes the create's round trip)", pct(ms, 50), "ms", "≤ 5", pct(ms, 50) <= 5,
                "p99 " + round(pct(ms, 99)) + " ms over " + n + " creates");
    }

    /** RSS of `kubelab cluster serve` (a JVM of its own, as `cluster up` starts it) holding 1,000 pods. */
    private static void rss(Path home, ArrayNode rows) throws Exception {
        Files.createDirectories(home);
        List<String> cmd = List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xss512k", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), "dev.kubelab.cli.Main", "cluster", "serve", "--api-only", "--name", "rss");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(home.resolve("serve.log").toFile());
        pb.environment().put("KUBELAB_HOME", home.toString());
        Process p = pb.start();
        try {
            Path state = home.resolve("clusters/rss/state.json");
            long deadline = System.nanoTime() + 60_000_000_000L;
            while (!Files.exists(state)) {
                if (!p.isAlive() || System.nanoTime() > deadline) throw new IllegalStateException("cluster serve did not start: " + Files.readString(home.resolve("serve.log")));
                Thread.sleep(50);
            }
            JsonNode st = JSON.readTree(state.toFile());
            double idle = rssMiB(p.pid());
            Pki pki = Pki.ensure(home.resolve("clusters/rss/kubernetes"), PkiOptions.defaults(EmbeddedControlPlane.CONTROL_PLANE_NODE));
            try (Api api = new Api(st.path("server").asText(), pki)) {
                api.namespaceForPods("rss");
                for (int i = 0; i < PODS; i++) api.post("/api/v1/namespaces/rss/pods", pod("r-" + i));
                api.get("/api/v1/namespaces/rss/pods", "application/json;as=Table;v=v1;g=meta.k8s.io");
            }
            double loaded = rssMiB(p.pid());
            row(rows, "RSS of the API server JVM with " + PODS + " pods stored", loaded, "MiB", null, null,
                    "idle after start: " + round(idle) + " MiB; -XX:+UseSerialGC, default heap");
        } finally {
            p.destroy();
            if (!p.waitFor(20, TimeUnit.SECONDS)) p.destroyForcibly();
        }
    }

    // ------------------------------------------------------------------ helpers

    private static String pod(String name) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{\"app\":\"bench\"}},"
                + "\"spec\":{\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.25\",\"ports\":[{\"containerPort\":80}]}]}}";
    }

    /**
     * A keep-alive HTTPS client presenting kubeadm's admin certificate. It stands in for kubectl and client-go, whose
     * TLS is Go's (fast on any JIT): its TLS runs in BoringSSL, as the embedded components' clients do, so that the
     * figures measure the API server and not the JDK's AES-GCM in a C1-compiled client.
     */
    static final class Api implements AutoCloseable {
        final Vertx vertx;
        final HttpClient http;
        final String server;

        Api(EmbeddedControlPlane cp) {
            this(cp.server(), cp.pki());
        }

        Api(String server, Pki pki) {
            this.server = server;
            CertKeyPair admin = pki.clientCertificate("kubernetes-admin", List.of(Pki.CLUSTER_ADMINS_GROUP));
            HttpClientOptions o = new HttpClientOptions().setSsl(true).setKeepAlive(true).setMaxPoolSize(4 * CONCURRENCY)
                    .setConnectTimeout(10_000)
                    .setSslEngineOptions(OpenSSLEngineOptions.isAvailable() ? new OpenSSLEngineOptions() : new JdkSSLEngineOptions())
                    .setKeyCertOptions(new PemKeyCertOptions().setCertValue(Buffer.buffer(admin.certPem())).setKeyValue(Buffer.buffer(admin.keyPem())))
                    .setTrustOptions(new PemTrustOptions().addCertValue(Buffer.buffer(pki.caPem())));
            this.vertx = Vertx.vertx(new VertxOptions().setEventLoopPoolSize(1).setWorkerPoolSize(1));
            this.http = vertx.createHttpClient(o);
        }

        /**
         * A namespace pods can be created in: with it, its default ServiceAccount, which kube-controller-manager's
         * serviceaccount controller would create (kube-apiserver alone never does; ServiceAccount admission needs it).
         */
        void namespaceForPods(String ns) {
            post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"" + ns + "\"}}");
            post("/api/v1/namespaces/" + ns + "/serviceaccounts", "{\"metadata\":{\"name\":\"default\"}}");
        }

        String post(String path, String json) {
            return send(options(HttpMethod.POST, path).putHeader("Content-Type", "application/json"), json, 201);
        }

        String get(String path) {
            return send(options(HttpMethod.GET, path), null, 200);
        }

        String get(String path, String accept) {
            return send(options(HttpMethod.GET, path).putHeader("Accept", accept), null, 200);
        }

        /** A watch: each line (one event) goes to {@code onLine} as it arrives; close the returned handle to end it. */
        AutoCloseable watch(String path, java.util.function.Consumer<String> onLine) {
            HttpClientRequest[] request = new HttpClientRequest[1];
            StringBuilder pending = new StringBuilder();
            await(http.request(options(HttpMethod.GET, path)).compose(req -> {
                request[0] = req;
                return req.send();
            }).map(resp -> {
                if (resp.statusCode() != 200) throw new IllegalStateException("GET " + path + " → " + resp.statusCode());
                resp.handler(buf -> {
                    pending.append(buf.toString(StandardCharsets.UTF_8));
                    for (int nl; (nl = pending.indexOf("\n")) >= 0; ) {
                        onLine.accept(pending.substring(0, nl));
                        pending.delete(0, nl + 1);
                    }
                });
                return resp;
            }));
            return () -> request[0].connection().close();
        }

        private RequestOptions options(HttpMethod method, String path) {
            return new RequestOptions().setMethod(method).setAbsoluteURI(server + path).setTimeout(60_000);
        }

        private String send(RequestOptions o, String body, int want) {
            return await(http.request(o).compose(req -> body == null ? req.send() : req.send(body)).compose(resp -> resp.body().map(b -> {
                String text = b.toString(StandardCharsets.UTF_8);
                if (resp.statusCode() != want) throw new IllegalStateException(o.getMethod() + " " + o.getURI() + " → " + resp.statusCode() + ": " + text);
                return text;
            })));
        }

        private static <T> T await(io.vertx.core.Future<T> f) {
            try {
                return f.toCompletionStage().toCompletableFuture().get(60, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            } catch (java.util.concurrent.ExecutionException e) {
                throw e.getCause() instanceof RuntimeException r ? r : new IllegalStateException(e.getCause());
            } catch (java.util.concurrent.TimeoutException e) {
                throw new IllegalStateException("no answer in 60 s", e);
            }
        }

        @Override
        public void close() {
            http.close();
            vertx.close();
        }
    }

    private static void row(ArrayNode rows, String what, double value, String unit, String goal, Boolean met, String note) {
        ObjectNode n = rows.addObject();
        n.put("measurement", what);
        n.put("value", round(value));
        n.put("unit", unit);
        if (goal != null) n.put("goal", goal);
        if (met != null) n.put("met", met);
        if (note != null) n.put("note", note);
        System.err.printf(Locale.ROOT, "  %-70s %10.2f %s%n", what, value, unit);
        if (note != null) System.err.printf(Locale.ROOT, "      (%s)%n", note);
    }

    static String table(ObjectNode result) {
        StringBuilder sb = new StringBuilder(String.format(Locale.ROOT, "%-78s %10s %-4s %-8s %s%n", "MEASUREMENT", "VALUE", "UNIT", "GOAL", "MET"));
        for (JsonNode n : result.path("measurements")) {
            sb.append(String.format(Locale.ROOT, "%-78s %10.2f %-4s %-8s %s%n", n.path("measurement").asText(), n.path("value").asDouble(),
                    n.path("unit").asText(), n.path("goal").asText(""), n.has("met") ? (n.path("met").asBoolean() ? "yes" : "NO") : ""));
        }
        return sb.toString();
    }

    private static double rssMiB(long pid) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
            if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024.0;
        }
        return -1;
    }

    private static double median(double[] v) {
        return pct(v, 50);
    }

    private static double pct(double[] v, double p) {
        double[] s = v.clone();
        Arrays.sort(s);
        int idx = (int) Math.ceil(p / 100.0 * s.length) - 1;
        return s[Math.max(0, Math.min(s.length - 1, idx))];
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }

    private static double[] round(double[] v) {
        double[] o = new double[v.length];
        for (int i = 0; i < v.length; i++) o[i] = round(v[i]);
        return o;
    }

    private static void deleteTree(Path p) {
        try (var s = Files.walk(p)) {
            s.sorted(java.util.Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // scratch space
        }
    }
}
