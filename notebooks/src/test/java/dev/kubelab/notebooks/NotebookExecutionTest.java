package dev.kubelab.notebooks;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The welcome notebooks end to end, whatever KUBELAB_CURRICULUM says: the shaded kubelab.jar installs its kernelspec
 * into a temporary JUPYTER_PATH and scripts/handouts.py executes both languages with nbclient (see {@link Handouts}),
 * as `./kubelab handouts` does.
 */
class NotebookExecutionTest {

    @Test
    void welcomeNotebooksRunWithoutErrorsAndSpeakTheirLanguage() throws Exception {
        Handouts.Run run = Handouts.run();
        for (String lang : List.of("ko", "en")) {
            Handouts.Notebook nb = run.get(lang, "00-welcome.ipynb").orElseThrow(() -> new AssertionError(run.log()));
            assertThat(nb.status()).as(nb.failures()).isEqualTo("ok");
            assertThat(nb.html()).exists();
            String executed = Files.readString(nb.executed(), StandardCharsets.UTF_8);
            assertThat(executed).as("a code cell's output").contains("\"output_type\"");
        }
        String koTime = Files.readString(run.get("ko", "00-welcome.ipynb").orElseThrow().executed(), StandardCharsets.UTF_8);
        assertThat(koTime).as("the kernel answers in the notebook's language").contains("실행 시간");
        assertThat(Handouts.OUT.resolve("index.html")).exists();
        assertThat(run.log()).contains("ko   00-welcome.ipynb", "en   00-welcome.ipynb");
    }
}
