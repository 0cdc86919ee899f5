package dev.kubelab.notebooks;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Handouts can be diffed across runs: the architecture notebook (a cluster, kubectl tables, a scheduled pod, a
 * Deployment, %components, %check) executed a second time on a fresh cluster gives the same outputs as in the shared
 * run once scripts/handout_diff.py has masked what changes every run (timestamps, durations, ports, generated names,
 * revisions). Its pod lands on the same node both times because handouts.py pins the scheduler's tie-breaking (the
 * pod is created once the cluster has settled, so the same ties come up in the same order).
 */
class HandoutDeterminismTest {

    @Test
    void aSecondRunOfANotebookDiffsCleanAgainstTheFirst(@TempDir Path tmp) throws Exception {
        String name = "01-architecture.ipynb";
        Handouts.Notebook first = Handouts.run().get("en", name).orElseThrow(() -> new AssertionError(Handouts.run().log()));
        assertThat(first.status()).as(first.failures()).isEqualTo("ok");

        Handouts.Run again = Handouts.execute(Handouts.ROOT, tmp.resolve("again"), List.of("en/" + name));
        Handouts.Notebook second = again.get("en", name).orElseThrow(() -> new AssertionError(again.log()));
        assertThat(second.status()).as(second.failures()).isEqualTo("ok");

        StringBuilder diff = new StringBuilder();
        int exit = Handouts.exec(List.of(System.getenv().getOrDefault("KUBELAB_PYTHON", "/usr/bin/python3"),
                Handouts.ROOT.resolve("scripts/handout_diff.py").toString(), first.executed().toString(),
                second.executed().toString()), null, diff);
        assertThat(exit).as("scripts/handout_diff.py of two runs of en/" + name + ":\n" + diff).isZero();
        assertThat(diff.toString()).contains("1 notebook(s) compared, 0 differ");
    }
}
