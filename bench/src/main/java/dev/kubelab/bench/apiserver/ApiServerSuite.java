package dev.kubelab.bench.apiserver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.bench.BenchContext;
import dev.kubelab.bench.Benchmark;
import dev.kubelab.bench.Measurement;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code ./kubelab bench apiserver}: {@link ApiServerBenchmark} run through the bench framework. Its rows become
 * {@link Measurement}s (goals "≤ X" as ceilings, "≥ X" as floors); the full result with notes is also kept as
 * target/bench/apiserver-detail.json.
 */
public final class ApiServerSuite implements Benchmark {
    @Override
    public String suite() {
        return "apiserver";
    }

    @Override
    public String name() {
        return "apiserver";
    }

    @Override
    public List<Measurement> run(BenchContext context) throws Exception {
        ObjectNode result = ApiServerBenchmark.run(context.root());
        Path detail = context.root().resolve("target/bench/apiserver-detail.json");
        Files.createDirectories(detail.getParent());
        new ObjectMapper().writerWithDefaultPrettyPrinter().writeValue(detail.toFile(), result);
        List<Measurement> out = new ArrayList<>();
        for (JsonNode row : result.path("measurements")) out.add(measurement(row));
        return out;
    }

    static Measurement measurement(JsonNode row) {
        String name = row.path("measurement").asText();
        String unit = row.path("unit").asText();
        List<Double> samples = List.of(row.path("value").asDouble());
        String goal = row.path("goal").asText("").trim();
        if (goal.isEmpty()) return new Measurement(name, unit, samples, null);
        double limit = Double.parseDouble(goal.substring(1).trim());
        return goal.startsWith("≥") ? Measurement.atLeast(name, unit, samples, limit) : new Measurement(name, unit, samples, limit);
    }
}
