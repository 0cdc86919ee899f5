package dev.kubelab.bench;

import java.nio.file.Path;

/** What a benchmark may use: the repository root, the built jar and how many repetitions to make. */
public final class BenchContext {
    private final Path root;
    private final int runs;

    public BenchContext(Path root, int runs) {
        this.root = root;
        this.runs = runs;
    }

    public Path root() {
        return root;
    }

    /** cli/target/kubelab.jar, the jar users run. */
    public Path kubelabJar() {
        return root.resolve("cli").resolve("target").resolve("kubelab.jar");
    }

    /** Repetitions per measurement (-Dbench.runs, default 5). */
    public int runs() {
        return runs;
    }
}
