package dev.kubelab.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeSet;

/**
 * {@code ./kubelab bench kernel|apiserver|cluster|magics|all}: runs the benchmarks of the named suites (discovered
 * with ServiceLoader), prints a table of medians and writes target/bench/SUITE.json under -Dkubelab.root.
 * Exit status 0 even when a goal is missed (the table says MISSED); 2 for a usage error, 1 when a benchmark failed.
 */
public final class Main {
    static final List<String> SUITES = List.of("kernel", "apiserver", "cluster", "magics");

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length == 0 || args[0].equals("--help") || args[0].equals("-h")) {
            System.out.println("Usage: ./kubelab bench " + String.join("|", SUITES) + "|all   (-Dbench.runs=N, default 5)");
            System.exit(args.length == 0 ? 2 : 0);
        }
        List<String> wanted = new ArrayList<>();
        for (String a : args) {
            if (a.equals("all")) {
                wanted.addAll(SUITES);
            } else if (SUITES.contains(a)) {
                wanted.add(a);
            } else {
                System.err.println("bench: unknown suite '" + a + "' (one of " + String.join(", ", SUITES) + ", all)");
                System.exit(2);
            }
        }
        Path root = Path.of(System.getProperty("kubelab.root", ".")).toAbsolutePath();
        BenchContext context = new BenchContext(root, Integer.getInteger("bench.runs", 5));
        List<Benchmark> all = new ArrayList<>();
        ServiceLoader.load(Benchmark.class).forEach(all::add);
        boolean failed = false;
        for (String suite : new TreeSet<>(wanted)) {
            Map<String, List<Measurement>> results = new LinkedHashMap<>();
            for (Benchmark b : all) {
                if (!b.suite().equals(suite)) {
                    continue;
                }
                System.err.println("bench: running " + suite + "/" + b.name() + " (" + context.runs() + " runs)…");
                try {
                    results.put(b.name(), b.run(context));
                } catch (Exception e) {
                    failed = true;
                    System.err.println("bench: " + suite + "/" + b.name() + " failed: " + e);
                }
            }
            if (results.isEmpty()) {
                System.err.println("bench: no benchmarks in suite '" + suite + "' yet");
                continue;
            }
            Report.table(suite, results, System.out);
            System.out.println("→ " + Report.json(root, suite, results));
        }
        System.exit(failed ? 1 : 0);
    }

    static Set<String> suites() {
        return Set.copyOf(SUITES);
    }
}
