package dev.kubelab.cluster;

import java.time.Duration;
import java.util.OptionalDouble;

/**
 * Runs named steps and reports them to a {@link ProgressListener}, like kind's create actions: each step is
 * announced, then marked succeeded or failed with the one-line reason. Providers build their start-up as a
 * sequence of {@code steps.run(...)} calls and tear down whatever was started when one fails.
 */
public final class Steps {
    /** Work of one step; may throw anything, which fails the step. */
    @FunctionalInterface
    public interface Work<T> {
        T call() throws Exception;
    }

    @FunctionalInterface
    public interface VoidWork {
        void run() throws Exception;
    }

    private final ProgressListener listener;

    public Steps(ProgressListener listener) {
        this.listener = listener == null ? ProgressListener.NONE : listener;
    }

    public ProgressListener listener() {
        return listener;
    }

    /** A step in progress, for steps that report along the way (image pulls). */
    public final class Step {
        private final String id;
        private final Text title;
        private final long startNanos = System.nanoTime();
        private boolean done;

        private Step(String id, Text title) {
            this.id = id;
            this.title = title;
            emit(StepState.STARTED, "", OptionalDouble.empty());
        }

        public void progress(String detail, double fraction) {
            emit(StepState.PROGRESS, detail, fraction < 0 ? OptionalDouble.empty() : OptionalDouble.of(Math.min(1, fraction)));
        }

        public void succeed() {
            succeed("");
        }

        public void succeed(String detail) {
            if (done) return;
            done = true;
            emit(StepState.SUCCEEDED, detail, OptionalDouble.of(1));
        }

        public void fail(String reason) {
            if (done) return;
            done = true;
            emit(StepState.FAILED, reason, OptionalDouble.empty());
        }

        private void emit(StepState state, String detail, OptionalDouble fraction) {
            listener.onStep(new StepEvent(id, title, state, detail, fraction, Duration.ofNanos(System.nanoTime() - startNanos)));
        }
    }

    public Step begin(String id, Text title) {
        return new Step(id, title);
    }

    /** Runs {@code work} as one step; a failure is reported and rethrown as a {@link ClusterException}. */
    public <T> T run(String id, Text title, Work<T> work) {
        Step step = begin(id, title);
        try {
            T result = work.call();
            step.succeed();
            return result;
        } catch (Exception e) {
            ClusterException ce = asClusterException(title, e);
            step.fail(e instanceof ClusterException ? ce.getMessage() : firstLine(e));
            throw ce;
        }
    }

    public void run(String id, Text title, VoidWork work) {
        run(id, title, () -> {
            work.run();
            return null;
        });
    }

    public void skip(String id, Text title, String reason) {
        listener.onStep(new StepEvent(id, title, StepState.SKIPPED, reason, OptionalDouble.empty(), Duration.ZERO));
    }

    /** Keeps a ClusterException's one-line message; wraps anything else with the step's title. */
    public static ClusterException asClusterException(Text title, Throwable e) {
        if (e instanceof ClusterException ce) return ce;
        return new ClusterException(title.en() + " failed: " + firstLine(e), e);
    }

    private static String firstLine(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage().lines().findFirst().orElse("");
    }
}
