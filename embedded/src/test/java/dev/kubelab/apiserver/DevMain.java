package dev.kubelab.apiserver;

import dev.kubelab.embedded.EmbeddedControlPlane;
import java.nio.file.Files;

/** Manual runner: starts a control plane in a temp dir and prints its URL. */
public final class DevMain {
    public static void main(String[] args) throws Exception {
        var cp = EmbeddedControlPlane.start("dev", Files.createTempDirectory("kubelab-dev"), ApiServerOptions.defaults().withPort(Integer.parseInt(args[0])));
        System.out.println("READY " + cp.server() + " etcd " + cp.etcd().endpoint() + " in " + cp.startupNanos() / 1_000_000 + "ms");
        Thread.sleep(Long.MAX_VALUE);
    }
}
