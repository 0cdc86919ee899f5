package dev.kubelab.scheduler.recorder;

import dev.kubelab.scheduler.framework.NodePluginScores;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Plain-text rendering of a {@link SchedulingDecision}: the filter verdict per node, then the score table. */
public final class DecisionText {

    private DecisionText() {}

    public static String render(SchedulingDecision d) {
        StringBuilder sb = new StringBuilder();
        sb.append(d.namespace()).append('/').append(d.name()).append(": attempt ").append(d.attempt()).append(", ").append(d.result());
        if (d.selectedNode() != null) {
            sb.append(" → ").append(d.selectedNode());
        }
        if (d.bindOutcome() != null) {
            sb.append(" (").append(d.bindOutcome()).append(')');
        }
        sb.append('\n');
        if (!d.message().isEmpty()) {
            sb.append(d.message()).append('\n');
        }
        if (d.nominatedNode() != null) {
            sb.append("nominated node: ").append(d.nominatedNode()).append(", victims: ").append(d.victims()).append('\n');
        }
        int width = 4;
        for (var f : d.filterResults()) {
            width = Math.max(width, f.node().length());
        }
        sb.append("Filter (").append(d.filterResults().size()).append('/').append(d.numAllNodes()).append(" nodes evaluated):\n");
        for (var f : d.filterResults()) {
            sb.append("  ").append(pad(f.node(), width)).append("  ");
            sb.append(f.passed() ? "passed" : f.plugin() + ": " + String.join(", ", f.reasons()));
            sb.append('\n');
        }
        if (!d.scores().isEmpty()) {
            Set<String> plugins = new LinkedHashSet<>();
            d.scores().forEach(n -> n.scores().forEach(s -> plugins.add(s.plugin())));
            sb.append("Score (raw → normalized × weight = weighted):\n");
            List<String> header = new ArrayList<>(List.of(pad("NODE", width)));
            plugins.forEach(header::add);
            header.add("TOTAL");
            sb.append("  ").append(String.join("  ", header)).append('\n');
            for (NodePluginScores n : d.scores()) {
                sb.append("  ").append(pad(n.name(), width));
                for (String p : plugins) {
                    String cell = n.scores().stream().filter(s -> s.plugin().equals(p)).findFirst()
                            .map(s -> s.raw() + "→" + s.normalized() + "×" + s.weight() + "=" + s.weighted()).orElse("-");
                    sb.append("  ").append(pad(cell, p.length()));
                }
                sb.append("  ").append(n.totalScore()).append(n.name().equals(d.selectedNode()) ? "  ← selected" : "").append('\n');
            }
        } else if (d.selectedNode() != null) {
            sb.append("Score: skipped (only one feasible node)\n");
        }
        return sb.toString();
    }

    private static String pad(String s, int w) {
        return s.length() >= w ? s : s + " ".repeat(w - s.length());
    }
}
