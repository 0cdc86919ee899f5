package dev.kubelab.etcd;

import dev.kubelab.process.Watchdog;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The real etcd binary as a child process, as kubeadm runs it as a static pod: one member,
 * bound to 127.0.0.1 on free client and peer ports, data in a directory of its own.
 *
 * <p>No orphans: etcd runs under a small shell watchdog ({@link Watchdog}) that kills it when
 * this JVM disappears, even after SIGKILL; a pid file next to the data directory lets the next
 * start reap an etcd a crashed owner left behind; {@link #close()} and a JVM shutdown hook stop it
 * in the ordinary cases.
 */
public final class EtcdProcess implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EtcdProcess.class);
    private static final Duration READY_TIMEOUT = Duration.ofSeconds(30);

    private final Path dataDir;
    private final Path binary;
    private final String name;
    private volatile int clientPort;
    private volatile int peerPort;
    private volatile Process wrapper;
    private volatile Thread shutdownHook;

    private EtcdProcess(Path binary, Path dataDir, String name) {
        this.binary = binary;
        this.dataDir = dataDir;
        this.name = name;
    }

    /** Starts etcd with its data in dataDir and waits until /health reports true. */
    public static EtcdProcess start(Path dataDir) {
        return start(EtcdBinary.locate(), dataDir, "kubelab");
    }

    public static EtcdProcess start(Path binary, Path dataDir, String memberName) {
        EtcdProcess p = new EtcdProcess(binary, dataDir, memberName);
        p.startProcess();
        return p;
    }

    /** The client URL, e.g. http://127.0.0.1:40123 (what etcdctl --endpoints takes). */
    public String endpoint() {
        return "http://127.0.0.1:" + clientPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** The member name (what {@code etcdctl snapshot restore --name} must be given). */
    public String memberName() {
        return name;
    }

    /** The peer URL it advertises (what {@code snapshot restore --initial-advertise-peer-urls} must be given). */
    public String peerUrl() {
        return "http://127.0.0.1:" + peerPort;
    }

    public boolean isRunning() {
        Process w = wrapper;
        return w != null && w.isAlive();
    }

    /** The etcd process id (the child of the watchdog shell), when running. */
    public Optional<Long> pid() {
        Process w = wrapper;
        if (w == null) return Optional.empty();
        return w.toHandle().children().filter(h -> h.info().command().map(c -> c.endsWith("etcd")).orElse(false))
                .map(ProcessHandle::pid).findFirst();
    }

    /** Stops etcd (SIGTERM, then SIGKILL after a grace period); the data stays. */
    public synchronized void stop() {
        Process w = wrapper;
        if (w == null) return;
        List<ProcessHandle> children = new ArrayList<>(w.toHandle().descendants().toList());
        for (ProcessHandle c : children) c.destroy();
        w.destroy();
        try {
            for (ProcessHandle c : children) {
                c.onExit().get(5, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
        try {
            if (!w.waitFor(5, TimeUnit.SECONDS)) w.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        wrapper = null;
        try {
            Files.deleteIfExists(pidFile());
        } catch (IOException ignored) {
            // best effort: a stale pid file is reaped on the next start
        }
        removeShutdownHook();
    }

    /** Starts etcd again on the same ports and data (the "etcd is back" half of a failure drill). */
    public synchronized void restart() {
        stop();
        startOn(clientPort, peerPort);
    }

    @Override
    public void close() {
        stop();
    }

    private void startProcess() {
        startOn(FreePorts.next(), FreePorts.next());
    }

    private synchronized void startOn(int client, int peer) {
        try {
            Files.createDirectories(dataDir);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create etcd data directory " + dataDir, e);
        }
        Watchdog.reapStale(pidFile(), "etcd");
        this.clientPort = client;
        this.peerPort = peer;
        List<String> etcd = List.of(binary.toString(),
                "--name", name,
                "--data-dir", dataDir.toString(),
                "--listen-client-urls", endpoint(),
                "--advertise-client-urls", endpoint(),
                "--listen-peer-urls", "http://127.0.0.1:" + peer,
                "--initial-advertise-peer-urls", "http://127.0.0.1:" + peer,
                "--initial-cluster", name + "=http://127.0.0.1:" + peer,
                // a single member on loopback: a short election timeout makes it leader (and healthy) sooner after
                // spawn; the defaults (100 ms / 1000 ms) are sized for members on a network
                "--heartbeat-interval", "10",
                "--election-timeout", "100",
                "--log-level", "warn",
                "--logger", "zap",
                "--quota-backend-bytes", Long.toString(2L * 1024 * 1024 * 1024),
                // kubeadm's value (its etcd manifest, and our etcd mirror pod, say so): etcd 3.4 defaults to 100,000
                // and keeps that many raft entries in memory between snapshots — hundreds of MB under a pod workload
                "--snapshot-count", "10000");
        Path log = dataDir.resolveSibling(dataDir.getFileName() + ".log");
        ProcessBuilder pb = new ProcessBuilder(Watchdog.command("kubelab-etcd-watchdog", ProcessHandle.current().pid(), pidFile(), etcd))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
                .redirectInput(ProcessBuilder.Redirect.PIPE);
        try {
            wrapper = pb.start();
        } catch (IOException e) {
            throw new IllegalStateException("cannot start etcd (" + binary + "): " + e.getMessage(), e);
        }
        addShutdownHook();
        try {
            awaitHealthy(log);
        } catch (RuntimeException e) {
            stop();
            throw e;
        }
        LOG.debug("etcd ready at {} (data {})", endpoint(), dataDir);
    }

    private void awaitHealthy(Path log) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();
        HttpRequest req = HttpRequest.newBuilder(URI.create(endpoint() + "/health")).timeout(Duration.ofSeconds(2)).build();
        long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
        long sleepMs = 5;
        while (System.nanoTime() < deadline) {
            if (!wrapper.isAlive()) {
                throw new IllegalStateException("etcd exited during start-up: " + tail(log));
            }
            try {
                HttpResponse<String> r = http.send(req, HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200 && r.body().contains("\"health\":\"true\"")) return;
            } catch (IOException e) {
                // not listening yet
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd", e);
            }
            try {
                Thread.sleep(sleepMs);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for etcd", e);
            }
            sleepMs = Math.min(50, sleepMs * 2);
        }
        throw new IllegalStateException("etcd did not become healthy within " + READY_TIMEOUT.toSeconds() + "s: " + tail(log));
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 5), lines.size()));
        } catch (IOException e) {
            return "(no log at " + log + ")";
        }
    }

    private Path pidFile() {
        return dataDir.resolveSibling(dataDir.getFileName() + ".pid");
    }

    private void addShutdownHook() {
        if (shutdownHook != null) return;
        Thread hook = new Thread(this::stopQuietly, "etcd-shutdown");
        try {
            Runtime.getRuntime().addShutdownHook(hook);
            shutdownHook = hook;
        } catch (IllegalStateException alreadyShuttingDown) {
            // the watchdog still stops etcd
        }
    }

    private void removeShutdownHook() {
        Thread hook = shutdownHook;
        shutdownHook = null;
        if (hook != null && Thread.currentThread() != hook) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException ignored) {
                // shutting down
            }
        }
    }

    private void stopQuietly() {
        try {
            stop();
        } catch (RuntimeException ignored) {
            // shutting down
        }
    }
}
