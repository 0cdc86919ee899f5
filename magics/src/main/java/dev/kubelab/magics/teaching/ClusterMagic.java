package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterNode;
import dev.kubelab.cluster.ClusterProviders;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ClusterStatus;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.ProviderSelection;
import dev.kubelab.cluster.Realism;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** {@code %cluster up|down|status|use}: start, stop, inspect or attach to the notebook's Kubernetes cluster. */
@Command(name = "cluster", description = "Start, stop, inspect or attach to this notebook's Kubernetes cluster.",
        subcommands = {ClusterMagic.Up.class, ClusterMagic.Down.class, ClusterMagic.Status.class, ClusterMagic.Use.class},
        footer = {"", "Examples: %%cluster up", "          %%cluster up --provider embedded --workers 1", "          %%cluster status"})
public final class ClusterMagic implements Magic {

    @Override
    public Object run(MagicContext context) {
        throw new dev.kubelab.kernel.magic.MagicUsageException("%cluster: missing sub-command, one of: up, down, status, use");
    }

    /** Completion candidates for --provider. */
    static final class Providers extends ArrayList<String> {
        Providers() {
            super(List.of("auto", "kind", "binaries", "embedded"));
        }
    }

    @Command(name = "up", description = "Start a cluster (progress shown live), then bind `client` and `cluster` for Java cells.")
    public static final class Up implements Magic {
        @Option(names = "--provider", completionCandidates = Providers.class, paramLabel = "auto|kind|binaries|embedded",
                description = "Which provider runs the cluster (default: auto, or $KUBELAB_DEFAULT_PROVIDER).")
        String provider;
        @Option(names = "--workers", paramLabel = "N", description = "Worker nodes besides the control-plane node (default 2).")
        Integer workers;
        @Option(names = "--version", paramLabel = "vX.Y.Z", description = "Kubernetes version (default: the provider's).")
        String version;
        @Option(names = "--name", paramLabel = "NAME", description = "Cluster name (default kubelab).")
        String name;

        @Override
        public Object run(MagicContext context) {
            ClusterSession session = ClusterSession.of(context);
            Optional<Cluster> existing = session.current();
            if (existing.isPresent() && existing.get().status().state() == ClusterStatus.State.RUNNING) {
                bind(context, existing.get());
                context.out().println(context.text("클러스터 " + existing.get().name() + " 이(가) 이미 실행 중입니다 (%cluster down 으로 중지)",
                        "cluster " + existing.get().name() + " is already up (stop it with %cluster down)"));
                return summary(context, existing.get(), null);
            }
            ClusterSpec spec = ClusterSession.call(() -> {
                ClusterSpec s = ClusterSpec.defaults();
                if (name != null) s = s.withName(name);
                if (provider != null) s = s.withProvider(ProviderName.parse(provider));
                if (workers != null) s = s.withWorkers(workers);
                if (version != null) s = s.withVersion(KubernetesVersion.parse(version));
                return s;
            });
            ClusterProviders providers = ClusterProviders.defaults();
            ProviderSelection selection = ClusterSession.call(() -> providers.select(spec));
            Cluster cluster = ClusterSession.call(() -> selection.provider().create(spec));
            StepsDisplay steps = new StepsDisplay(context, context.text("클러스터 " + spec.name() + " 시작 (" + selection.provider().name().id() + ")",
                    "Starting cluster " + spec.name() + " (" + selection.provider().name().id() + ")"));
            session.attach(cluster, true);
            try {
                ClusterSession.run(() -> cluster.up(steps));
            } catch (RuntimeException e) {
                session.detach();
                throw e;
            }
            bind(context, cluster);
            return summary(context, cluster, selection);
        }
    }

    @Command(name = "down", description = "Stop the cluster this kernel started (nothing is left running).")
    public static final class Down implements Magic {
        @Override
        public Object run(MagicContext context) {
            ClusterSession session = ClusterSession.of(context);
            Optional<Cluster> current = session.current();
            if (current.isEmpty()) {
                return MimeBundle.text(context.text("실행 중인 클러스터가 없습니다", "no cluster is up"));
            }
            boolean owned = session.owned();
            Cluster c = current.get();
            if (owned) {
                StepsDisplay steps = new StepsDisplay(context, context.text("클러스터 " + c.name() + " 중지", "Stopping cluster " + c.name()));
                ClusterSession.run(() -> c.down(steps));
            }
            session.detach();
            return MimeBundle.text(owned ? context.text("클러스터 " + c.name() + " 중지됨", "cluster " + c.name() + " stopped")
                    : context.text("클러스터 " + c.name() + " 에서 분리됨 (kubelab cluster down 으로 중지)",
                    "detached from cluster " + c.name() + " (stop it with ./kubelab cluster down)"));
        }
    }

