package dev.kubelab.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The notebooks executed once per test JVM by scripts/handouts.py — the code behind `./kubelab handouts` — so that the
 * execution, welcome and rendering tests read the same executed notebooks, HTML handouts and report. Output (kept for
 * inspection): notebooks/target/handouts/{ko,en}/, report.json, handouts.log.
 *
 * <p>{@code KUBELAB_CURRICULUM} picks what runs: {@code all} (default, what `./kubelab test` and CI run), {@code en},
 * {@code ko}, or {@code none} (a developer's quick run). The {@link #ALWAYS} notebooks run in every case.
 */
final class Handouts {
    static final Path ROOT = NotebookFilesTest.ROOT;
    static final Path OUT = ROOT.resolve("notebooks/target/handouts");
    static final List<String> LANGS = List.of("ko", "en");
    /** The welcome notebooks (NotebookExecutionTest) and the two whose handouts carry diagrams (HandoutRenderingTest). */
    static final List<String> ALWAYS = List.of("ko/00-welcome", "en/00-welcome", "en/01-architecture", "en/08-pod-creation-flow");

    /** One row of handouts.py's report. {@code problems} holds one JSON object per faulty cell, {@code text} says it all. */
    record Notebook(String lang, String name, String status, String reason, double seconds, String kernelProblem,
                    List<JsonNode> problems, Path executed, Path html) {
        boolean waiting() {
            return status.equals("waiting");
        }

        /** The notebook, each faulty cell and that cell's output — what a failing test prints. */
        String failures() {
            StringBuilder sb = new StringBuilder();
            if (kernelProblem != null) {
                sb.append(lang).append('/').append(name).append(": ").append(kernelProblem).append('\n');
            }
            problems.forEach(p -> sb.append(p.path("text").asText()).append('\n'));
            return sb.toString();
        }
    }

    /** What one handouts.py run produced; {@code log} is its console output (the per-notebook table). */
    record Run(Map<String, Notebook> notebooks, String log, int exitCode) {
        Optional<Notebook> get(String lang, String name) {
            return Optional.ofNullable(notebooks.get(lang + "/" + name));
        }
    }

    private static Run run;

    private Handouts() {}

    /** Languages the curriculum test covers, from KUBELAB_CURRICULUM. */
    static List<String> curriculumLanguages() {
        String which = System.getenv().getOrDefault("KUBELAB_CURRICULUM", "all").trim();
        switch (which) {
            case "":
            case "all":
                return LANGS;
            case "en":
            case "ko":
                return List.of(which);
            case "none":
                return List.of();
            default:
                throw new IllegalArgumentException("KUBELAB_CURRICULUM=" + which + ": use all, en, ko or none");
        }
    }

    /** The shared run, executed on first use. */
    static synchronized Run run() {
        if (run == null) {
            List<String> selectors = new ArrayList<>();
            curriculumLanguages().forEach(lang -> selectors.add(lang + "/*"));
            selectors.addAll(ALWAYS);
            run = execute(ROOT, OUT, selectors);
        }
        return run;
    }

    /**
     * Runs scripts/handouts.py on the notebooks under {@code root}/notebooks with the kernelspec of the reactor's
     * kubelab.jar, writing into {@code out}; its console output also goes to {@code out}/handouts.log.
     */
    static Run execute(Path root, Path out, List<String> selectors) {
        try {
            Files.createDirectories(out);
            Path jar = ROOT.resolve("cli/target/kubelab.jar");
            if (!Files.exists(jar)) {
                throw new IllegalStateException(jar + " is missing: the reactor builds cli before notebooks (mvn -pl notebooks -am)");
            }
            Path prefix = out.resolve("jupyter");
            String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
            exec(List.of(java, "-jar", jar.toString(), "kernelspec", "install", "--prefix", prefix.toString(), "--no-cds"),
                    null, null);
            Path report = out.resolve("report.json");
            Files.deleteIfExists(report);
            List<String> cmd = new ArrayList<>(List.of(System.getenv().getOrDefault("KUBELAB_PYTHON", "/usr/bin/python3"),
                    ROOT.resolve("scripts/handouts.py").toString(), "--root", root.toString(), "--out", out.toString(),
                    "--no-pdf", "--report", report.toString()));
            cmd.addAll(selectors);
            StringBuilder log = new StringBuilder();
            int exit = exec(cmd, prefix.resolve("share/jupyter").toString(), log);
            Files.writeString(out.resolve("handouts.log"), log, StandardCharsets.UTF_8);
            if (!Files.exists(report)) {
                throw new IllegalStateException("handouts.py wrote no report (exit " + exit + "):\n" + log);
            }
            Map<String, Notebook> notebooks = new LinkedHashMap<>();
            for (JsonNode n : new ObjectMapper().readTree(report.toFile()).path("notebooks")) {
                List<JsonNode> problems = new ArrayList<>();
                n.path("problems").forEach(problems::add);
                Notebook nb = new Notebook(n.path("lang").asText(), n.path("notebook").asText(), n.path("status").asText(),
                        n.path("reason").asText(null), n.path("seconds").asDouble(), n.path("kernel_problem").asText(null),
                        problems, path(n, "executed"), path(n, "html"));
                notebooks.put(nb.lang() + "/" + nb.name(), nb);
            }
            return new Run(notebooks, log.toString(), exit);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Path path(JsonNode n, String field) {
        return n.hasNonNull(field) ? Path.of(n.get(field).asText()) : null;
    }

    /**
     * Runs a command, echoing its output line by line (the table grows as notebooks finish) and collecting it into
     * {@code log}; returns the exit code. Without a log, a non-zero exit fails.
     */
    static int exec(List<String> cmd, String jupyterPath, StringBuilder log) throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        if (jupyterPath != null) {
            pb.environment().put("JUPYTER_PATH", jupyterPath);
        }
        Process p = pb.start();
        try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line; (line = r.readLine()) != null; ) {
                System.out.println(line);
                if (log != null) {
                    log.append(line).append('\n');
                }
            }
        }
        // the output ended, so the process is exiting; the bound only guards against a wedged exit
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " did not exit");
        }
        if (log == null && p.exitValue() != 0) {
            throw new IllegalStateException(String.join(" ", cmd) + " failed with exit code " + p.exitValue());
        }
        return p.exitValue();
    }
}
