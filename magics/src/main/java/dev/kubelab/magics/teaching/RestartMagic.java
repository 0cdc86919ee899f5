package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.Component;
import dev.kubelab.kernel.magic.MagicContext;
import picocli.CommandLine.Command;

import java.util.Optional;

/** {@code %restart COMPONENT [--node N]}. */
@Command(name = "restart", description = "Stop and start a component.",
        footer = {"", "Examples: %%restart kube-scheduler", "          %%restart kubelet --node kubelab-worker"})
public final class RestartMagic extends ComponentDrill {
    @Override
    String verb(MagicContext context) {
        return context.text("재시작됨", "restarted");
    }

    @Override
    void act(Cluster cluster, Component c, Optional<String> node) {
        cluster.restart(c, node);
    }
}
