package dev.kubelab.controller.framework;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Parses Go {@code time.ParseDuration} strings such as {@code 1h30m}, {@code 40s}, {@code 500ms}. */
public final class GoDuration {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ns|us|µs|ms|s|m|h)");

    private GoDuration() {
    }

    public static Duration parse(String s) {
        if ("0".equals(s)) {
            return Duration.ZERO;
        }
        Matcher m = PART.matcher(s);
        long nanos = 0;
        int end = 0;
        while (m.find()) {
            if (m.start() != end) {
                break;
            }
            end = m.end();
            double n = Double.parseDouble(m.group(1));
            double unit = switch (m.group(2)) {
                case "ns" -> 1;
                case "us", "µs" -> 1e3;
                case "ms" -> 1e6;
                case "s" -> 1e9;
                case "m" -> 60e9;
                default -> 3600e9;
            };
            nanos += (long) (n * unit);
        }
        if (end != s.length() || end == 0) {
            throw new IllegalArgumentException("invalid duration \"" + s + "\" (expected e.g. 40s, 5m0s, 1h)");
        }
        return Duration.ofNanos(nanos);
    }
}
