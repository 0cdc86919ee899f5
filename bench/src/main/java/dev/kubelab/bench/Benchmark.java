package dev.kubelab.bench;

import java.util.List;

/**
 * One benchmark of a suite ({@code kernel}, {@code apiserver}, {@code cluster}, {@code magics}). Implementations
 * have a public no-argument constructor and are listed in {@code META-INF/services/dev.kubelab.bench.Benchmark};
 * {@code ./kubelab bench SUITE} runs every benchmark of that suite.
 */
public interface Benchmark {

    /** The suite this benchmark belongs to. */
    String suite();

    /** A short name, unique within the suite. */
    String name();

    /** Runs the benchmark (repeating as {@link BenchContext#runs()} says) and returns its measurements. */
    List<Measurement> run(BenchContext context) throws Exception;
}
