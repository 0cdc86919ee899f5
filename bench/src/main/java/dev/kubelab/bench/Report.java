package dev.kubelab.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Prints results as a table and writes them as JSON to target/bench/SUITE.json. */
final class Report {
    private Report() {
    }

    static void table(String suite, Map<String, List<Measurement>> results, PrintStream out) {
        out.printf("%n%s%n", suite);
        out.printf("%-12s %-60s %10s %10s %10s %-6s %s%n", "benchmark", "measurement", "median", "p90", "goal", "unit", "");
        results.forEach((bench, ms) -> {
            for (Measurement m : ms) {
                out.printf(Locale.ROOT, "%-12s %-60s %10.1f %10.1f %10s %-6s %s%n", bench, m.name(), m.median(), m.p90(),
                        m.goal() == null ? "-" : String.format(Locale.ROOT, (m.higherIsBetter() ? "≥" : "≤") + "%.0f", m.goal()), m.unit(),
                        m.goal() == null ? "" : m.meetsGoal() ? "ok" : "MISSED");
            }
        });
    }

    static Path json(Path root, String suite, Map<String, List<Measurement>> results) throws IOException {
        ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
        ObjectNode doc = mapper.createObjectNode();
        doc.put("suite", suite);
        doc.put("time", Instant.now().toString());
        doc.put("java", System.getProperty("java.version"));
        doc.put("cpus", Runtime.getRuntime().availableProcessors());
        ArrayNode list = doc.putArray("measurements");
        results.forEach((bench, ms) -> {
            for (Measurement m : ms) {
                ObjectNode n = list.addObject();
                n.put("benchmark", bench);
                n.put("name", m.name());
                n.put("unit", m.unit());
                n.put("median", m.median());
                n.put("p90", m.p90());
                if (m.goal() != null) {
                    n.put("goal", m.goal());
                    n.put("goalIs", m.higherIsBetter() ? "at least" : "at most");
                    n.put("meetsGoal", m.meetsGoal());
                }
                ArrayNode samples = n.putArray("samples");
                m.samples().forEach(samples::add);
            }
        });
        Path file = root.resolve("target").resolve("bench").resolve(suite + ".json");
        Files.createDirectories(file.getParent());
        mapper.writeValue(file.toFile(), doc);
        return file;
    }
}
