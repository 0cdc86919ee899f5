package dev.kubelab.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The notebooks as stored: ko and en run the same code, carry no outputs and name the kubelab kernel. */
class NotebookFilesTest {
    static final Path ROOT = Path.of(System.getProperty("kubelab.root", "..")).toAbsolutePath().normalize();
    static final ObjectMapper JSON = new ObjectMapper();

    static List<String> names(String lang) throws IOException {
        try (Stream<Path> s = Files.list(ROOT.resolve("notebooks").resolve(lang))) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".ipynb")).sorted().collect(Collectors.toList());
        }
    }

    static JsonNode read(String lang, String name) throws IOException {
        return JSON.readTree(ROOT.resolve("notebooks").resolve(lang).resolve(name).toFile());
    }

    static List<String> codeCells(JsonNode nb) {
        List<String> code = new ArrayList<>();
        for (JsonNode cell : nb.path("cells")) {
            if (cell.path("cell_type").asText().equals("code")) {
                StringBuilder sb = new StringBuilder();
                JsonNode src = cell.path("source");
                if (src.isArray()) {
                    src.forEach(l -> sb.append(l.asText()));
                } else {
                    sb.append(src.asText());
                }
                code.add(sb.toString());
            }
        }
        return code;
    }

    @Test
    void koAndEnHaveTheSameNotebooksAndIdenticalCodeCells() throws IOException {
        assertThat(names("ko")).isEqualTo(names("en")).contains("00-welcome.ipynb");
        for (String name : names("ko")) {
            assertThat(codeCells(read("ko", name))).as(name).isEqualTo(codeCells(read("en", name))).isNotEmpty();
        }
    }

    @Test
    void notebooksAreStoredWithoutOutputsAndNameTheKernel() throws IOException {
        for (String lang : List.of("ko", "en")) {
            for (String name : names(lang)) {
                JsonNode nb = read(lang, name);
                assertThat(nb.path("metadata").path("kernelspec").path("name").asText()).as(name).isEqualTo("kubelab");
                assertThat(nb.path("metadata").path("language_info").path("name").asText()).isEqualTo("java");
                assertThat(nb.path("metadata").path("kubelab").path("lang").asText()).isEqualTo(lang);
                for (JsonNode cell : nb.path("cells")) {
                    if (cell.path("cell_type").asText().equals("code")) {
                        assertThat(cell.path("outputs").size()).as(lang + "/" + name + " outputs").isZero();
                        assertThat(cell.path("execution_count").isNull()).as(lang + "/" + name + " execution_count").isTrue();
                    }
                }
            }
        }
    }
}
