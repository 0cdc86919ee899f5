package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.Component;
import dev.kubelab.kernel.magic.MagicContext;
import picocli.CommandLine.Command;

import java.util.Optional;

/** {@code %start COMPONENT [--node N]}. */
@Command(name = "start", description = "Start a component stopped by %%stop.",
        footer = {"", "Examples: %%start kube-scheduler", "          %%start kubelet --node kubelab-worker"})
public final class StartMagic extends ComponentDrill {
    @Override
    String verb(MagicContext context) {
        return context.text("시작됨", "started");
    }

    @Override
    void act(Cluster cluster, Component c, Optional<String> node) {
        cluster.start(c, node);
    }
}
