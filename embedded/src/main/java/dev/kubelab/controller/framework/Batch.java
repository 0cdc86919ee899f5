package dev.kubelab.controller.framework;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * controller utils' {@code slowStartBatch}: run {@code count} API calls in batches of 1, 2, 4, … concurrently,
 * stopping after the first batch that had an error — so a quota or admission failure costs one call, not
 * thousands, while a healthy mass create ramps up quickly.
 */
public final class Batch {
    private static final ExecutorService POOL = Executors.newFixedThreadPool(64, r -> {
        Thread t = new Thread(r, "controller-api-call");
        t.setDaemon(true);
        return t;
    });

    private Batch() {
    }

    /** Result: how many calls succeeded and the first error, if any. */
    public record Result(int successes, Exception firstError) {
    }

    public static Result slowStart(int count, int initialBatchSize, IntFunction<Runnable> call) {
        int remaining = count;
        int successes = 0;
        int index = 0;
        for (int batch = Math.min(remaining, initialBatchSize); batch > 0; batch = Math.min(2 * batch, remaining)) {
            List<Future<?>> futures = new ArrayList<>(batch);
            for (int i = 0; i < batch; i++) {
                futures.add(POOL.submit(call.apply(index++)));
            }
            Exception error = null;
            for (Future<?> f : futures) {
                try {
                    f.get();
                    successes++;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return new Result(successes, e);
                } catch (Exception e) {
                    if (error == null) {
                        error = e.getCause() instanceof Exception c ? c : e;
                    }
                }
            }
            if (error != null) {
                return new Result(successes, error);
            }
            remaining -= batch;
        }
        return new Result(successes, null);
    }

    /** Runs calls concurrently and waits for all (used for deletions, which the real controllers do in parallel). */
    public static Result parallel(int count, IntFunction<Runnable> call) {
        List<Future<?>> futures = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            futures.add(POOL.submit(call.apply(i)));
        }
        int ok = 0;
        Exception error = null;
        for (Future<?> f : futures) {
            try {
                f.get();
                ok++;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return new Result(ok, e);
            } catch (Exception e) {
                if (error == null) {
                    error = e.getCause() instanceof Exception c ? c : e;
                }
            }
        }
        return new Result(ok, error);
    }
}
