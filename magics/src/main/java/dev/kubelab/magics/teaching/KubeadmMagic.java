package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ClusterNode;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.Upgrade;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicCompleter;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicUsageException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;

/**
 * {@code %kubeadm upgrade plan|apply vX.Y.Z|node NODE}: kubeadm's upgrade, through the Cluster's Upgrade hook (the real
 * kubeadm on kind; a model of its steps and version-skew checks on embedded and binaries). Drain and uncordon are
 * done with {@code %kubectl}, as on a real cluster.
 */
@Command(name = "kubeadm", description = "kubeadm upgrade: plan, apply vX.Y.Z (control plane, one minor at a time), node NODE (a drained node's kubelet).",
        subcommands = {KubeadmMagic.UpgradeCmd.class})
public final class KubeadmMagic implements Magic {
    @Override
    public Object run(MagicContext context) {
        throw new MagicUsageException("%kubeadm: missing sub-command, one of: upgrade");
    }

    @Command(name = "upgrade", description = "Upgrade the cluster the way kubeadm does.",
            subcommands = {Plan.class, Apply.class, Node.class},
            footer = {"", "Steps: %%kubeadm upgrade plan → %%kubeadm upgrade apply v1.32.0 →", "       %%kubectl drain NODE --ignore-daemonsets → %%kubeadm upgrade node NODE → %%kubectl uncordon NODE"})
    public static final class UpgradeCmd {
    }

    @Command(name = "plan", description = "Show the versions this cluster can upgrade to and the component table.")
    public static final class Plan implements Magic {
        @Override
        public Object run(MagicContext context) {
            Cluster cluster = ClusterSession.require(context);
            Upgrade.Plan plan = ClusterSession.call(() -> cluster.upgrade().plan());
            return render(plan);
        }
    }

    @Command(name = "apply", description = "Upgrade the control plane to VERSION (one minor version at a time).")
    public static final class Apply implements Magic, MagicCompleter {
        @Parameters(paramLabel = "VERSION", description = "Target version, e.g. v1.32.0.")
        String version;

        @Override
        public Object run(MagicContext context) {
            KubernetesVersion target;
            try {
                target = KubernetesVersion.parse(version);
            } catch (ClusterException | IllegalArgumentException e) {
                throw new MagicUsageException("%kubeadm upgrade apply: " + ClusterSession.oneLine(e.getMessage()));
            }
            Cluster cluster = ClusterSession.require(context);
            StepsDisplay steps = new StepsDisplay(context, "[upgrade/apply] " + context.text("업그레이드 대상 버전: ", "Upgrading your cluster to ") + target);
            ClusterSession.run(() -> cluster.upgrade().apply(target, steps));
            return MimeBundle.text("[upgrade/successful] SUCCESS! Your cluster was upgraded to \"" + target + "\". Enjoy!\n\n"
                    + "[upgrade/kubelet] Now that your control plane is upgraded, please proceed with upgrading your kubelets if you haven't already done so.");
        }

        @Override
        public List<String> complete(MagicContext context, List<String> previousArgs, String prefix) {
            return ClusterSession.of(context).current().map(c -> {
                try {
                    return c.upgrade().plan().available().stream().map(KubernetesVersion::toString).toList();
                } catch (RuntimeException e) {
                    return List.<String>of();
                }
            }).orElse(List.of());
        }
    }

    @Command(name = "node", description = "Upgrade NODE's kubelet (drain it first with %%kubectl drain).")
    public static final class Node implements Magic, MagicCompleter {
        @Parameters(paramLabel = "NODE", description = "The node to upgrade.")
        String node;

        @Override
        public Object run(MagicContext context) {
            Cluster cluster = ClusterSession.require(context);
            StepsDisplay steps = new StepsDisplay(context, "[upgrade/node] " + node);
            ClusterSession.run(() -> cluster.upgrade().node(node, steps));
            return MimeBundle.text("[upgrade] The configuration for this node was successfully updated!\n"
                    + "[upgrade] Now you should go ahead and upgrade the kubelet package using your package manager.\n"
                    + context.text("kubelet 이 업그레이드되었습니다. 이제 %kubectl uncordon " + node + " 을 실행하세요",
                    "kubelet upgraded; now run %kubectl uncordon " + node));
        }

        @Override
        public List<String> complete(MagicContext context, List<String> previousArgs, String prefix) {
            return ClusterSession.of(context).current().map(c -> {
                try {
                    return c.nodes().stream().map(ClusterNode::name).toList();
                } catch (RuntimeException e) {
                    return List.<String>of();
                }
            }).orElse(List.of());
        }
    }

    /** kubeadm upgrade plan's output: the manual (kubelet) table, then the control-plane table, then how to apply. */
    static MimeBundle render(Upgrade.Plan plan) {
        StringBuilder t = new StringBuilder();
        t.append("[upgrade/versions] Cluster version: ").append(plan.current()).append('\n');
        t.append("[upgrade/versions] kubeadm version: ").append(plan.current()).append('\n');
        if (plan.available().isEmpty()) {
            t.append("\nAwesome, you're up-to-date! Enjoy!\n");
            return MimeBundle.text(t.toString().stripTrailing());
        }
        KubernetesVersion target = plan.available().get(plan.available().size() - 1);
        t.append("[upgrade/versions] Target version: ").append(target).append('\n');
        List<List<String>> manual = new ArrayList<>();
        List<List<String>> control = new ArrayList<>();
        for (Upgrade.Row r : plan.rows()) {
            (r.component().equals("kubelet") ? manual : control).add(List.of(r.component(), r.node() == null ? "" : r.node(), r.current(), r.target()));
        }
        List<String> headers = List.of("COMPONENT", "NODE", "CURRENT", "TARGET");
        StringBuilder h = new StringBuilder("<pre>").append(Html.escape(t.toString())).append("</pre>");
        if (!manual.isEmpty()) {
            String s = "Components that must be upgraded manually after you have upgraded the control plane with 'kubeadm upgrade apply':";
            t.append('\n').append(s).append('\n').append(Html.textTable(headers, manual));
            h.append("<p>").append(Html.escape(s)).append("</p>").append(Html.table(headers, manual));
        }
        String s = "Upgrade to the latest version in the " + target.minorLine() + " series:";
        t.append('\n').append(s).append("\n\n").append(Html.textTable(headers, control));
        h.append("<p>").append(Html.escape(s)).append("</p>").append(Html.table(headers, control));
        StringBuilder notes = new StringBuilder("\nYou can now apply the upgrade by executing the following command:\n\n\tkubeadm upgrade apply ")
                .append(target).append('\n');
        for (String n : plan.notes()) notes.append('\n').append(n);
        t.append(notes);
        h.append("<pre>").append(Html.escape(notes.toString())).append("</pre>");
        return MimeBundle.html(h.toString(), t.toString().stripTrailing());
    }
}
