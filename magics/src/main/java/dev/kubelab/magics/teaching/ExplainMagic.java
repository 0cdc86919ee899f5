package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.SchedulingDecisions;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicCompleter;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;
import dev.kubelab.kernel.magic.MagicUsageException;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * {@code %explain pod NAME [-n NS]}: why the pod is (or is not) on its node — per node, the filter that rejected it and
 * each score plugin's score, from the scheduler's own records where the provider has them, else from the pod's
 * scheduling events and the nodes' state.
 */
@Command(name = "explain", description = "Explain a scheduling decision: per node, the rejecting filter or each plugin's score.",
        subcommands = {ExplainMagic.PodCmd.class})
public final class ExplainMagic implements Magic {
    @Override
    public Object run(MagicContext context) {
        throw new MagicUsageException("%explain: missing sub-command, one of: pod");
    }

    @Command(name = "pod", description = "Explain where pod NAME was scheduled, or why it is Pending.")
    public static final class PodCmd implements Magic, MagicCompleter {
        @Parameters(paramLabel = "NAME", description = "The pod's name.")
        String name;
        @Option(names = {"-n", "--namespace"}, paramLabel = "NS", description = "Its namespace (default: default).")
        String namespace = "default";

        @Override
        public Object run(MagicContext context) {
            Cluster cluster = ClusterSession.require(context);
            Pod pod = ClusterSession.call(() -> cluster.client().pods().inNamespace(namespace).withName(name).get());
            if (pod == null) {
                throw new MagicException(context.text("%explain: 파드 " + namespace + "/" + name + " 가 없습니다",
                        "%explain: pod " + namespace + "/" + name + " not found"));
            }
            Optional<SchedulingDecisions.Decision> d = cluster.schedulingDecisions().flatMap(s -> s.latest(namespace, name));
            return d.isPresent() ? fromDecision(context, pod, d.get()) : fromEvents(context, cluster, pod);
        }

        private MimeBundle fromDecision(MagicContext context, Pod pod, SchedulingDecisions.Decision d) {
            Set<String> plugins = new LinkedHashSet<>();
            d.nodes().forEach(n -> plugins.addAll(n.scores().keySet()));
            List<String> headers = new ArrayList<>(List.of("NODE", context.text("결과", "RESULT")));
            headers.addAll(plugins);
            headers.add(context.text("합계", "TOTAL"));
            List<List<String>> rows = new ArrayList<>();
            List<SchedulingDecisions.NodeVerdict> nodes = new ArrayList<>(d.nodes());
            nodes.sort(Comparator.comparing(SchedulingDecisions.NodeVerdict::node));
            for (SchedulingDecisions.NodeVerdict n : nodes) {
                List<String> r = new ArrayList<>();
                r.add(n.node() + (n.node().equals(d.selectedNode()) ? " ★" : ""));
                r.add(n.feasible() ? context.text("통과", "passed filters")
                        : context.text("거부: ", "rejected by ") + n.rejectedBy() + (n.reasons().isEmpty() ? "" : " (" + String.join("; ", n.reasons()) + ")"));
                for (String p : plugins) r.add(n.scores().containsKey(p) ? String.valueOf(n.scores().get(p)) : "");
                r.add(n.feasible() && !n.scores().isEmpty() ? String.valueOf(n.total()) : "");
                rows.add(r);
            }
            String head = headline(context, pod, d.selectedNode(), d.message()) + " ("
                    + context.text("시도 " + d.attempt() + ", 노드 " + d.numAllNodes() + "개 평가", "attempt " + d.attempt() + ", " + d.numAllNodes() + " nodes evaluated")
                    + (d.bindOutcome() != null ? ", " + d.bindOutcome() : "") + ")";
            String note = nodes.stream().filter(SchedulingDecisions.NodeVerdict::feasible).count() == 1
                    ? context.text("가능한 노드가 하나뿐이라 kube-scheduler 는 점수 계산을 건너뜁니다.", "Only one node was feasible, so kube-scheduler skipped scoring.") : "";
            return table(head, note, headers, rows);
        }

        private MimeBundle fromEvents(MagicContext context, Cluster cluster, Pod pod) {
            String node = pod.getSpec().getNodeName();
            List<Event> events = ClusterSession.call(() -> cluster.client().v1().events().inNamespace(namespace)
                    .withField("involvedObject.name", name).list().getItems());
            String failed = events.stream().filter(e -> "FailedScheduling".equals(e.getReason())).map(Event::getMessage)
                    .reduce((a, b) -> b).orElse("");
            List<List<String>> rows = new ArrayList<>();
            for (Node n : ClusterSession.call(() -> cluster.client().nodes().list().getItems())) {
                List<String> notes = new ArrayList<>();
                if (Boolean.TRUE.equals(n.getSpec().getUnschedulable())) notes.add("unschedulable (cordoned)");
                if (n.getSpec().getTaints() != null) {
                    n.getSpec().getTaints().forEach(t -> notes.add("taint " + t.getKey() + (t.getValue() != null ? "=" + t.getValue() : "") + ":" + t.getEffect()));
                }
                String alloc = n.getStatus() != null && n.getStatus().getAllocatable() != null
                        ? "cpu " + n.getStatus().getAllocatable().get("cpu") + ", memory " + n.getStatus().getAllocatable().get("memory") : "";
                rows.add(List.of(n.getMetadata().getName() + (n.getMetadata().getName().equals(node) ? " ★" : ""), alloc, String.join("; ", notes)));
            }
            String head = headline(context, pod, node, failed);
            String note = context.text("이 프로바이더는 스케줄러의 플러그인별 기록을 제공하지 않아 이벤트와 노드 상태로 설명합니다.",
                    "This provider's scheduler keeps no per-plugin records; explained from events and node state.");
            return table(head, note, List.of("NODE", "ALLOCATABLE", context.text("스케줄링에 영향을 주는 것", "WHAT AFFECTS SCHEDULING")), rows);
        }

        private String headline(MagicContext context, Pod pod, String node, String message) {
            String id = "pod/" + name;
            if (node != null && !node.isEmpty()) return context.text(id + " 은(는) " + node + " 에 배정됨", id + " is on " + node);
            return context.text(id + " 은(는) Pending: ", id + " is Pending: ") + (message == null || message.isEmpty()
                    ? context.text("아직 스케줄되지 않음", "not scheduled yet") : message);
        }

        private static MimeBundle table(String head, String note, List<String> headers, List<List<String>> rows) {
            String text = head + "\n" + Html.textTable(headers, rows) + (note.isEmpty() ? "" : note);
            String html = "<div><b>" + Html.escape(head) + "</b>" + Html.table(headers, rows)
                    + (note.isEmpty() ? "" : "<i>" + Html.escape(note) + "</i>") + "</div>";
            return MimeBundle.html(html, text.stripTrailing());
        }

        @Override
        public List<String> complete(MagicContext context, List<String> previousArgs, String prefix) {
            return ClusterSession.of(context).current().map(c -> {
                try {
                    return c.client().pods().inNamespace(namespace).list().getItems().stream().map(p -> p.getMetadata().getName()).toList();
                } catch (RuntimeException e) {
                    return List.<String>of();
                }
            }).orElse(List.of());
        }
    }
}
