package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterNode;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import picocli.CommandLine.Command;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code %components}: the architecture diagram, alive — the control plane and each node with every component's live
 * state, version and one-line role, as SVG (text/plain: the same as a table).
 */
@Command(name = "components", description = "Draw the cluster: control plane and nodes, each component's live state, version and role.")
public final class ComponentsMagic implements Magic {
    static final int BOX_W = 250;
    static final int BOX_H = 64;
    static final int GAP = 12;

    @Override
    public Object run(MagicContext context) {
        Cluster cluster = ClusterSession.require(context);
        List<ComponentStatus> all = ClusterSession.call(cluster::components);
        List<ClusterNode> nodes = ClusterSession.call(cluster::nodes);
        return render(context.language(), cluster.spec().controlPlaneNodeName(), all, nodes);
    }

    static MimeBundle render(String lang, String controlPlaneNode, List<ComponentStatus> all, List<ClusterNode> nodes) {
        boolean ko = "ko".equals(lang);
        List<ComponentStatus> control = all.stream().filter(s -> s.component().controlPlane()).toList();
        Map<String, List<ComponentStatus>> perNode = new LinkedHashMap<>();
        for (ClusterNode n : nodes) perNode.put(n.name(), new ArrayList<>());
        for (ComponentStatus s : all) {
            if (s.component().perNode()) perNode.computeIfAbsent(s.node() == null ? "?" : s.node(), k -> new ArrayList<>()).add(s);
        }
        // layout: control plane on top (two columns), nodes side by side below it
        int cpCols = 2;
        int cpRows = (control.size() + cpCols - 1) / cpCols;
        int cpW = cpCols * BOX_W + (cpCols + 1) * GAP;
        int cpH = 34 + cpRows * (BOX_H + GAP) + GAP / 2;
        int nodeW = BOX_W + 2 * GAP;
        int maxPerNode = perNode.values().stream().mapToInt(List::size).max().orElse(0);
        int nodeH = 34 + Math.max(1, maxPerNode) * (BOX_H + GAP) + GAP / 2;
        int width = Math.max(cpW, perNode.size() * (nodeW + GAP) - GAP) + 20;
        int height = 10 + cpH + 30 + (perNode.isEmpty() ? 0 : nodeH) + 10;
        Svg svg = new Svg(width, height);
        svg.group("control-plane", () -> {
            svg.rect(10, 10, cpW, cpH, 8, "#eef3fb", "#4a6fa5");
            svg.text(20, 32, (ko ? "컨트롤 플레인 — " : "Control plane — ") + controlPlaneNode, 14, "bold", "#1d3557");
            for (int i = 0; i < control.size(); i++) {
                int x = 10 + GAP + (i % cpCols) * (BOX_W + GAP);
                int y = 10 + 34 + (i / cpCols) * (BOX_H + GAP);
                box(svg, x, y, control.get(i), lang);
            }
        });
        int ny = 10 + cpH + 30;
        int i = 0;
        for (Map.Entry<String, List<ComponentStatus>> n : perNode.entrySet()) {
            int nx = 10 + i++ * (nodeW + GAP);
            int nxf = nx;
            svg.group("node:" + n.getKey(), () -> {
                svg.rect(nxf, ny, nodeW, nodeH, 8, "#f5f5f0", "#6b705c");
                svg.text(nxf + 10, ny + 22, (ko ? "노드 " : "Node ") + n.getKey(), 13, "bold", "#333");
                List<ComponentStatus> cs = n.getValue();
                if (cs.isEmpty()) svg.text(nxf + 14, ny + 52, ko ? "(구성 요소 정보 없음)" : "(no component data)", 11, "normal", "#888");
                for (int k = 0; k < cs.size(); k++) box(svg, nxf + GAP, ny + 34 + k * (BOX_H + GAP), cs.get(k), lang);
            });
        }
        svg.line(10 + cpW / 2, 10 + cpH, 10 + cpW / 2, ny, "#999");
        return MimeBundle.html("<div>" + svg + "</div>", text(lang, all)).with(MimeBundle.SVG, svg.toString());
    }

    private static void box(Svg svg, int x, int y, ComponentStatus s, String lang) {
        String fill = switch (s.state()) {
            case RUNNING -> "#d8f3dc";
            case STOPPED -> "#ffd6d6";
            case NOT_READY -> "#fff3bf";
            case UNKNOWN -> "#e9ecef";
        };
        svg.group("component:" + s.component().binary() + (s.component().perNode() ? "@" + s.node() : ""), () -> {
            svg.rect(x, y, BOX_W, BOX_H, 6, fill, "#555");
            svg.text(x + 8, y + 18, s.component().binary(), 13, "bold", "#111");
            svg.text(x + BOX_W - 8, y + 18, state(s.state(), lang), 11, "bold", s.state() == ComponentStatus.State.RUNNING ? "#2b8a3e" : "#c92a2a", "end");
            svg.text(x + 8, y + 35, s.version() + " · " + (s.real() ? ("ko".equals(lang) ? "실제" : "real") : ("ko".equals(lang) ? "시뮬레이션" : "simulated")), 11, "normal", "#444");
            svg.text(x + 8, y + 52, Roles.of(s.component()).in(lang), 11, "normal", "#444");
        });
    }

    static String state(ComponentStatus.State s, String lang) {
        if ("ko".equals(lang)) {
            return switch (s) {
                case RUNNING -> "실행 중";
                case STOPPED -> "중지됨";
                case NOT_READY -> "준비 안 됨";
                case UNKNOWN -> "알 수 없음";
            };
        }
        return s.name().toLowerCase(Locale.ROOT).replace('_', ' ');
    }

    private static String text(String lang, List<ComponentStatus> all) {
        List<List<String>> rows = new ArrayList<>();
        for (ComponentStatus s : all) {
            rows.add(List.of(s.component().binary(), s.node() == null ? "" : s.node(), state(s.state(), lang), s.version(),
                    Roles.of(s.component()).in(lang)));
        }
        return Html.textTable(List.of("COMPONENT", "NODE", "STATE", "VERSION", "ROLE"), rows).stripTrailing();
    }

    /** Component names in the order the diagram draws them (for tests and docs). */
    static List<String> names() {
        return java.util.Arrays.stream(Component.values()).map(Component::binary).toList();
    }
}
