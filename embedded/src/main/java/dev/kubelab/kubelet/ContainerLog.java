package dev.kubelab.kubelet;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The honest log of a simulated container: what the node did with it (pulled, started, probed,
 * stopped), never invented application output. Keeps the current instance and, after a restart,
 * the previous one ({@code kubectl logs --previous}).
 */
public final class ContainerLog {
    /** One line with its time. */
    public record Line(Instant time, String text) {
    }

    private static final int MAX_LINES = 1000;
    private List<Line> current = new ArrayList<>();
    private List<Line> previous;

    synchronized void add(Instant time, String text) {
        if (current.size() >= MAX_LINES) {
            current.remove(0);
        }
        current.add(new Line(time, text));
    }

    synchronized void rotate() {
        previous = current;
        current = new ArrayList<>();
    }

    public synchronized boolean hasPrevious() {
        return previous != null;
    }

    /**
     * Renders like the kubelet's log endpoint.
     *
     * @param tailLines  last N lines, or null for all
     * @param timestamps prefix each line with its RFC 3339 nano timestamp
     * @param previous   the previous instance's log
     * @return the text, or null if {@code previous} was asked and there is no previous instance
     */
    public synchronized String render(Integer tailLines, boolean timestamps, boolean previous) {
        List<Line> lines = previous ? this.previous : current;
        if (lines == null) {
            return null;
        }
        int from = tailLines == null ? 0 : Math.max(0, lines.size() - Math.max(0, tailLines));
        StringBuilder sb = new StringBuilder();
        for (Line l : lines.subList(from, lines.size())) {
            if (timestamps) {
                sb.append(Times.formatNano(l.time())).append(' ');
            }
            sb.append(l.text()).append('\n');
        }
        return sb.toString();
    }
}
