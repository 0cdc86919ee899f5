package dev.kubelab.notebooks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The curriculum notebooks (01 onwards) as a teacher expects them: learning goals first, an auto-checked exercise with
 * hints and a separate, collapsed solution, a recap at the end, one cluster per notebook, Korean prose in ko and English
 * prose in en, every %check backed by an exercise file, and the notebooks in step with their generator's sources.
 */
class CurriculumStructureTest {
    static final Path ROOT = NotebookFilesTest.ROOT;
    static final Path EXERCISES = ROOT.resolve("notebooks/exercises");
    static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    static final Pattern CHECK = Pattern.compile("(?m)^\\s*%check\\s+(\\S+)\\s*$");
    static final Pattern HANGUL = Pattern.compile("[\\uAC00-\\uD7A3]");

    static List<String> curriculum() throws IOException {
        List<String> names = NotebookFilesTest.names("en").stream().filter(n -> !n.startsWith("00-")).collect(Collectors.toList());
        assertThat(names).as("notebooks 01-11").hasSize(11);
        return names;
    }

    static String text(JsonNode cell) {
        JsonNode src = cell.path("source");
        if (!src.isArray()) {
            return src.asText();
        }
        StringBuilder sb = new StringBuilder();
        src.forEach(l -> sb.append(l.asText()));
        return sb.toString();
    }

    static List<JsonNode> cells(JsonNode nb, String type) {
        List<JsonNode> out = new ArrayList<>();
        nb.path("cells").forEach(c -> {
            if (c.path("cell_type").asText().equals(type)) {
                out.add(c);
            }
        });
        return out;
    }

    static boolean tagged(JsonNode cell, String tag) {
        for (JsonNode t : cell.path("metadata").path("tags")) {
            if (t.asText().equals(tag)) {
                return true;
            }
        }
        return false;
    }

    @Test
    void everyNotebookOpensWithGoalsAndEndsWithARecap() throws IOException {
        for (String lang : List.of("ko", "en")) {
            String goals = lang.equals("ko") ? "## 학습 목표" : "## Learning goals";
            String recap = lang.equals("ko") ? "## 정리" : "## Recap";
            for (String name : curriculum()) {
                List<JsonNode> md = cells(NotebookFilesTest.read(lang, name), "markdown");
                String first = text(md.get(0));
                assertThat(first).as(lang + "/" + name + " title").startsWith("# " + name.substring(0, 2) + ". ");
                assertThat(first).as(lang + "/" + name + " goals").contains(goals);
                assertThat(first.lines().filter(l -> l.startsWith("- ")).count()).as(lang + "/" + name + " goal items").isGreaterThanOrEqualTo(3);
                assertThat(text(md.get(md.size() - 1))).as(lang + "/" + name + " recap").startsWith(recap);
            }
        }
    }

    @Test
    void everyNotebookHasACheckedExerciseWithHintsAndAHiddenSolution() throws IOException {
        for (String lang : List.of("ko", "en")) {
            for (String name : curriculum()) {
                JsonNode nb = NotebookFilesTest.read(lang, name);
                String where = lang + "/" + name;
                List<JsonNode> all = new ArrayList<>();
                nb.path("cells").forEach(all::add);
                int checkAt = -1;
                for (int i = 0; i < all.size(); i++) {
                    if (all.get(i).path("cell_type").asText().equals("code") && CHECK.matcher(text(all.get(i))).find()) {
                        checkAt = i;
                        break;
                    }
                }
                assertThat(checkAt).as(where + " has a %check cell").isPositive();
                int exerciseAt = -1;
                for (int i = checkAt; i >= 0; i--) {
                    if (all.get(i).path("cell_type").asText().equals("markdown") && text(all.get(i)).startsWith("## ✏️")) {
                        exerciseAt = i;
                        break;
                    }
                }
                assertThat(exerciseAt).as(where + " introduces its exercise").isNotNegative();
                String task = text(all.get(exerciseAt));
                assertThat(task).as(where + " hints").contains("<details><summary>");
                List<JsonNode> between = all.subList(exerciseAt + 1, checkAt + 1);
                assertThat(between.stream().anyMatch(c -> c.path("cell_type").asText().equals("code") && text(c).isBlank()))
                        .as(where + " leaves an empty cell for the learner").isTrue();
                assertThat(between.stream().anyMatch(c -> tagged(c, "solution")
                        && c.path("metadata").path("jupyter").path("source_hidden").asBoolean()))
                        .as(where + " has a collapsed solution cell between the task and %check").isTrue();
            }
        }
    }

    @Test
    void everyNotebookStartsItsOwnClusterAndTearsItDown() throws IOException {
        for (String name : curriculum()) {
            List<JsonNode> code = cells(NotebookFilesTest.read("en", name), "code");
            assertThat(text(code.get(0))).as(name + " first code cell").startsWith("%cluster up");
            assertThat(text(code.get(code.size() - 1))).as(name + " last code cell").isEqualTo("%cluster down");
        }
    }

