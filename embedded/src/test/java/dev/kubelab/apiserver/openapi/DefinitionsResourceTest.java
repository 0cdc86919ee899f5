package dev.kubelab.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The bundled schema is exactly what the documented generator produces from the Java client's sources. */
class DefinitionsResourceTest {

    private static final Path ROOT = Path.of(System.getProperty("kubelab.root", "."));
    private static final Path SOURCES = Path.of(System.getProperty("user.home"),
            ".m2/repository/io/kubernetes/client-java-api/22.0.0/client-java-api-22.0.0-sources.jar");

    @Test
    void bundledResourceIsReproducible(@TempDir Path tmp) throws Exception {
        Path script = ROOT.resolve("embedded/tools/openapi/generate_definitions.py");
        Assumptions.assumeTrue(Files.exists(SOURCES), "client-java-api sources jar not in the local Maven repository");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/python3")) && Files.exists(script), "generator not runnable");
        Path out = tmp.resolve("definitions.json.gz");
        Process p = new ProcessBuilder("/usr/bin/python3", script.toString(), SOURCES.toString(), out.toString())
                .redirectErrorStream(true).start();
        String log = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(log).isZero();
        try (InputStream bundled = new GZIPInputStream(Definitions.class.getResourceAsStream("definitions.json.gz"));
             InputStream fresh = new GZIPInputStream(Files.newInputStream(out))) {
            assertThat(new String(bundled.readAllBytes())).isEqualTo(new String(fresh.readAllBytes()));
        }
    }

    @Test
    void everyServedKindHasADefinition() {
        for (ServedApis api : ServedApis.ALL) {
            assertThat(Definitions.get().nameOf(api.group(), api.version(), api.kind())).as(api.kind()).isPresent();
            assertThat(Definitions.get().nameOf(api.group(), api.version(), api.kind() + "List")).as(api.kind() + "List").isPresent();
        }
    }
}
