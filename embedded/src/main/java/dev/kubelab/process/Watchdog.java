package dev.kubelab.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Ties a child process's life to its owner's (etcd of the embedded cluster, the binaries provider's control plane):
 * a POSIX shell wrapper starts the child, records "CHILD_PID WRAPPER_PID" in a pid file and polls the owner pid;
 * when the owner is gone (even after SIGKILL, which no shutdown hook sees) or the wrapper is terminated, it stops
 * the child (TERM, then KILL after 5 s). When the child exits by itself the wrapper exits with its code. Linux has
 * prctl(PDEATHSIG) for this, but Java cannot call it and macOS lacks it; a poll works everywhere. The pid file lets
 * the next start {@link #reapStale reap} what a crashed owner's wrapper could not stop.
 */
public final class Watchdog {

    private static final String SCRIPT = String.join("\n",
            "owner=\"$1\"; pidfile=\"$2\"; shift 2",
            "\"$@\" &",
            "child=$!",
            "echo \"$child $$\" > \"$pidfile\"",
            "stop() { kill -TERM \"$child\" 2>/dev/null; n=0; while kill -0 \"$child\" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.1; n=$((n+1)); done; kill -KILL \"$child\" 2>/dev/null; rm -f \"$pidfile\"; exit 0; }",
            "trap stop TERM INT HUP",
            "while kill -0 \"$owner\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 0.2 & wait $!; done",
            // the owner is gone: stop the child; the child is gone: pass on its exit code
            "if kill -0 \"$child\" 2>/dev/null; then stop; fi",
            "wait \"$child\"; code=$?; rm -f \"$pidfile\"; exit $code");

    private Watchdog() {}

    /**
     * The command line that runs {@code command} under the watchdog.
     *
     * @param label    the wrapper's name in {@code ps} ({@code kubelab-etcd-watchdog})
     * @param ownerPid the process whose death stops the child (normally this JVM)
     */
    public static List<String> command(String label, long ownerPid, Path pidFile, List<String> command) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, label, Long.toString(ownerPid), pidFile.toString()));
        cmd.addAll(command);
        return cmd;
    }

    /**
     * Stops a child and wrapper recorded in {@code pidFile} by an owner that died without cleaning up, if still
     * alive. Only a process whose command is {@code binary} or a shell is touched, so a recycled pid of an unrelated
     * program is left alone.
     */
    public static void reapStale(Path pidFile, String binary) {
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

    private static boolean isOurs(ProcessHandle h, String binary) {
        String cmd = h.info().command().orElse("");
        return cmd.endsWith("/" + binary) || cmd.equals(binary) || cmd.endsWith("sh");
    }
}