    @Test
    void koreanNotebooksAreWrittenInKoreanAndEnglishOnesInEnglish() throws IOException {
        for (String name : curriculum()) {
            for (JsonNode cell : cells(NotebookFilesTest.read("ko", name), "markdown")) {
                assertThat(HANGUL.matcher(text(cell)).find()).as("ko/" + name + ": " + text(cell).lines().findFirst().orElse("")).isTrue();
            }
            for (JsonNode cell : cells(NotebookFilesTest.read("en", name), "markdown")) {
                assertThat(HANGUL.matcher(text(cell)).find()).as("en/" + name + ": " + text(cell).lines().findFirst().orElse("")).isFalse();
            }
        }
    }

    /** Exercises by id, from the notebook-named files in notebooks/exercises (the format %check reads). */
    static java.util.Map<String, JsonNode> exercisesById() throws IOException {
        java.util.Map<String, JsonNode> byId = new java.util.TreeMap<>();
        try (Stream<Path> files = Files.list(EXERCISES)) {
            for (Path file : files.filter(p -> p.toString().endsWith(".yaml")).sorted().collect(Collectors.toList())) {
                String notebook = file.getFileName().toString().replace(".yaml", "");
                assertThat(ROOT.resolve("notebooks/en/" + notebook + ".ipynb")).as(file + " is named after a notebook").exists();
                for (JsonNode ex : YAML.readTree(file.toFile()).path("exercises")) {
                    String id = ex.path("id").asText();
                    assertThat(id).as(file + ": id starts with the notebook number").startsWith(notebook.substring(0, 3));
                    assertThat(byId.put(id, ex)).as("exercise id " + id + " declared once").isNull();
                }
            }
        }
        return byId;
    }

    @Test
    void everyCheckedExerciseIsDeclaredForItsNotebook() throws IOException {
        java.util.Map<String, JsonNode> declared = exercisesById();
        Set<String> used = new HashSet<>();
        for (String name : curriculum()) {
            for (JsonNode cell : cells(NotebookFilesTest.read("en", name), "code")) {
                Matcher m = CHECK.matcher(text(cell));
                while (m.find()) {
                    String id = m.group(1);
                    used.add(id);
                    assertThat(id).as(name + " exercise id starts with the notebook number").startsWith(name.substring(0, 3));
                    assertThat(declared).as("%check " + id + " in " + name).containsKey(id);
                }
            }
        }
        assertThat(declared.keySet()).as("every declared exercise is used by a notebook").isEqualTo(used);
    }

    @Test
    void exerciseFilesFollowTheFormat() throws IOException {
        for (java.util.Map.Entry<String, JsonNode> e : exercisesById().entrySet()) {
            String id = e.getKey();
            JsonNode ex = e.getValue();
            assertThat(ex.path("title").path("ko").asText()).as(id + " ko title").isNotBlank();
            assertThat(ex.path("title").path("en").asText()).as(id + " en title").isNotBlank();
            assertThat(ex.path("expect").size()).as(id + " expectations").isPositive();
            for (JsonNode c : ex.path("expect")) {
                assertThat(c.path("kind").asText()).as(id + " kind").isNotBlank();
                assertThat(c.has("name") ^ c.has("selector")).as(id + ": name or selector").isTrue();
                assertThat(c.has("count") && !c.has("selector")).as(id + ": count needs a selector").isFalse();
                assertThat(c.path("absent").asBoolean() && c.has("fields")).as(id + ": absent has no fields").isFalse();
                for (String lang : List.of("ko", "en")) {
                    assertThat(c.path("description").path(lang).asText()).as(id + " description." + lang).isNotBlank();
                    assertThat(c.path("hint").path(lang).asText()).as(id + " hint." + lang).isNotBlank();
                }
                c.path("fields").fieldNames().forEachRemaining(path ->
                        assertThat(path).as(id + " field path (dotted, [index] only)").matches("[A-Za-z][\\w-]*(\\[\\d+])?(\\.[A-Za-z][\\w-]*(\\[\\d+])?)*"));
            }
        }
    }

    @Test
    void coverageTableNamesEveryNotebook() throws IOException {
        String coverage = Files.readString(ROOT.resolve("notebooks/COVERAGE.md"), StandardCharsets.UTF_8);
        for (String name : curriculum()) {
            assertThat(coverage).as("COVERAGE.md mentions " + name).contains(name.replace(".ipynb", ""));
        }
    }

    @Test
    void storedNotebooksMatchTheirGeneratorSources() throws Exception {
        String python = System.getenv().getOrDefault("KUBELAB_PYTHON", "/usr/bin/python3");
        Process p = new ProcessBuilder(python, ROOT.resolve("notebooks/tools/build_notebooks.py").toString(), "--check")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
    }
}
