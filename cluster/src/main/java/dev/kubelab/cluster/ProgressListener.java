package dev.kubelab.cluster;

/**
 * Receives the named steps of starting, stopping or upgrading a cluster (kind's creation actions, each
 * with a status line). The kernel shows them as a display updated in place; the CLI prints lines.
 * Called from the thread doing the work; must not block.
 */
@FunctionalInterface
public interface ProgressListener {
    ProgressListener NONE = e -> { };

    void onStep(StepEvent event);

    /** Prints each finished/failed step as one line (CLI, logs). */
    static ProgressListener printing(java.io.PrintStream out, String lang) {
        return e -> {
            if (e.state() != StepState.PROGRESS) out.println(e.line(lang));
        };
    }
}
