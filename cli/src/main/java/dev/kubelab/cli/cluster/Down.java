package dev.kubelab.cli.cluster;

import dev.kubelab.embedded.Kubeconfig;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** `kubelab cluster down`: stop the background cluster and remove its context. */
@Command(name = "down", mixinStandardHelpOptions = true, description = "Stop a cluster and remove its kubectl context.")
public final class Down implements Callable<Integer> {

    @Option(names = "--name", defaultValue = "kubelab") String name;

    @Override
    public Integer call() throws Exception {
        Optional<ClusterState> st = ClusterState.read(name);
        String ctx = ClusterState.contextName(name);
        if (st.isPresent()) {
            Optional<ProcessHandle> h = ProcessHandle.of(st.get().pid());
            if (h.isPresent() && h.get().isAlive()) {
                h.get().destroy();
                try {
                    h.get().onExit().get(20, TimeUnit.SECONDS);
                } catch (Exception e) {
                    h.get().destroyForcibly();
                }
            }
            java.nio.file.Files.deleteIfExists(ClusterState.file(name));
        }
        Kubeconfig.remove(Kubeconfig.defaultPath(), ctx);
        System.out.println(st.isPresent() ? "cluster '" + name + "' stopped; context '" + ctx + "' removed"
                : "cluster '" + name + "' was not running; context '" + ctx + "' removed");
        return 0;
    }
}
