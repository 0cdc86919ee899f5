package dev.kubelab.cluster.embedded;

import dev.kubelab.cluster.SchedulingDecisions;
import dev.kubelab.scheduler.framework.NodePluginScores;
import dev.kubelab.scheduler.recorder.SchedulingDecision;
import dev.kubelab.scheduler.recorder.SchedulingRecorder;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/** The embedded kube-scheduler's {@link SchedulingRecorder}, seen through the provider-neutral interface. */
final class EmbeddedSchedulingDecisions implements SchedulingDecisions {
    private final Supplier<SchedulingRecorder> recorder;

    EmbeddedSchedulingDecisions(Supplier<SchedulingRecorder> recorder) {
        this.recorder = recorder;
    }

    @Override
    public Optional<Decision> latest(String namespace, String name) {
        SchedulingRecorder r = recorder.get();
        if (r == null) return Optional.empty();
        return r.decisionFor(namespace, name).map(EmbeddedSchedulingDecisions::convert);
    }

    static Decision convert(SchedulingDecision d) {
        Map<String, NodePluginScores> scores = new LinkedHashMap<>();
        for (NodePluginScores s : d.scores()) scores.put(s.name(), s);
        List<NodeVerdict> nodes = new ArrayList<>();
        for (SchedulingDecision.NodeFilterResult f : d.filterResults()) {
            Map<String, Long> plugin = new LinkedHashMap<>();
            NodePluginScores s = scores.get(f.node());
            if (s != null) for (NodePluginScores.PluginScore p : s.scores()) plugin.put(p.plugin(), p.weighted());
            nodes.add(new NodeVerdict(f.node(), f.plugin(), f.reasons() == null ? List.of() : f.reasons(), plugin, s == null ? 0 : s.totalScore()));
        }
        return new Decision(d.namespace(), d.name(), d.attempt(), d.result().name(), d.message() == null ? "" : d.message(),
                d.selectedNode(), d.numAllNodes(), nodes, d.bindOutcome());
    }
}
