package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ClusterNode;
import dev.kubelab.cluster.Component;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicCompleter;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicUsageException;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The failure drills {@code %stop}, {@code %start}, {@code %restart}: one component (on one node) via the Cluster. */
abstract class ComponentDrill implements Magic, MagicCompleter {
    /** Completion candidates: the component names as their binaries are called. */
    static final class Components extends ArrayList<String> {
        Components() {
            super(Arrays.stream(Component.values()).map(Component::binary).toList());
        }
    }

    @Parameters(paramLabel = "COMPONENT", completionCandidates = Components.class,
            description = "etcd, kube-apiserver, kube-scheduler, kube-controller-manager, kubelet or kube-proxy.")
    String component;

    @Option(names = "--node", paramLabel = "NODE", description = "The node, for kubelet and kube-proxy.")
    String node;

    abstract String verb(MagicContext context);

    abstract void act(Cluster cluster, Component c, Optional<String> node);

    @Override
    public Object run(MagicContext context) {
        Component c;
        try {
            c = Component.parse(component);
        } catch (ClusterException e) {
            throw new MagicUsageException("%" + getClass().getAnnotation(picocli.CommandLine.Command.class).name() + ": " + e.getMessage());
        }
        Cluster cluster = ClusterSession.require(context);
        ClusterSession.run(() -> act(cluster, c, Optional.ofNullable(node)));
        String where = node != null ? " (" + node + ")" : "";
        return MimeBundle.text(c.binary() + where + " " + verb(context));
    }

    @Override
    public List<String> complete(MagicContext context, List<String> previousArgs, String prefix) {
        if (!previousArgs.isEmpty() && previousArgs.get(previousArgs.size() - 1).equals("--node")) {
            return ClusterSession.of(context).current().map(cl -> {
                try {
                    return cl.nodes().stream().map(ClusterNode::name).toList();
                } catch (RuntimeException e) {
                    return List.<String>of();
                }
            }).orElse(List.of());
        }
        return List.of();
    }
}
