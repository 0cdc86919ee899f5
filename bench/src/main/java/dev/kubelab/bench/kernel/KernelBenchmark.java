package dev.kubelab.bench.kernel;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.bench.BenchContext;
import dev.kubelab.bench.Benchmark;
import dev.kubelab.bench.Measurement;
import dev.kubelab.bench.Rss;
import dev.kubelab.bench.Stats;
import dev.kubelab.cli.KernelSpec;
import dev.kubelab.kernel.driver.JupyterDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The kernel as a notebook user feels it, through the real jupyter_client and with the kernelspec's own JVM flags
 * (and its class-data-sharing archive, created here as 'kernelspec install' does): start to kernel_info_reply,
 * first {@code 1 + 1}, a trivial cell once warm, and resident memory after 100 cells.
 */
public final class KernelBenchmark implements Benchmark {
    static final int WARM_CELLS = 20;
    static final int CELLS_FOR_RSS = 100;

    @Override
    public String suite() {
        return "kernel";
    }

    @Override
    public String name() {
        return "kernel";
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        Path jar = context.kubelabJar();
        if (!Files.exists(jar)) {
            throw new IllegalStateException("build first: " + jar + " is missing");
        }
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Path cdsDir = Files.createDirectories(context.root().resolve("target").resolve("bench").resolve("cds"));
        Path archive = System.getProperty("bench.kernel.nocds") == null ? KernelSpec.createCdsArchive(java, jar, cdsDir) : null;
        @SuppressWarnings("unchecked")
        List<String> argv = new ArrayList<>((List<String>) KernelSpec.json(java, jar, archive).get("argv"));
        argv.remove(argv.size() - 1); // {connection_file}: the driver appends it

        List<Double> start = new ArrayList<>();
        List<Double> first = new ArrayList<>();
        List<Double> warm = new ArrayList<>();
        List<Double> rss = new ArrayList<>();
        List<Double> interrupt = new ArrayList<>();
        for (int run = 0; run < context.runs(); run++) {
            try (JupyterDriver kernel = JupyterDriver.start(argv, context.root())) {
                start.add(kernel.ready().path("startup").asDouble() * 1000);
                first.add(elapsedMillis(kernel.execute("1 + 1")));
                List<Double> trivial = new ArrayList<>();
                for (int i = 0; i < WARM_CELLS; i++) {
                    trivial.add(elapsedMillis(kernel.execute("1 + 1")));
                }
                warm.add(Stats.median(trivial));
                for (int i = 0; i < CELLS_FOR_RSS - WARM_CELLS - 1; i++) {
                    elapsedMillis(kernel.execute("int v" + i + " = " + i + " * 2;\nString s" + i + " = \"cell \" + v" + i + ";"));
                }
                rss.add(Rss.mib(kernel.kernelPid()));
                JsonNode stopped = kernel.interrupt("while (true) {}", 0.5, false);
                interrupt.add(stopped.path("stopped_after").asDouble() * 1000);
            }
        }
        return List.of(
                new Measurement("start → kernel_info_reply", "ms", start, 2000.0),
                new Measurement("first 1 + 1", "ms", first, 1500.0),
                new Measurement("trivial cell, warm (round trip)", "ms", warm, 50.0),
                new Measurement("RSS after 100 cells", "MiB", rss, 250.0),
                new Measurement("interrupt of while (true) {}", "ms", interrupt, 2000.0));
    }

    private static double elapsedMillis(JsonNode answer) throws IOException {
        if (!"ok".equals(answer.path("reply").path("status").asText())) {
            throw new IOException("cell failed: " + answer);
        }
        return answer.path("elapsed").asDouble() * 1000;
    }
}
