package dev.kubelab.cluster.binder;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kubelab.cluster.KubelabVersions;
import dev.kubelab.cluster.KubernetesVersion;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.w3c.dom.Document;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Binder configuration: the files parse, their versions agree with the pom, and postBuild's steps (everything
 * but the lines marked {@code # conda-only}) build the kernel and install its kernelspec into a fresh Python
 * environment's prefix — run on a copy of the repository, as Binder runs it on a fresh clone.
 */
class BinderFilesTest {
    static Path root;
    static Path binder;
    static Document pom;

    @BeforeAll
    static void locate() throws Exception {
        root = Path.of(System.getProperty("kubelab.root", "..")).toAbsolutePath().normalize();
        binder = root.resolve("binder");
        assertThat(binder.resolve("environment.yml")).exists();
        pom = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(root.resolve("pom.xml").toFile());
    }

    private static String pomProperty(String name) {
        return pom.getElementsByTagName(name).item(0).getTextContent().trim();
    }

    /** {@code name=version} pins of the conda dependencies. */
    private static Map<String, String> condaPins() throws IOException {
        JsonNode env = new ObjectMapper(new YAMLFactory()).readTree(binder.resolve("environment.yml").toFile());
        assertThat(env.path("channels").toString()).isEqualTo("[\"conda-forge\"]");
        Map<String, String> pins = new HashMap<>();
        for (JsonNode d : env.path("dependencies")) {
            String[] parts = d.asText().split("=", 2);
            pins.put(parts[0], parts.length > 1 ? parts[1] : "");
        }
        return pins;
    }

    @Test
    void environmentParsesAndAgreesWithThePom() throws IOException {
        Map<String, String> pins = condaPins();
        assertThat(pins).containsKeys("openjdk", "maven", "jupyterlab", "nbclient", "nbconvert", "etcd", "kubernetes-client", "kubernetes-server");
        assertThat(pins.get("openjdk")).isEqualTo(pomProperty("maven.compiler.release"));
        KubernetesVersion k8s = KubernetesVersion.parse(pomProperty("kubernetes.version"));
        assertThat(KubelabVersions.kubernetes()).isEqualTo(k8s);
        String minor = k8s.major() + "." + k8s.minor();
        assertThat(pins.get("kubernetes-server")).isEqualTo(minor);
        assertThat(pins.get("kubernetes-client")).isEqualTo(minor);
        // every package is pinned: a Binder build must be reproducible
        assertThat(pins.values()).allSatisfy(v -> assertThat(v).isNotBlank());
    }

    @Test
    void theReadmeBadgeLaunchesThisBinderSetupIntoTheNotebooks() throws IOException {
        String readme = Files.readString(root.resolve("README.md"));
        var m = java.util.regex.Pattern.compile("\\[!\\[Binder]\\(https://mybinder\\.org/badge_logo\\.svg\\)]"
                + "\\(https://mybinder\\.org/v2/gh/([\\w.-]+)/([\\w.-]+)/HEAD\\?urlpath=lab/tree/([\\w/.-]+)\\)").matcher(readme);
        assertThat(m.find()).as("a Binder badge in README.md").isTrue();
        assertThat(root.resolve(m.group(3))).isDirectory();
        assertThat(root.resolve(m.group(3)).resolve("en")).isDirectory();
        // binder/README.md documents the same badge
        assertThat(Files.readString(binder.resolve("README.md"))).contains(m.group(0));
    }

    @Test
    void scriptsAreExecutableAndValidBash() throws Exception {
        for (String script : List.of("postBuild", "start")) {
            Path p = binder.resolve(script);
            assertThat(Files.isExecutable(p)).as(script + " executable").isTrue();
            Result r = run(List.of("bash", "-n", p.toString()), root, Map.of());
            assertThat(r.code).as(script + ": " + r.output).isZero();
        }
        List<String> start = Files.readAllLines(binder.resolve("start"));
        assertThat(start.get(start.size() - 1)).isEqualTo("exec \"$@\"");
        // start must not force a provider: on Binder auto resolves to binaries
        Result env = run(List.of("bash", binder.resolve("start").toString(), "sh", "-c", "echo $KUBELAB_DEFAULT_PROVIDER"), root,
                Map.of("CONDA_PREFIX", "/srv/conda/envs/notebook"));
        assertThat(env.output.strip()).isEqualTo("auto");
    }

    @Test
    void postBuildBuildsTheKernelAndInstallsTheKernelspecOutsideConda(@TempDir Path tmp) throws Exception {
        Path repo = copyRepository(tmp.resolve("repo"));
        Path prefix = tmp.resolve("env");
        Result venv = run(List.of("/usr/bin/python3", "-m", "venv", "--without-pip", prefix.toString()), tmp, Map.of());
        assertThat(venv.code).as(venv.output).isZero();

        List<String> steps = Files.readAllLines(repo.resolve("binder/postBuild")).stream()
                .filter(l -> !l.strip().endsWith("# conda-only")).toList();
        assertThat(steps).anyMatch(l -> l.startsWith("mvn ")).anyMatch(l -> l.contains("kernelspec install --sys-prefix"));
        Path script = repo.resolve("binder/postBuild.outside-conda");
        Files.write(script, steps);
        Result r = run(List.of("bash", script.toString()), repo, Map.of("KUBELAB_PYTHON", prefix.resolve("bin/python").toString()));

        Path jar = repo.resolve("cli/target/kubelab.jar");
        assertThat(jar).as("the build step made the kernel jar: " + r.output).exists();
        if (r.code != 0) {
            Result help = run(List.of(javaBin(), "-jar", jar.toString(), "--help"), repo, Map.of());
            Assumptions.assumeTrue(help.output.contains("kernelspec"), "this build's kubelab.jar has no kernelspec command yet (branch kernel): " + r.output.strip());
        }
        assertThat(r.code).as(r.output).isZero();
        Path kernelJson = prefix.resolve("share/jupyter/kernels/kubelab/kernel.json");
        assertThat(kernelJson).exists();
        JsonNode spec = new ObjectMapper().readTree(kernelJson.toFile());
        List<String> argv = new ArrayList<>();
        spec.path("argv").forEach(a -> argv.add(a.asText()));
        assertThat(argv).contains("{connection_file}").anyMatch(a -> a.contains(jar.toString()));
        assertThat(Path.of(argv.get(0))).exists();
        assertThat(spec.path("display_name").asText()).isNotBlank();
    }

    /** The files Binder's clone would have: tracked and untracked-not-ignored files, no build output. */
    private static Path copyRepository(Path to) throws Exception {
        Result files = run(List.of("git", "ls-files", "-co", "--exclude-standard", "-z"), root, Map.of());
        assertThat(files.code).as(files.output).isZero();
        for (String f : files.output.split("\0")) {
            if (f.isEmpty() || f.contains("/target/")) continue;
            Path src = root.resolve(f);
            if (!Files.isRegularFile(src)) continue;
            Path dst = to.resolve(f);
            Files.createDirectories(dst.getParent());
            Files.copy(src, dst, StandardCopyOption.COPY_ATTRIBUTES);
        }
        return to;
    }

    private static String javaBin() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    record Result(int code, String output) {
    }

    private static Result run(List<String> cmd, Path dir, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true);
        pb.environment().putAll(env);
        Process p = pb.start();
        p.getOutputStream().close();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(10, TimeUnit.MINUTES)) {
            p.destroyForcibly();
            return new Result(124, out + "\n(timed out)");
        }
        return new Result(p.exitValue(), out.lines().limit(40).collect(Collectors.joining("\n")));
    }
}
