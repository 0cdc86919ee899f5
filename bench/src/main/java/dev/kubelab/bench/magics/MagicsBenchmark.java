package dev.kubelab.bench.magics;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.bench.BenchContext;
import dev.kubelab.bench.Benchmark;
import dev.kubelab.bench.Measurement;
import dev.kubelab.bench.Stats;
import dev.kubelab.cli.KernelSpec;
import dev.kubelab.kernel.driver.JupyterDriver;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The teaching magics on the embedded cluster, through the real jupyter_client: how fast magics that read state answer
 * (goal ≤ 200 ms), kubectl's own start-up (reported separately: %kubectl cannot be faster than it), and what %%trace adds
 * to the cell it traces (goal ≤ 20 %).
 */
public final class MagicsBenchmark implements Benchmark {
    static final int SAMPLES = 15;
    static final int TRACE_SAMPLES = 9;
    static final String TRACED_BODY = "for (int i = 0; i < 20; i++) { client.configMaps().inNamespace(\"default\").resource("
            + "new io.fabric8.kubernetes.api.model.ConfigMapBuilder().withNewMetadata().withName(\"bench-\" + PREFIX + \"-\" + i).endMetadata()"
            + ".addToData(\"k\", \"v\").build()).create(); }";

    @Override
    public String suite() {
        return "magics";
    }

    @Override
    public String name() {
        return "magics";
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        Path jar = context.kubelabJar();
        if (!Files.exists(jar)) throw new IllegalStateException("build first: " + jar + " is missing");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        @SuppressWarnings("unchecked")
        List<String> argv = new ArrayList<>((List<String>) KernelSpec.json(java, jar, null).get("argv"));
        argv.remove(argv.size() - 1);
        Path home = Files.createTempDirectory("kubelab-bench-magics-");
        argv.add(1, "-Duser.home=" + home);

        List<Double> components = new ArrayList<>();
        List<Double> status = new ArrayList<>();
        List<Double> etcdctl = new ArrayList<>();
        List<Double> kubectlMagic = new ArrayList<>();
        List<Double> kubectlAlone = new ArrayList<>();
        List<Double> overhead = new ArrayList<>();
        List<Double> plainAll = new ArrayList<>();
        List<Double> tracedAll = new ArrayList<>();
        List<Double> firstTrace = new ArrayList<>();
        for (int run = 0; run < context.runs(); run++) {
            try (JupyterDriver kernel = JupyterDriver.start(argv, context.root())) {
                ok(kernel.execute("%cluster up --provider embedded", 300));
                for (int i = 0; i < 3; i++) { // warm-up
                    ok(kernel.execute("%components"));
                    ok(kernel.execute("%kubectl get pods -A"));
                }
                for (int i = 0; i < SAMPLES; i++) {
                    components.add(ms(kernel.execute("%components")));
                    status.add(ms(kernel.execute("%cluster status")));
                    etcdctl.add(ms(kernel.execute("%etcdctl get /registry/namespaces/default")));
                    kubectlMagic.add(ms(kernel.execute("%kubectl get pods -A")));
                    kubectlAlone.add(kubectlVersionMillis());
                }
                // the first %%trace on a cluster opens the tracer's pod watch, which later traces reuse
                firstTrace.add(ms(kernel.execute("%%trace --no-settle\nint first = 1;")));
                List<Double> plain = new ArrayList<>();
                List<Double> traced = new ArrayList<>();
                for (int i = 0; i < TRACE_SAMPLES; i++) {
                    plain.add(ms(kernel.execute("String PREFIX = \"p" + run + i + "\";\n" + TRACED_BODY)));
                    traced.add(ms(kernel.execute("%%trace --no-settle\nString PREFIX = \"t" + run + i + "\";\n" + TRACED_BODY)));
                }
                overhead.add((Stats.median(traced) - Stats.median(plain)) / Stats.median(plain) * 100);
                plainAll.addAll(plain);
                tracedAll.addAll(traced);
                ok(kernel.execute("%cluster down", 120));
            }
        }
        return List.of(
                new Measurement("%components (state-reading magic)", "ms", components, 200.0),
                new Measurement("%cluster status", "ms", status, 200.0),
                new Measurement("%etcdctl get (includes etcdctl start-up)", "ms", etcdctl, 200.0),
                new Measurement("%kubectl get pods -A (includes kubectl start-up)", "ms", kubectlMagic, null),
                new Measurement("kubectl version --client alone (start-up)", "ms", kubectlAlone, null),
                new Measurement("20 API creates, plain cell", "ms", plainAll, null),
                new Measurement("20 API creates, %%trace --no-settle", "ms", tracedAll, null),
                new Measurement("%%trace overhead on 20 API creates", "%", overhead, 20.0),
                new Measurement("first %%trace on a cluster (opens its pod watch)", "ms", firstTrace, null));
    }

    private static double kubectlVersionMillis() throws IOException, InterruptedException {
        long t0 = System.nanoTime();
        Process p = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
        p.getInputStream().readAllBytes();
        p.waitFor();
        return (System.nanoTime() - t0) / 1e6;
    }

    private static JsonNode ok(JsonNode answer) throws IOException {
        if (!"ok".equals(answer.path("reply").path("status").asText())) throw new IOException("cell failed: " + answer);
        return answer;
    }

    private static double ms(JsonNode answer) throws IOException {
        return ok(answer).path("elapsed").asDouble() * 1000;
    }
}
