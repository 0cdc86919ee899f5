package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.Component;
import dev.kubelab.kernel.magic.MagicContext;
import picocli.CommandLine.Command;

import java.util.Optional;

/** {@code %stop COMPONENT [--node N]}. */
@Command(name = "stop", description = "Stop a component (failure drill): etcd, kube-apiserver, kube-scheduler, kube-controller-manager, kubelet, kube-proxy.",
        footer = {"", "Examples: %%stop kube-scheduler", "          %%stop kubelet --node kubelab-worker"})
public final class StopMagic extends ComponentDrill {
    @Override
    String verb(MagicContext context) {
        return context.text("중지됨", "stopped");
    }

    @Override
    void act(Cluster cluster, Component c, Optional<String> node) {
        cluster.stop(c, node);
    }
}
