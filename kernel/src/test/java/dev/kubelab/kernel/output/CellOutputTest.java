package dev.kubelab.kernel.output;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class CellOutputTest {

    @Test
    void utf8CharactersSplitAcrossWritesAreNotBroken() {
        byte[] han = "한".getBytes(StandardCharsets.UTF_8);
        assertThat(CellOutput.completeUtf8Prefix(new byte[]{'a', han[0], han[1]})).isEqualTo(1);
        assertThat(CellOutput.completeUtf8Prefix(new byte[]{'a', han[0], han[1], han[2]})).isEqualTo(4);
        assertThat(CellOutput.completeUtf8Prefix("abc".getBytes(StandardCharsets.UTF_8))).isEqualTo(3);
    }

    @Test
    void capsEachCellAndResetsForTheNext() {
        List<String[]> sent = new ArrayList<>();
        try (CellOutput out = new CellOutput(100)) {
            out.begin((name, text) -> sent.add(new String[]{name, text}));
            for (int i = 0; i < 50; i++) {
                out.stdout().print("0123456789");
            }
            out.end();
            String stdout = sent.stream().filter(s -> s[0].equals("stdout")).map(s -> s[1]).reduce("", String::concat);
            String stderr = sent.stream().filter(s -> s[0].equals("stderr")).map(s -> s[1]).reduce("", String::concat);
            assertThat(stdout).hasSize(100);
            assertThat(stderr).contains("output truncated", "400 more bytes were discarded");
            sent.clear();
            out.begin((name, text) -> sent.add(new String[]{name, text}));
            out.stdout().print("한글 ok");
            out.end();
            assertThat(sent).hasSize(1);
            assertThat(sent.get(0)[1]).isEqualTo("한글 ok");
        }
    }
}
