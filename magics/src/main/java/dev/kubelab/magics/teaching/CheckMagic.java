package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicCompleter;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicUsageException;
import dev.kubelab.magics.teaching.check.Exercise;
import dev.kubelab.magics.teaching.check.ExerciseFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * {@code %check EXERCISE}: verifies a learner's task on the live cluster, ✓/✗ per condition with a hint. Exercises
 * come from Java ({@code Exercise.named(..)...register()}) or from {@code exercises/*.yaml} next to the notebooks.
 */
@Command(name = "check", description = "Check an exercise against the live cluster: ✓ or ✗ per condition, with hints.",
        footer = {"", "Examples: %%check scale-web", "          %%check --list",
                "Exercises: exercises/<notebook-id>.yaml next to the notebooks, or Exercise.named(\"id\")...register() in Java."})
public final class CheckMagic implements Magic, MagicCompleter {
    @Parameters(arity = "0..1", paramLabel = "EXERCISE", description = "The exercise id.")
    String id;
    @Option(names = "--list", description = "List the exercises known here.")
    boolean list;

    @Override
    public Object run(MagicContext context) {
        if (list || id == null) {
            if (!list) throw new MagicUsageException(context.text("%check: 연습 문제 id 를 주세요 (목록: %check --list)",
                    "%check: give an exercise id (see %check --list)"));
            List<String> ids = ids();
            return MimeBundle.text(ids.isEmpty() ? context.text("연습 문제가 없습니다 (찾은 위치: ", "no exercises found (looked in: ")
                    + ExerciseFiles.directories() + ")" : String.join("\n", ids));
        }
        Optional<Exercise> exercise = Exercise.registered(id).or(() -> load(context, id));
        if (exercise.isEmpty()) {
            throw new MagicUsageException(context.text("%check: 연습 문제 '" + id + "' 가 없습니다 (목록: %check --list)",
                    "%check: no exercise '" + id + "' (see %check --list)"));
        }
        Cluster cluster = ClusterSession.require(context);
        return exercise.get().check(cluster.client()).in(context.language());
    }

    private static Optional<Exercise> load(MagicContext context, String id) {
        try {
            return ExerciseFiles.find(id);
        } catch (IllegalArgumentException e) {
            throw new MagicUsageException("%check: " + ClusterSession.oneLine(e.getMessage()));
        }
    }

    private static List<String> ids() {
        TreeSet<String> all = new TreeSet<>(Exercise.registeredIds());
        try {
            all.addAll(ExerciseFiles.load().keySet());
        } catch (IllegalArgumentException ignored) {
            // a broken file is reported when its exercise is checked
        }
        return new ArrayList<>(all);
    }

    @Override
    public List<String> complete(MagicContext context, List<String> previousArgs, String prefix) {
        return ids();
    }
}
