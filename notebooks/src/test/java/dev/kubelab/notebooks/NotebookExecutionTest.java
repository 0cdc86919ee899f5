package dev.kubelab.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The welcome notebooks end to end: the shaded kubelab.jar installs its kernelspec into a temporary JUPYTER_PATH and
 * scripts/handouts.py executes both notebooks with nbclient, as `./kubelab handouts` does.
 */
class NotebookExecutionTest {
    static final Path ROOT = NotebookFilesTest.ROOT;

    @Test
    void welcomeNotebooksRunWithoutErrors(@TempDir Path tmp) throws Exception {
        Path jar = ROOT.resolve("cli/target/kubelab.jar");
        assertThat(jar).as("the reactor builds cli before notebooks").exists();
        Path prefix = tmp.resolve("jupyter");
        run(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-jar", jar.toString(),
                "kernelspec", "install", "--prefix", prefix.toString(), "--no-cds"), null);
        JsonNode spec = new ObjectMapper().readTree(prefix.resolve("share/jupyter/kernels/kubelab/kernel.json").toFile());
        assertThat(spec.path("argv").toString()).contains(jar.toString());

        String python = System.getenv().getOrDefault("KUBELAB_PYTHON", "/usr/bin/python3");
        Path out = tmp.resolve("handouts");
        String log = run(List.of(python, ROOT.resolve("scripts/handouts.py").toString(), "--root", ROOT.toString(),
                "--out", out.toString(), "--no-pdf", "00-welcome*"), prefix.resolve("share/jupyter").toString());
        assertThat(log).contains("ko   00-welcome.ipynb", "en   00-welcome.ipynb");
        for (String lang : List.of("ko", "en")) {
            JsonNode nb = new ObjectMapper().readTree(out.resolve(lang).resolve("00-welcome.ipynb").toFile());
            List<String> unexpected = new ArrayList<>();
            int executed = 0;
            for (JsonNode cell : nb.path("cells")) {
                if (!cell.path("cell_type").asText().equals("code")) {
                    continue;
                }
                executed += cell.path("execution_count").isInt() ? 1 : 0;
                boolean expected = cell.path("metadata").path("tags").toString().contains("raises-exception");
                for (JsonNode o : cell.path("outputs")) {
                    if (o.path("output_type").asText().equals("error") && !expected) {
                        unexpected.add(o.path("ename").asText() + ": " + o.path("evalue").asText());
                    }
                }
            }
            assertThat(unexpected).as(lang).isEmpty();
            assertThat(executed).as(lang + " executed cells").isEqualTo(NotebookFilesTest.codeCells(nb).size());
            assertThat(out.resolve(lang).resolve("00-welcome.html")).exists();
        }
        String koTime = Files.readString(out.resolve("ko/00-welcome.ipynb"), StandardCharsets.UTF_8);
        assertThat(koTime).as("the kernel answers in the notebook's language").contains("실행 시간");
        assertThat(out.resolve("index.html")).exists();
    }

    private static String run(List<String> cmd, String jupyterPath) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (jupyterPath != null) {
            pb.environment().put("JUPYTER_PATH", jupyterPath);
        }
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(600, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out;
    }
}
