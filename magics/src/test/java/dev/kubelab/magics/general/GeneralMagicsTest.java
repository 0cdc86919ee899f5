package dev.kubelab.magics.general;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.kernel.driver.JupyterDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static dev.kubelab.kernel.driver.JupyterDriver.messages;
import static dev.kubelab.kernel.driver.JupyterDriver.streamText;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/** The general magics in a real kernel, driven by jupyter_client. */
class GeneralMagicsTest {
    static JupyterDriver kernel;
    static final Path M2 = Path.of(System.getProperty("user.home"), ".m2", "repository");

    @BeforeAll
    static void start() throws Exception {
        kernel = JupyterDriver.start(JupyterDriver.inProcessClasspathKernel(List.of("-Xmx256m", "-XX:+UseSerialGC")),
                JupyterDriver.root());
    }

    @AfterAll
    static void stop() throws Exception {
        kernel.close();
    }

    static String text(JsonNode answer) {
        assertThat(answer.path("reply").path("status").asText()).as(answer.toString()).isEqualTo("ok");
        List<JsonNode> r = messages(answer, "execute_result");
        return r.isEmpty() ? null : r.get(0).path("data").path("text/plain").asText();
    }

    @Test
    void mavenResolvesTransitivelyFromTheLocalRepository() throws Exception {
        assumeTrue(Files.exists(M2.resolve("org/apache/commons/commons-text/1.12.0/commons-text-1.12.0.jar")),
                "commons-text 1.12.0 in ~/.m2");
        // not on the kernel's classpath before
        assertThat(kernel.execute("org.apache.commons.text.WordUtils.class").path("reply").path("ename").asText())
                .isEqualTo("CompilationError");
        String added = text(kernel.execute("%maven --offline org.apache.commons:commons-text:1.12.0"));
        assertThat(added).contains("commons-text-1.12.0.jar", "commons-lang3-3.14.0.jar");
        // the artifact and its dependency (commons-lang3) are both usable
        assertThat(text(kernel.execute("org.apache.commons.text.WordUtils.capitalize(\"hello world\") + "
                + "org.apache.commons.lang3.StringUtils.repeat('!', 2)"))).isEqualTo("\"Hello World!!\"");
        assertThat(text(kernel.execute("%classpath"))).contains("commons-text-1.12.0.jar");
    }

    @Test
    void mavenReportsUnknownArtifactsInOneLine() throws Exception {
        JsonNode err = messages(kernel.execute("%maven --offline org.example.nothing:no-such-artifact:0.0.1"), "error").get(0);
        assertThat(err.path("ename").asText()).isEqualTo("MagicError");
        assertThat(err.path("evalue").asText()).startsWith("%maven: cannot resolve org.example.nothing:no-such-artifact:0.0.1")
                .doesNotContain("\n");
        JsonNode bad = messages(kernel.execute("%maven not-a-coordinate"), "error").get(0);
        assertThat(bad.path("evalue").asText()).contains("is not group:artifact:version");
    }

    @Test
    void jarsAddsGlobMatches(@TempDir Path dir) throws Exception {
        Path jar;
        try (Stream<Path> s = Files.walk(M2.resolve("org/apache/commons/commons-collections4"))) {
            jar = s.filter(p -> p.toString().endsWith(".jar") && !p.toString().contains("-sources")).findFirst().orElse(null);
        } catch (IOException e) {
            jar = null;
        }
        assumeTrue(jar != null, "a commons-collections4 jar in ~/.m2");
        Files.createDirectories(dir.resolve("lib"));
        Files.copy(jar, dir.resolve("lib").resolve("cc4.jar"));
        String added = text(kernel.execute("%jars " + dir.resolve("lib") + "/*.jar"));
        assertThat(added).contains("cc4.jar");
        assertThat(text(kernel.execute("new org.apache.commons.collections4.bag.HashBag<String>(List.of(\"a\", \"a\")).getCount(\"a\")")))
                .isEqualTo("2");
        JsonNode none = messages(kernel.execute("%jars " + dir + "/nothing-*.jar"), "error").get(0);
        assertThat(none.path("evalue").asText()).startsWith("%jars: no jar or directory matches");
    }

    @Test
    void langSwitchesTheLanguageMagicsAnswerIn() throws Exception {
        assertThat(text(kernel.execute("%lang ko"))).isEqualTo("ko");
        assertThat(text(kernel.execute("%lsmagic"))).contains("각 매직의 사용법");
        assertThat(text(kernel.execute("%lang en"))).isEqualTo("en");
        assertThat(text(kernel.execute("%lsmagic"))).contains("Usage of each magic");
        JsonNode err = messages(kernel.execute("%lang fr"), "error").get(0);
        assertThat(err.path("ename").asText()).isEqualTo("UsageError");
        assertThat(err.path("evalue").asText()).isEqualTo("%lang: unknown language 'fr': use ko or en");
    }

    @Test
    void timeRunsJavaAndReportsWallTime() throws Exception {
        JsonNode line = kernel.execute("%time LongStream.rangeClosed(1, 100).sum()");
        assertThat(text(line)).isEqualTo("5050");
        assertThat(streamText(line, "stdout")).matches("(?s)Wall time: \\d+\\.\\d ms\\n");
        JsonNode cell = kernel.execute("%%time\nint t = 6;\nt * 7");
        assertThat(text(cell)).isEqualTo("42");
        assertThat(streamText(cell, "stdout")).startsWith("Wall time: ");
        assertThat(text(kernel.execute("%time --help"))).startsWith("Usage: %time");
    }
}