    @Command(name = "status", description = "Show the cluster's provider, version, nodes and component states.")
    public static final class Status implements Magic {
        @Override
        public Object run(MagicContext context) {
            Cluster c = ClusterSession.require(context);
            return summary(context, c, null);
        }
    }

    @Command(name = "use", description = "Attach to a cluster started with ./kubelab cluster up --name NAME (via its kubeconfig context).")
    public static final class Use implements Magic {
        @Parameters(paramLabel = "NAME", description = "The cluster's name.")
        String name;

        @Override
        public Object run(MagicContext context) {
            ClusterSession session = ClusterSession.of(context);
            Cluster c = ClusterSession.call(() -> dev.kubelab.cluster.AttachedCluster.attach(name));
            session.detach().ifPresent(Cluster::close);
            session.attach(c, false);
            bind(context, c);
            return summary(context, c, null);
        }
    }

    static void bind(MagicContext context, Cluster c) {
        context.bind("client", KubernetesClient.class, c.client());
        context.bind("cluster", Cluster.class, c);
    }

    /** What %cluster up/status shows: provider (and why), version, API server, nodes, components, realism. */
    static MimeBundle summary(MagicContext context, Cluster c, ProviderSelection selection) {
        String lang = context.language();
        ClusterStatus status = ClusterSession.call(c::status);
        StringBuilder t = new StringBuilder();
        StringBuilder h = new StringBuilder("<div style=\"font-family:sans-serif\">");
        String title = context.text("클러스터 ", "Cluster ") + c.name() + " — " + c.provider().id() + ", Kubernetes " + status.version()
                + " (" + status.state().name().toLowerCase() + ")";
        t.append(title).append('\n');
        h.append("<b>").append(Html.escape(title)).append("</b><br>");
        if (selection != null) {
            t.append(selection.announcement(lang)).append('\n');
            h.append("<pre style=\"margin:4px 0\">").append(Html.escape(selection.announcement(lang))).append("</pre>");
        }
        t.append("API server: ").append(status.server()).append('\n');
        h.append("API server: <code>").append(Html.escape(status.server())).append("</code>");
        if (status.state() == ClusterStatus.State.RUNNING) {
            List<List<String>> rows = new ArrayList<>();
            KubernetesClient client = c.client();
            for (ClusterNode n : ClusterSession.call(c::nodes)) {
                Node node = ClusterSession.call(() -> client.nodes().withName(n.name()).get());
                String ready = node == null || node.getStatus() == null || node.getStatus().getConditions() == null ? "Unknown"
                        : node.getStatus().getConditions().stream().filter(x -> "Ready".equals(x.getType()))
                        .map(x -> "True".equals(x.getStatus()) ? "Ready" : "NotReady").findFirst().orElse("Unknown");
                String kubelet = node == null || node.getStatus() == null || node.getStatus().getNodeInfo() == null ? ""
                        : node.getStatus().getNodeInfo().getKubeletVersion();
                rows.add(List.of(n.name(), n.controlPlane() ? "control-plane" : "<none>", ready, kubelet, n.description().in(lang)));
            }
            List<String> headers = List.of("NODE", "ROLES", "STATUS", "VERSION", context.text("실체", "BACKED BY"));
            t.append('\n').append(Html.textTable(headers, rows));
            h.append(Html.table(headers, rows));
            List<List<String>> comps = new ArrayList<>();
            for (ComponentStatus s : status.components()) {
                comps.add(List.of(s.component().binary(), s.node() == null ? "" : s.node(), s.state().name().toLowerCase(),
                        s.version(), s.real() ? context.text("실제", "real") : context.text("시뮬레이션", "simulated")));
            }
            List<String> ch = List.of("COMPONENT", "NODE", "STATE", "VERSION", context.text("종류", "KIND"));
            t.append('\n').append(Html.textTable(ch, comps));
            h.append(Html.table(ch, comps));
        }
        Realism r = c.realism();
        t.append('\n').append(r.render(lang));
        h.append("<pre style=\"margin:4px 0\">").append(Html.escape(r.render(lang))).append("</pre>");
        if (status.state() == ClusterStatus.State.RUNNING) {
            String hint = context.text("Java 셀에서 client(KubernetesClient)와 cluster(Cluster)를 쓸 수 있습니다",
                    "Java cells can use client (KubernetesClient) and cluster (Cluster)");
            t.append(hint);
            h.append("<i>").append(Html.escape(hint)).append("</i>");
        }
        return MimeBundle.html(h.append("</div>").toString(), t.toString().stripTrailing());
    }

    static MagicException notRunning(MagicContext context) {
        return new MagicException(context.text("실행 중인 클러스터가 없습니다: 먼저 %cluster up 을 실행하세요", "no cluster is up: run %cluster up first"));
    }
}
