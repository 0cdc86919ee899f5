package dev.kubelab.etcd;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A POSIX shell wrapper that ties etcd's life to its owner's: it starts etcd, writes etcd's pid
 * to a pid file, and polls the owner pid; when the owner is gone (even after SIGKILL, which no
 * shutdown hook sees) or the wrapper is terminated, it stops etcd. Linux has prctl(PDEATHSIG) for
 * this, but Java cannot call it and macOS lacks it; a poll works everywhere.
 */
final class EtcdWatchdog {

    private static final String SCRIPT = String.join("\n",
            "owner=\"$1\"; pidfile=\"$2\"; shift 2",
            "\"$@\" &",
            "child=$!",
            "echo \"$child $$\" > \"$pidfile\"",
            "stop() { kill -TERM \"$child\" 2>/dev/null; n=0; while kill -0 \"$child\" 2>/dev/null && [ $n -lt 50 ]; do sleep 0.1; n=$((n+1)); done; kill -KILL \"$child\" 2>/dev/null; rm -f \"$pidfile\"; exit 0; }",
            "trap stop TERM INT HUP",
            "while kill -0 \"$owner\" 2>/dev/null && kill -0 \"$child\" 2>/dev/null; do sleep 0.2 & wait $!; done",
            "stop");

    private EtcdWatchdog() {}

    static List<String> command(long ownerPid, Path pidFile, List<String> etcd) {
        List<String> cmd = new ArrayList<>(List.of("/bin/sh", "-c", SCRIPT, "kubelab-etcd-watchdog",
                Long.toString(ownerPid), pidFile.toString()));
        cmd.addAll(etcd);
        return cmd;
    }
}
