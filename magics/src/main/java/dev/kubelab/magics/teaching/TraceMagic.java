package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterNode;
import dev.kubelab.cluster.TraceSource;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;
import io.fabric8.kubernetes.client.KubernetesClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code %%trace}: runs the cell body (Java, %magics or one %%magic) while the control plane's API requests, etcd
 * writes and watch notifications are recorded, then draws them as a sequence diagram with a timestamped table.
 */
@Command(name = "trace", description = "Run the cell body and draw what the control plane did: a sequence diagram and a timestamped table.",
        footer = {"", "Example:", "  %%%%trace", "  %%kubectl run web --image=nginx", "  %%kubectl wait --for=condition=Ready pod/web",
                "By default the trace keeps listening until the control plane is quiet (0.5 s without changes, at most 10 s)."})
public final class TraceMagic implements Magic {
    static final long QUIET_NANOS = 500_000_000L;
    static final long SETTLE_MAX_NANOS = 10_000_000_000L;

    @Option(names = "--html", description = "HTML only (diagram and the table opened), without the separate image/svg+xml output.")
    boolean html;
    @Option(names = "--all", description = "Also show reads and heartbeats (leases, node status).")
    boolean all;
    @Option(names = "--no-settle", description = "Stop recording as soon as the body finishes.")
    boolean noSettle;

    /**
     * The tracer's own client and pod watch (its user agent keeps them out of traces), one per kernel and cluster,
     * closed when the kernel leaves the cluster.
     */
    static final class Tracer implements AutoCloseable {
        final Cluster cluster;
        final KubernetesClient client;
        final PodPhaseWatch phases;

        Tracer(Cluster cluster) {
            this.cluster = cluster;
            this.client = PodPhaseWatch.tracerClient(cluster);
            this.phases = new PodPhaseWatch(client);
        }

        @Override
        public void close() {
            phases.close();
            client.close();
        }
    }

    /** Holds the current {@link Tracer} in the kernel's state. */
    static final class TracerHolder {
        Tracer tracer;

        synchronized Tracer forCluster(MagicContext context, Cluster cluster) {
            if (tracer == null || tracer.cluster != cluster) {
                if (tracer != null) tracer.close();
                tracer = new Tracer(cluster);
                Tracer mine = tracer;
                ClusterSession.of(context).closeOnDetach(() -> {
                    synchronized (this) {
                        mine.close();
                        if (tracer == mine) tracer = null;
                    }
                });
            }
            return tracer;
        }
    }

    @Override
    public Kind kind() {
        return Kind.CELL;
    }

    @Override
    public Object run(MagicContext context) throws Exception {
        Cluster cluster = ClusterSession.require(context);
        try (TraceSource source = ClusterSession.call(cluster::trace).orElseThrow(() -> new MagicException(context.text(
                "%%trace: 이 프로바이더(" + cluster.provider().id() + ")는 추적 기록을 제공하지 않습니다",
                "%%trace: the " + cluster.provider().id() + " provider has no trace source")))) {
            return trace(context, cluster, source);
        }
    }

    private Object trace(MagicContext context, Cluster cluster, TraceSource source) throws Exception {
        Tracer tracer = context.state(TracerHolder.class, TracerHolder::new).forCluster(context, cluster);
        List<String> nodes = ClusterSession.call(() -> cluster.nodes().stream().map(ClusterNode::name).sorted().toList());
        PodPhaseWatch phases = tracer.phases;
        phases.reset();
        long start = source.mark();
        long bodyNanos;
        List<TraceSource.Event> events;
        long t0 = System.nanoTime();
        try {
            CellRunner.run(context, context.body().orElse(""));
        } finally {
            bodyNanos = System.nanoTime() - t0;
            if (!noSettle) settle(source, start);
            events = source.since(start);
        }
        List<TraceStep> steps = TraceReport.steps(events, start, all, Map.copyOf(phases.phases()), Map.copyOf(phases.nodes()));
        return render(context, TraceReport.lanes(steps, nodes), steps, bodyNanos, source.origin());
    }

    /** Keeps recording until nothing but heartbeats happened for QUIET_NANOS (at most SETTLE_MAX_NANOS). */
    private static void settle(TraceSource source, long start) throws InterruptedException {
        long deadline = System.nanoTime() + SETTLE_MAX_NANOS;
        while (System.nanoTime() < deadline) {
            long last = start;
            for (TraceSource.Event e : source.since(start)) {
                if (TraceReport.activity(e) && !(e.userAgent() != null && e.userAgent().startsWith(Lanes.TRACER_AGENT))) last = Math.max(last, e.nanos());
            }
            long quiet = System.nanoTime() - last;
            if (quiet >= QUIET_NANOS) return;
            Thread.sleep(Math.max(20, (QUIET_NANOS - quiet) / 1_000_000));
        }
    }

    private MimeBundle render(MagicContext context, List<String> lanes, List<TraceStep> steps, long bodyNanos, dev.kubelab.cluster.Text origin) {
        List<String> headers = List.of(context.text("시각", "TIME"), context.text("보낸 쪽", "FROM"), context.text("받는 쪽", "TO"),
                context.text("내용", "WHAT"), context.text("주체", "WHO"));
        List<List<String>> rows = new ArrayList<>();
        for (TraceStep s : steps) {
            rows.add(List.of(String.format(Locale.ROOT, "+%.1f ms", s.millis()), s.from(), s.to(), s.label(), s.who()));
        }
        String summary = context.text(String.format(Locale.ROOT, "셀 실행 %.0f ms, 단계 %d개", bodyNanos / 1e6, steps.size()),
                String.format(Locale.ROOT, "cell ran %.0f ms, %d steps", bodyNanos / 1e6, steps.size()));
        String from = context.text("출처: ", "source: ") + context.text(origin.ko(), origin.en());
        String text = summary + "\n" + from + "\n" + Html.textTable(headers, rows).stripTrailing();
        String svg = SequenceDiagram.svg(lanes, steps);
        MimeBundle b = MimeBundle.html("<div><p>" + Html.escape(summary) + "<br><small>" + Html.escape(from) + "</small></p>" + svg + "<details" + (html ? " open" : "") + "><summary>"
                + context.text("시간순 표", "timestamped table") + "</summary>" + Html.table(headers, rows) + "</details></div>", text);
        return html ? b : b.with(MimeBundle.SVG, svg);
    }
}
