package dev.kubelab.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class KernelSpecTest {

    @Test
    void writesKernelJsonWithAbsoluteJarAndChosenFlags(@TempDir Path dir) throws Exception {
        Path jar = dir.resolve("kubelab.jar");
        Path java = Path.of("/opt/jdk/bin/java");
        Path written = KernelSpec.write(KernelSpec.kernelsUnderPrefix(dir.resolve("env")), "kubelab",
                KernelSpec.json(java, jar, dir.resolve("kubelab.jsa")));
        assertThat(written).isEqualTo(dir.resolve("env/share/jupyter/kernels/kubelab"));
        JsonNode spec = new ObjectMapper().readTree(written.resolve("kernel.json").toFile());
        assertThat(spec.path("display_name").asText()).isEqualTo("Java · Kubernetes lab");
        assertThat(spec.path("language").asText()).isEqualTo("java");
        assertThat(spec.path("interrupt_mode").asText()).isEqualTo("message");
        List<String> argv = new ArrayList<>();
        spec.path("argv").forEach(a -> argv.add(a.asText()));
        assertThat(argv.get(0)).isEqualTo("/opt/jdk/bin/java");
        assertThat(argv).contains("-Xmx768m", "-XX:+UseSerialGC", "-XX:SharedArchiveFile=" + dir.resolve("kubelab.jsa"));
        assertThat(argv.subList(argv.size() - 4, argv.size()))
                .containsExactly("-jar", jar.toAbsolutePath().toString(), "kernel", "{connection_file}");
    }

    @Test
    void withoutArchiveNoSharingFlags() {
        @SuppressWarnings("unchecked")
        List<String> argv = (List<String>) KernelSpec.json(Path.of("java"), Path.of("/k.jar"), null).get("argv");
        assertThat(argv).noneMatch(a -> a.startsWith("-XX:SharedArchiveFile"));
    }

    @Test
    void userDataDirFollowsJupyterCore() {
        Path home = Path.of("/home/u");
        assertThat(KernelSpec.userDataDir(Map.of(), "Linux", home)).isEqualTo(Path.of("/home/u/.local/share/jupyter"));
        assertThat(KernelSpec.userDataDir(Map.of("XDG_DATA_HOME", "/x"), "Linux", home)).isEqualTo(Path.of("/x/jupyter"));
        assertThat(KernelSpec.userDataDir(Map.of("JUPYTER_DATA_DIR", "/j"), "Linux", home)).isEqualTo(Path.of("/j"));
        assertThat(KernelSpec.userDataDir(Map.of(), "Mac OS X", home)).isEqualTo(Path.of("/home/u/Library/Jupyter"));
    }

    @Test
    void installCommandWritesUnderPrefix(@TempDir Path dir) throws Exception {
        // from the classes directory there is no jar to point at: the command refuses with one line instead of writing a broken spec
        int code = Main.commandLine().execute("kernelspec", "install", "--prefix", dir.toString(), "--no-cds");
        assertThat(code).isNotZero();
        assertThat(Files.exists(dir.resolve("share/jupyter/kernels/kubelab/kernel.json"))).isFalse();
    }
}
