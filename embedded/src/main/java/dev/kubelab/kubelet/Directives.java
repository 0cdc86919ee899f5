package dev.kubelab.kubelet;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * Failure scripting for the simulated node, read from pod annotations. Only these annotations
 * change what happens to a container — image names, commands and tags are never interpreted.
 *
 * <p>{@code kubelab.dev/simulate} applies to every container of the pod;
 * {@code kubelab.dev/simulate.<container>} replaces it for one container. The value is a
 * comma-separated list of:
 * <ul>
 * <li>{@code image-pull-error} — every pull fails: ErrImagePull, then ImagePullBackOff with back-off</li>
 * <li>{@code crash-loop[=D]} — the process exits 1 after D (default 1 s); restarts with CrashLoopBackOff</li>
 * <li>{@code oom[=D]} — the process is OOMKilled (exit 137) after D</li>
 * <li>{@code exit-code=N} — the process exits N after its run time (makes it a completing container)</li>
 * <li>{@code run-for=D} — the process exits after D (makes it a completing container)</li>
 * <li>{@code run-forever} — never exits, even with restartPolicy Never/OnFailure</li>
 * <li>{@code slow-start=D} — Ready only D after it started</li>
 * <li>{@code not-ready} — the readiness probe never succeeds</li>
 * <li>{@code liveness-fail-after=D} — the liveness probe starts failing D after start: the kubelet kills and restarts it</li>
 * <li>{@code ignore-sigterm} — on deletion the process ignores SIGTERM and is killed (137) after the grace period</li>
 * </ul>
 * Durations: {@code 500ms}, {@code 10s}, {@code 2m}.
 */
public record Directives(boolean imagePullError, Duration crashAfter, boolean oom, Integer exitCode,
                         Duration runFor, boolean runForever, Duration slowStart, boolean notReady,
                         Duration livenessFailAfter, boolean ignoreSigterm) {

    public static final String ANNOTATION = "kubelab.dev/simulate";
    public static final Directives NONE = new Directives(false, null, false, null, null, false, null, false, null, false);

    /** The directives for one container of a pod with these annotations. */
    public static Directives forContainer(Map<String, String> annotations, String container) {
        if (annotations == null) {
            return NONE;
        }
        String value = annotations.get(ANNOTATION + "." + container);
        if (value == null) {
            value = annotations.get(ANNOTATION);
        }
        return value == null ? NONE : parse(value);
    }

    /**
     * Parses a directive list.
     *
     * @throws IllegalArgumentException with a one-line message naming the bad directive
     */
    public static Directives parse(String value) {
        boolean pull = false, oom = false, forever = false, notReady = false, ignoreTerm = false;
        Duration crash = null, runFor = null, slow = null, liveness = null;
        Integer exit = null;
        for (String raw : value.split(",")) {
            String item = raw.trim();
            if (item.isEmpty()) {
                continue;
            }
            int eq = item.indexOf('=');
            String key = eq < 0 ? item : item.substring(0, eq).trim();
            String arg = eq < 0 ? null : item.substring(eq + 1).trim();
            switch (key) {
                case "image-pull-error" -> pull = true;
                case "crash-loop" -> crash = arg == null ? Duration.ZERO : duration(item, arg);
                case "oom" -> {
                    oom = true;
                    crash = arg == null ? Duration.ZERO : duration(item, arg);
                }
                case "exit-code" -> exit = integer(item, arg);
                case "run-for" -> runFor = duration(item, arg);
                case "run-forever" -> forever = true;
                case "slow-start" -> slow = duration(item, arg);
                case "not-ready" -> notReady = true;
                case "liveness-fail-after" -> liveness = duration(item, arg);
                case "ignore-sigterm" -> ignoreTerm = true;
                default -> throw new IllegalArgumentException("unknown " + ANNOTATION + " directive \"" + item
                        + "\" (known: image-pull-error, crash-loop[=D], oom[=D], exit-code=N, run-for=D, run-forever,"
                        + " slow-start=D, not-ready, liveness-fail-after=D, ignore-sigterm)");
            }
        }
        return new Directives(pull, crash, oom, exit, runFor, forever, slow, notReady, liveness, ignoreTerm);
    }

    /** A crash-loop or oom directive was given; {@link #crashAfter} zero means "the timing default". */
    public boolean crashes() {
        return crashAfter != null;
    }

    public Optional<Duration> slowStartDelay() {
        return Optional.ofNullable(slowStart);
    }

    public OptionalInt exit() {
        return exitCode == null ? OptionalInt.empty() : OptionalInt.of(exitCode);
    }

    private static int integer(String item, String arg) {
        try {
            return Integer.parseInt(arg);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(ANNOTATION + " directive \"" + item + "\" needs an integer, e.g. exit-code=1");
        }
    }

    /** Parses {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}. */
    static Duration duration(String item, String arg) {
        if (arg != null) {
            try {
                if (arg.endsWith("ms")) {
                    return Duration.ofMillis(Long.parseLong(arg.substring(0, arg.length() - 2)));
                }
                long n = Long.parseLong(arg.substring(0, arg.length() - 1));
                switch (arg.charAt(arg.length() - 1)) {
                    case 's':
                        return Duration.ofSeconds(n);
                    case 'm':
                        return Duration.ofMinutes(n);
                    case 'h':
                        return Duration.ofHours(n);
                    default:
                        break;
                }
            } catch (RuntimeException ignored) {
                // fall through to the error below
            }
        }
        throw new IllegalArgumentException(ANNOTATION + " directive \"" + item + "\" needs a duration such as 500ms, 10s or 2m");
    }
}
