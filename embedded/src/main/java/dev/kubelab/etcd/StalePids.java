package dev.kubelab.etcd;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Reaps an etcd (and its watchdog) left behind by an owner that died without cleaning up, as
 * recorded in the pid file "ETCD_PID WATCHDOG_PID". Only processes whose command is etcd or sh
 * are touched, so a recycled pid of an unrelated program is left alone.
 */
final class StalePids {

    private StalePids() {}

    static void reap(Path pidFile) {
        if (!Files.exists(pidFile)) return;
        try {
            for (String tok : Files.readString(pidFile).trim().split("\\s+")) {
                if (tok.isEmpty()) continue;
                Optional<ProcessHandle> h = ProcessHandle.of(Long.parseLong(tok));
                h.filter(StalePids::isOurs).ifPresent(p -> {
                    p.destroy();
                    try {
                        p.onExit().get(5, TimeUnit.SECONDS);
                    } catch (Exception e) {
                        p.destroyForcibly();
                    }
                });
            }
            Files.deleteIfExists(pidFile);
        } catch (IOException | NumberFormatException e) {
            // unreadable pid file: nothing we can safely kill
        }
    }

    private static boolean isOurs(ProcessHandle h) {
        String cmd = h.info().command().orElse("");
        return cmd.endsWith("etcd") || cmd.endsWith("sh") || cmd.endsWith("dash") || cmd.endsWith("bash");
    }
}
