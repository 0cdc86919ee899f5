package dev.kubelab.cluster.binaries;

import dev.kubelab.cluster.ClusterException;
import dev.kubelab.process.Watchdog;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * A control-plane binary as a child process that cannot outlive its owner: it runs under the {@link Watchdog} that
 * also keeps the embedded cluster's etcd, which polls this JVM's pid and stops the binary when the JVM is gone (also
 * after SIGKILL, which no shutdown hook sees); its pid file lets the next start reap what a crashed owner left;
 * {@link #stop()} and a shutdown hook cover the ordinary cases.
 */
public final class SupervisedProcess {
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
            Watchdog.reapStale(pidFile, Path.of(command.get(0)).getFileName().toString());
            List<String> cmd = Watchdog.command("kubelab-watchdog-" + name, ProcessHandle.current().pid(), pidFile, command);
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
}
