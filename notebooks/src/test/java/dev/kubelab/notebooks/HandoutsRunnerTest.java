package dev.kubelab.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * scripts/handouts.py catches what would make a handout wrong and says where: a notebook with a throwing cell and a
 * stale raises-exception tag, run on the real kernel, fails the run and the report names each cell with its output.
 * (The curriculum tests rely on this check; here it is shown to fail.)
 */
class HandoutsRunnerTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void aBrokenNotebookFailsTheRunNamingEachCellAndItsOutput(@TempDir Path tmp) throws Exception {
        Path root = tmp.resolve("repo");
        Files.createDirectories(root.resolve("notebooks/en"));
        ObjectNode nb = JSON.createObjectNode();
        nb.put("nbformat", 4).put("nbformat_minor", 4);
        nb.putObject("metadata").putObject("kubelab").put("lang", "en");
        ArrayNode cells = nb.putArray("cells");
        code(cells, "int replicas = 3;", false);
        code(cells, "throw new IllegalStateException(\"the demo broke: \" + replicas);", false);
        code(cells, "int fine = replicas * 2;", true);
        JSON.writeValue(root.resolve("notebooks/en/99-broken.ipynb").toFile(), nb);

        Handouts.Run run = Handouts.execute(root, tmp.resolve("out"), List.of("*"));

        assertThat(run.exitCode()).as(run.log()).isEqualTo(1);
        Handouts.Notebook broken = run.get("en", "99-broken.ipynb").orElseThrow();
        assertThat(broken.status()).isEqualTo("failed");
        assertThat(broken.problems()).extracting(p -> p.path("cell").asInt(), p -> p.path("problem").asText())
                .containsExactly(tuple(2, "unexpected error"),
                        tuple(3, "tagged raises-exception but did not fail"));
        JsonNode thrown = broken.problems().get(0);
        assertThat(thrown.path("output").asText()).contains("IllegalStateException", "the demo broke: 3");
        assertThat(broken.failures()).contains("en/99-broken.ipynb cell 2 (In [2]): unexpected error",
                "the demo broke: 3", "en/99-broken.ipynb cell 3 (In [3]): tagged raises-exception but did not fail");
        assertThat(run.log()).as("the console table").contains("en   99-broken.ipynb", "cell 2 unexpected error");
        assertThat(broken.html()).exists();
    }

    private static void code(ArrayNode cells, String source, boolean raisesException) {
        ObjectNode cell = cells.addObject();
        cell.put("cell_type", "code").put("source", source).putNull("execution_count");
        ObjectNode meta = cell.putObject("metadata");
        if (raisesException) {
            meta.putArray("tags").add("raises-exception");
        }
        cell.putArray("outputs");
    }
}
