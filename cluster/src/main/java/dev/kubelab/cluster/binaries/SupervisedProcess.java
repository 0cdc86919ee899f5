package dev.kubelab.cluster.binaries;

import dev.kubelab.cluster.ClusterException;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A control-plane binary as a child process that cannot outlive its owner: it runs under a small POSIX shell
 * watchdog that polls this JVM's pid and stops the binary when the JVM is gone (also after SIGKILL, which no
 * shutdown hook sees); a pid file lets the next start reap what a crashed owner left; {@link #stop()} and a
 * shutdown hook cover the ordinary cases. Same design as the embedded cluster's etcd process
 * ({@code dev.kubelab.etcd.EtcdProcess}), generalised to any binary.
 */
public final class SupervisedProcess {
    private static final String WATCHDOG = String.join("\n",
            "owner=\"$1\"; pidfile=\"$2\"; shift 2",
            "\"$@\" &",
            "child=$!",
            "echo \"$child $$\" > \"$pidfile\"",
            "stop() { kill -TERM \"$child\" 2>/dev/null; n=0; while kill -0 \"$child\" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.1; n=$((n+1)); done; kill -KILL \"$child\" 2>/dev/null; rm -f \"$pidfile\"; exit 0; }",
            "trap stop TERM INT HUP",
            "while kill -0 \"$owner\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 0.2 & wait $!; done",
            "wait \"$child\"; code=$?; rm -f \"$pidfile\"; exit $code");

    private final String name;
    private final List<String> command;
    private final Path pidFile;
    private final Path logFile;
    private Process wrapper;
    private Thread hook;

    /**
     * @param name    the component ({@code kube-apiserver}); names the pid and log files
     * @param command the binary and its flags
     * @param runDir  where {@code NAME.pid} and {@code NAME.log} live
     */
    public SupervisedProcess(String name, List<String> command, Path runDir) {
        this.name = name;
        this.command = List.copyOf(command);
        this.pidFile = runDir.resolve(name + ".pid");
        this.logFile = runDir.resolve(name + ".log");
    }

    public String name() {
        return name;
    }

    public List<String> command() {
        return command;
    }

    public Path logFile() {
        return logFile;
    }

    public synchronized void start() {
        if (isRunning()) return;
        try {
            Files.createDirectories(pidFile.getParent());
            reapStale(pidFile, Path.of(command.get(0)).getFileName().toString());
            List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", WATCHDOG, "kubelab-watchdog-" + name,
                    Long.toString(ProcessHandle.current().pid()), pidFile.toString()));
            cmd.addAll(command);
            wrapper = new ProcessBuilder(cmd).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile())).start();
            wrapper.getOutputStream().close();
            Process w = wrapper;
            hook = new Thread(() -> stopQuietly(w), "kubelab-stop-" + name);
            Runtime.getRuntime().addShutdownHook(hook);
        } catch (IOException e) {
            throw new ClusterException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    public synchronized boolean isRunning() {
        return wrapper != null && wrapper.isAlive();
    }

    /** The binary's pid (the watchdog's child). */
    public synchronized Optional<Long> pid() {
        if (wrapper == null) return Optional.empty();
        return wrapper.toHandle().children().map(ProcessHandle::pid).findFirst();
    }

    /** The last lines of its log, for a one-line error when it exits at start. */
    public String lastLogLine() {
        try {
            List<String> lines = Files.readAllLines(logFile).stream().filter(l -> !l.isBlank()).toList();
            return lines.isEmpty() ? "(no output)" : lines.get(lines.size() - 1).strip();
        } catch (IOException e) {
            return "(no log)";
        }
    }

    /** SIGTERM, then SIGKILL after 5 s; waits until it is gone. */
    public synchronized void stop() {
        if (wrapper == null) return;
        stopQuietly(wrapper);
        wrapper = null;
        if (hook != null) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook is running or has run
            }
            hook = null;
        }
    }

    private static void stopQuietly(Process w) {
        List<ProcessHandle> children = w.toHandle().descendants().toList();
        w.destroy(); // the watchdog's trap stops the child with TERM, then KILL
        try {
            if (!w.waitFor(7, TimeUnit.SECONDS)) w.destroyForcibly().waitFor(2, TimeUnit.SECONDS);
            for (ProcessHandle c : children) {
                if (c.isAlive()) {
                    c.destroyForcibly();
                    c.onExit().get(2, TimeUnit.SECONDS);
                }
            }
        } catch (Exception e) {
            children.forEach(ProcessHandle::destroyForcibly);
        }
    }

    /** Only our binary or its shell watchdog: a recycled pid of an unrelated program is left alone. */
    private static boolean isOurs(ProcessHandle h, String binary) {
        String cmd = h.info().command().orElse("");
        return cmd.endsWith("/" + binary) || cmd.equals(binary) || cmd.endsWith("sh");
    }

    /** Kills a binary and watchdog recorded in a pid file by a previous owner that died, if still alive. */
    static void reapStale(Path pidFile, String binary) {
        if (!Files.exists(pidFile)) return;
        try {
            for (String tok : Files.readString(pidFile).trim().split("\\s+")) {
                if (tok.isEmpty()) continue;
                ProcessHandle.of(Long.parseLong(tok)).filter(h -> isOurs(h, binary)).ifPresent(h -> {
                    h.destroy();
                    try {
                        h.onExit().get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        h.destroyForcibly();
                    }
                });
            }
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            // unreadable pid file: nothing we can safely kill
        }
    }
}
