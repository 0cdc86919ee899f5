package dev.kubelab.apiserver.registry.batch.cronjob;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The standard cron schedule parser kube-apiserver validates CronJob schedules with (robfig/cron/v3
 * ParseStandard): five fields or a descriptor such as {@code @hourly}; errors worded as that library words them.
 */
public final class CronSchedule {

    private record Bounds(int min, int max, Map<String, Integer> names) {}

    private static final Bounds MINUTES = new Bounds(0, 59, Map.of());
    private static final Bounds HOURS = new Bounds(0, 23, Map.of());
    private static final Bounds DOM = new Bounds(1, 31, Map.of());
    private static final Bounds MONTHS = new Bounds(1, 12, Map.ofEntries(Map.entry("jan", 1), Map.entry("feb", 2),
            Map.entry("mar", 3), Map.entry("apr", 4), Map.entry("may", 5), Map.entry("jun", 6), Map.entry("jul", 7),
            Map.entry("aug", 8), Map.entry("sep", 9), Map.entry("oct", 10), Map.entry("nov", 11), Map.entry("dec", 12)));
    private static final Bounds DOW = new Bounds(0, 6, Map.of("sun", 0, "mon", 1, "tue", 2, "wed", 3, "thu", 4,
            "fri", 5, "sat", 6));
    private static final Bounds[] FIELDS = {MINUTES, HOURS, DOM, MONTHS, DOW};

    private CronSchedule() {}

    /** The parse error, or empty when the schedule is valid. */
    public static Optional<String> validate(String spec) {
        String s = spec.trim();
        if (s.isEmpty()) return Optional.of("empty spec string");
        if (s.startsWith("TZ=") || s.startsWith("CRON_TZ=")) {
            int sp = s.indexOf(' ');
            if (sp < 0) return Optional.of("provided bad location " + s.substring(s.indexOf('=') + 1) + ": unknown time zone " + s.substring(s.indexOf('=') + 1));
            s = s.substring(sp + 1).trim();
        }
        if (s.startsWith("@")) return descriptor(s);
        String[] fields = s.split("\\s+");
        if (fields.length != 5) {
            return Optional.of("expected exactly 5 fields, found " + fields.length + ": [" + String.join(" ", fields) + "]");
        }
        for (int i = 0; i < 5; i++) {
            for (String expr : fields[i].split(",", -1)) {
                Optional<String> err = range(expr, FIELDS[i], i == 2 || i == 4);
                if (err.isPresent()) return err;
            }
        }
        return Optional.empty();
    }

    private static Optional<String> descriptor(String s) {
        switch (s) {
            case "@yearly", "@annually", "@monthly", "@weekly", "@daily", "@midnight", "@hourly":
                return Optional.empty();
            default:
        }
        if (s.startsWith("@every ")) {
            String d = s.substring(7).trim();
            return d.matches("([0-9]+(\\.[0-9]+)?(ns|us|µs|ms|s|m|h))+") ? Optional.empty()
                    : Optional.of("failed to parse duration " + s + ": time: invalid duration \"" + d + "\"");
        }
        return Optional.of("unrecognized descriptor: " + s);
    }

    private static Optional<String> range(String expr, Bounds b, boolean allowQuestion) {
        String[] rangeAndStep = expr.split("/", -1);
        String[] lowAndHigh = rangeAndStep[0].split("-", -1);
        boolean singleDigit = lowAndHigh.length == 1;
        int start;
        int end;
        if (lowAndHigh[0].equals("*") || (allowQuestion && lowAndHigh[0].equals("?"))) {
            start = b.min();
            end = b.max();
        } else {
            Object v = intOrName(lowAndHigh[0], b);
            if (v instanceof String err) return Optional.of(err);
            start = (Integer) v;
            if (lowAndHigh.length == 1) {
                end = start;
            } else if (lowAndHigh.length == 2) {
                Object e = intOrName(lowAndHigh[1], b);
                if (e instanceof String err) return Optional.of(err);
                end = (Integer) e;
            } else {
                return Optional.of("too many hyphens: " + expr);
            }
        }
        if (rangeAndStep.length == 2) {
            Object st = positiveInt(rangeAndStep[1]);
            if (st instanceof String err) return Optional.of(err);
            if ((Integer) st <= 0) return Optional.of("step of range should be a positive number: " + expr);
            if (singleDigit) end = b.max();
        } else if (rangeAndStep.length > 2) {
            return Optional.of("too many slashes: " + expr);
        }
        if (start < b.min()) return Optional.of("beginning of range (" + start + ") below minimum (" + b.min() + "): " + expr);
        if (end > b.max()) return Optional.of("end of range (" + end + ") above maximum (" + b.max() + "): " + expr);
        if (start > end) return Optional.of("beginning of range (" + start + ") beyond end of range (" + end + "): " + expr);
        return Optional.empty();
    }

    private static Object intOrName(String expr, Bounds b) {
        Integer named = b.names().get(expr.toLowerCase(Locale.ROOT));
        return named != null ? named : positiveInt(expr);
    }

    private static Object positiveInt(String expr) {
        try {
            int n = Integer.parseInt(expr);
            if (n < 0) return "negative number (" + n + ") not allowed: " + expr;
            return n;
        } catch (NumberFormatException e) {
            return "failed to parse int from " + expr + ": strconv.Atoi: parsing " + dev.kubelab.apiserver.validation.GoFormat.quote(expr) + ": invalid syntax";
        }
    }
}
