package dev.kubelab.cli.cluster;

import dev.kubelab.apiserver.ApiServerOptions;
import dev.kubelab.embedded.Kubeconfig;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `kubelab cluster up`: start a cluster in a detached JVM and merge its context into the kubeconfig. */
@Command(name = "up", mixinStandardHelpOptions = true, description = "Start a cluster in the background and add its kubectl context.")
public final class Up implements Callable<Integer> {
    /**
     * JVM flags of the control-plane ('cluster serve') process: small thread stacks; the serial collector (smallest
     * footprint, no GC threads); a heap of at most 512 MB, which holds a 100-node, 10,000-pod cluster (about 300 MB
     * live; ./kubelab bench cluster measures it, its JVM runs with these flags too), with a 96 MB young generation and
     * an old generation kept within 20–40 % of free space, so the resident heap follows what is live and JVM + etcd
     * stay within 1 GB; and one Netty direct-buffer arena (the default is two per core, each holding MBs of chunks)
     * for the HTTP and gRPC clients' I/O buffers. C1 only (-XX:TieredStopAtLevel=1), as in the kernel's JVM, where
     * notebooks run their clusters: on two cores C2 compiling the control plane's hot paths took a third of the CPU
     * in the first minute, and a 1,000-replica rollout took 6.5–7.1 s with C2 against 4.2–4.5 s without it (the TLS
     * that C2's AES-GCM intrinsics made cheap runs in BoringSSL instead, see NativeTlsHttpClientFactory).
     */
    public static final List<String> SERVE_JVM_FLAGS = List.of("-Xss512k", "-XX:+UseSerialGC", "-Xmx512m", "-Xmn96m",
            "-XX:MinHeapFreeRatio=20", "-XX:MaxHeapFreeRatio=40", "-Dio.netty.allocator.numDirectArenas=1", "-XX:TieredStopAtLevel=1");

    @Option(names = "--provider", defaultValue = "embedded", description = "embedded (the only provider this command runs headless yet)")
    String provider;
    @Option(names = "--name", defaultValue = "kubelab", description = "cluster name (default: ${DEFAULT-VALUE})")
    String name;
    @Option(names = "--version", defaultValue = ApiServerOptions.DEFAULT_VERSION, description = "Kubernetes version to report (default: ${DEFAULT-VALUE})")
    String version;
    @Option(names = "--timeout", defaultValue = "60", description = "seconds to wait for the cluster")
    int timeout;
    @Option(names = "--workers", defaultValue = "2", description = "worker nodes besides kubelab-control-plane (default: ${DEFAULT-VALUE})")
    int workers;
    @Option(names = "--api-only", description = "etcd and kube-apiserver only (part 1's control plane, HTTPS with the cluster PKI)")
    boolean apiOnly;
    @Option(names = "--insecure-http", description = "with --api-only: serve plain HTTP without authentication instead of HTTPS")
    boolean plainHttp;

    @Override
    public Integer call() throws Exception {
        if (!provider.equals("embedded") && !provider.equals("auto")) {
            System.err.println("kubelab: provider '" + provider + "' cannot run headless from this command yet; use --provider embedded");
            return 2;
        }
        if (workers < 0 || workers > 100) {
            System.err.println("kubelab: invalid --workers " + workers + ": choose 0 to 100");
            return 2;
        }
        if (!name.matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?")) {
            System.err.println("kubelab: cluster name '" + name + "' must be a DNS label (lower-case letters, digits, '-')");
            return 2;
        }
        Optional<ClusterState> existing = ClusterState.read(name);
        if (existing.isPresent() && existing.get().alive()) {
            System.out.println("cluster '" + name + "' is already running at " + existing.get().server() + " (context " + existing.get().context() + ")");
            return 0;
        }
        Path dir = ClusterState.dir(name);
        Files.createDirectories(dir);
        Files.deleteIfExists(ClusterState.file(name));
        Path log = dir.resolve("control-plane.log");
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(SERVE_JVM_FLAGS);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add("dev.kubelab.cli.Main");
        cmd.addAll(List.of("cluster", "serve", "--name", name, "--version", version, "--workers", String.valueOf(workers)));
        if (apiOnly) cmd.add("--api-only");
        if (plainHttp) cmd.add("--insecure-http");
        ProcessBuilder pb = new ProcessBuilder(cmd);
        // few glibc malloc arenas: hundreds of threads would otherwise keep tens of MB of arenas resident
        pb.environment().putIfAbsent("MALLOC_ARENA_MAX", "2");
        Process p = pb.redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null"))).start();
        long deadline = System.nanoTime() + timeout * 1_000_000_000L;
        Optional<ClusterState> st = Optional.empty();
        while (System.nanoTime() < deadline) {
            st = ClusterState.read(name);
            if (st.isPresent()) break;
            if (!p.isAlive()) {
                System.err.println("kubelab: the control plane exited during start-up; see " + log);
                return 1;
            }
            Thread.sleep(50);
        }
        if (st.isEmpty()) {
            p.destroy();
            System.err.println("kubelab: the cluster did not become ready within " + timeout + "s; see " + log);
            return 1;
        }
        Path kubeconfig = Kubeconfig.defaultPath();
        Kubeconfig.mergeFrom(kubeconfig, st.get().context(), dir.resolve("kubeconfig"));
        System.out.println("cluster '" + name + "' is up (embedded" + (apiOnly ? ", API only" : ", " + (workers + 1) + " nodes")
                + "): kube-apiserver " + st.get().server() + " " + version + ", etcd " + st.get().etcd());
        System.out.println("context '" + st.get().context() + "' added to " + kubeconfig + " and made current; logs in " + log);
        System.out.println("try: kubectl cluster-info");
        return 0;
    }
}
