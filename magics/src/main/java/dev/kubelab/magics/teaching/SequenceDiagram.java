package dev.kubelab.magics.teaching;

import java.util.List;
import java.util.Locale;

/** The %%trace sequence diagram: one lane per component, one arrow per step, time flowing downwards. */
final class SequenceDiagram {
    static final int LANE_W = 150;
    static final int ROW_H = 22;
    static final int TOP = 50;
    static final int MAX_ROWS = 400;

    private SequenceDiagram() {
    }

    static String svg(List<String> lanes, List<TraceStep> steps) {
        List<TraceStep> shown = steps.size() > MAX_ROWS ? steps.subList(0, MAX_ROWS) : steps;
        int width = lanes.size() * LANE_W + 110;
        int height = TOP + (shown.size() + 1) * ROW_H + 20;
        Svg svg = new Svg(width, height);
        for (int i = 0; i < lanes.size(); i++) {
            int x = x(i);
            String lane = lanes.get(i);
            svg.group("lane:" + lane, () -> {
                svg.rect(x - LANE_W / 2 + 6, 8, LANE_W - 12, 28, 5, color(lane), "#555");
                int at = lane.indexOf('@');
                if (at > 0) { // kubelet@<node>: the component, and under it the node it runs on
                    svg.textWithin(x, 20, lane.substring(0, at), 11, "bold", "#111", "middle", LANE_W - 20);
                    svg.textWithin(x, 32, lane.substring(at), 9, "normal", "#333", "middle", LANE_W - 20);
                } else {
                    svg.textWithin(x, 27, lane, 11, "bold", "#111", "middle", LANE_W - 20);
                }
                svg.dashed(x, 36, x, height - 10, "#bbb");
            });
        }
        for (int r = 0; r < shown.size(); r++) {
            TraceStep s = shown.get(r);
            int y = TOP + (r + 1) * ROW_H;
            int from = x(lanes.indexOf(s.from()));
            int to = x(lanes.indexOf(s.to()));
            String stroke = switch (s.kind()) {
                case REQUEST -> "#1c7ed6";
                case STORAGE -> "#e8590c";
                case WATCH -> "#868e96";
            };
            int row = r;
            svg.group("step:" + row, () -> {
                svg.text(4, y + 4, String.format(Locale.ROOT, "%.0f ms", s.millis()), 9, "normal", "#888");
                svg.arrow(from, y, to, stroke, s.kind() == TraceStep.Kind.WATCH);
                int mid = Math.min(from, to) + 6;
                svg.text(mid, y - 4, shorten(s.label()), 10, "normal", stroke);
            });
        }
        if (steps.size() > MAX_ROWS) {
            svg.text(10, height - 6, "… " + (steps.size() - MAX_ROWS) + " more steps in the table", 10, "normal", "#888");
        }
        return svg.toString();
    }

    private static int x(int lane) {
        return 80 + lane * LANE_W + LANE_W / 2;
    }

    private static String shorten(String s) {
        return s.length() > 60 ? s.substring(0, 59) + "…" : s;
    }

    private static String color(String lane) {
        if (lane.equals(Lanes.USER)) return "#e7f5ff";
        if (lane.equals(Lanes.APISERVER)) return "#d0ebff";
        if (lane.equals(Lanes.ETCD)) return "#ffe8cc";
        if (lane.equals(Lanes.SCHEDULER)) return "#e5dbff";
        if (lane.equals(Lanes.CONTROLLER_MANAGER)) return "#d3f9d8";
        return "#f1f3f5";
    }
}
