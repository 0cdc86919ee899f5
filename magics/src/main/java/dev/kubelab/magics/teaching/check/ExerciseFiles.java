package dev.kubelab.magics.teaching.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Exercises declared in YAML next to the notebooks, so workshop authors add them without Java:
 * {@code exercises/<notebook-id>.yaml} in the notebook's directory or its parent (or under $KUBELAB_EXERCISES or
 * -Dkubelab.exercises).
 *
 * <pre>
 * exercises:
 *   - id: scale-web
 *     title: {en: "Scale web to 3 replicas", ko: "web을 레플리카 3개로 늘리기"}
 *     expect:
 *       - {apiVersion: apps/v1, kind: Deployment, namespace: default, name: web,
 *          fields: {spec.replicas: "3"}, hint: {en: "kubectl scale …", ko: "kubectl scale …"}}
 *       - {kind: Pod, namespace: default, selector: app=web, count: 3, fields: {status.phase: Running}}
 *       - {kind: Namespace, name: scratch, absent: true}
 * </pre>
 */
public final class ExerciseFiles {
    private ExerciseFiles() {
    }

    /** Directories searched, in order. */
    public static List<Path> directories() {
        List<Path> dirs = new ArrayList<>();
        String env = System.getenv("KUBELAB_EXERCISES");
        if (env != null && !env.isBlank()) dirs.add(Path.of(env));
        String prop = System.getProperty("kubelab.exercises");
        if (prop != null && !prop.isBlank()) dirs.add(Path.of(prop));
        Path cwd = Path.of("").toAbsolutePath();
        dirs.add(cwd.resolve("exercises"));
        if (cwd.getParent() != null) dirs.add(cwd.getParent().resolve("exercises"));
        return dirs;
    }

    /** Every exercise in every file found, by id (first definition wins). */
    public static Map<String, Exercise> load() {
        Map<String, Exercise> all = new LinkedHashMap<>();
        for (Path dir : directories()) {
            if (!Files.isDirectory(dir)) continue;
            try (Stream<Path> files = Files.list(dir)) {
                for (Path f : files.filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml")).sorted().toList()) {
                    for (Exercise e : parse(f)) all.putIfAbsent(e.id(), e);
                }
            } catch (IOException e) {
                throw new IllegalArgumentException("cannot read " + dir + ": " + e.getMessage(), e);
            }
        }
        return all;
    }

    public static Optional<Exercise> find(String id) {
        return Optional.ofNullable(load().get(id));
    }

    static List<Exercise> parse(Path file) {
        JsonNode root;
        try {
            root = new YAMLMapper().readTree(file.toFile());
        } catch (IOException e) {
            throw new IllegalArgumentException(file + ": " + e.getMessage().lines().findFirst().orElse(""), e);
        }
        List<Exercise> out = new ArrayList<>();
        for (JsonNode x : root.path("exercises")) {
            String id = x.path("id").asText(null);
            if (id == null) throw new IllegalArgumentException(file + ": an exercise has no id");
            Exercise e = Exercise.named(id).title(text(x.path("title"), "en", id), text(x.path("title"), "ko", null));
            for (JsonNode c : x.path("expect")) e.expect(expectation(file, id, c));
            out.add(e);
        }
        return out;
    }

    private static Expectation expectation(Path file, String id, JsonNode c) {
        String kind = c.path("kind").asText(null);
        if (kind == null) throw new IllegalArgumentException(file + ": exercise " + id + ": an expectation has no kind");
        String apiVersion = c.path("apiVersion").asText("v1");
        String ns = c.path("namespace").asText(null);
        Expectation.Query q = c.has("name") ? Expectation.object(apiVersion, kind, ns, c.path("name").asText())
                : Expectation.selected(apiVersion, kind, ns, c.path("selector").asText(""));
        if (c.has("count")) q.count(c.path("count").asInt());
        if (c.path("absent").asBoolean(false)) q.absent();
        for (Iterator<Map.Entry<String, JsonNode>> it = c.path("fields").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> f = it.next();
            q.field(f.getKey(), f.getValue().asText());
        }
        JsonNode d = c.path("description");
        Expectation x = q.build(text(d, "en", null), text(d, "ko", null));
        return x.hint(text(c.path("hint"), "en", ""), text(c.path("hint"), "ko", null));
    }

    private static String text(JsonNode n, String lang, String dflt) {
        if (n.isTextual()) return n.asText();
        return n.path(lang).asText(dflt);
    }
}
