package dev.kubelab.cluster.kind;

import dev.kubelab.cluster.audit.AuditLogFile.Chunk;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/** Reading the audit log inside a kind node: the exec'd script, run here by a real sh on a real file. */
class NodeAuditLogTest {
    @TempDir
    Path tmp;

    @Test
    void theNodeScriptReadsExactlyTheBytesFromTheOffset() throws Exception {
        Path log = tmp.resolve("audit.log");
        assertThat(runScript(log, 0)).isEqualTo(new Chunk(0, "")); // missing file
        Files.writeString(log, "first line\nsecond line\n");
        assertThat(runScript(log, 0)).isEqualTo(new Chunk(23, "first line\nsecond line\n"));
        assertThat(runScript(log, 11)).isEqualTo(new Chunk(23, "second line\n"));
        assertThat(runScript(log, 23)).isEqualTo(new Chunk(23, ""));
        assertThat(runScript(log, Long.MAX_VALUE)).isEqualTo(new Chunk(23, ""));
        assertThat(runScript(log, 40)).isEqualTo(new Chunk(23, "")); // rotated: the caller starts over
    }

    /** The script a kind node runs, run by this machine's sh (the node image's is a POSIX sh with coreutils too). */
    private static Chunk runScript(Path log, long offset) throws Exception {
        Process p = new ProcessBuilder("sh", "-c", NodeAuditLog.script(log.toString(), offset)).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).isZero();
        return NodeAuditLog.chunk(out);
    }

}
