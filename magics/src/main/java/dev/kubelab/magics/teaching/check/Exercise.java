package dev.kubelab.magics.teaching.check;

import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A learner's task checked against the live cluster: a named list of expectations, each with a hint shown when it
 * fails. Workshop authors declare exercises without Java in {@code exercises/<notebook-id>.yaml} next to the
 * notebooks ({@link ExerciseFiles}); Java cells can also build and register them:
 *
 * <pre>{@code
 * Exercise.named("scale-web")
 *         .title("Scale web to 3", "web을 3개로 늘리기")
 *         .expect(Expectation.object("apps/v1", "Deployment", "default", "web").field("spec.replicas", "3")
 *                 .hint("kubectl scale deployment web --replicas=3", "kubectl scale deployment web --replicas=3 을 실행하세요"))
 *         .register();
 * }</pre>
 * then {@code %check scale-web}.
 */
public final class Exercise {
    private static final Map<String, Exercise> REGISTERED = new ConcurrentHashMap<>();

    private final String id;
    private String titleEn;
    private String titleKo;
    private final List<Expectation> expectations = new ArrayList<>();

    private Exercise(String id) {
        this.id = Objects.requireNonNull(id);
        this.titleEn = id;
        this.titleKo = id;
    }

    public static Exercise named(String id) {
        return new Exercise(id);
    }

    public Exercise title(String en, String ko) {
        this.titleEn = en;
        this.titleKo = ko == null ? en : ko;
        return this;
    }

    public Exercise expect(Expectation e) {
        expectations.add(Objects.requireNonNull(e));
        return this;
    }

    /** Makes it available to {@code %check ID} in this kernel (replacing one of the same id). */
    public Exercise register() {
        REGISTERED.put(id, this);
        return this;
    }

    public static java.util.Optional<Exercise> registered(String id) {
        return java.util.Optional.ofNullable(REGISTERED.get(id));
    }

    public static java.util.Set<String> registeredIds() {
        return java.util.Collections.unmodifiableSet(REGISTERED.keySet());
    }

    public String id() {
        return id;
    }

    public String title(String lang) {
        return "ko".equals(lang) ? titleKo : titleEn;
    }

    public List<Expectation> expectations() {
        return List.copyOf(expectations);
    }

    /** Evaluates every expectation (each one independently; one failing does not hide the others). */
    public CheckResult check(KubernetesClient client) {
        List<CheckResult.Outcome> outcomes = new ArrayList<>();
        for (Expectation e : expectations) outcomes.add(e.evaluate(client));
        return new CheckResult(this, outcomes);
    }
}
