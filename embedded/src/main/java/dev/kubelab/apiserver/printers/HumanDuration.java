package dev.kubelab.apiserver.printers;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * k8s.io/apimachinery/pkg/util/duration.HumanDuration ("5m12s", "3h4m", "9d") and the printers'
 * translateTimestampSince ("&lt;unknown&gt;" when the timestamp is unset).
 */
public final class HumanDuration {

    private HumanDuration() {}

    public static String format(Duration d) {
        long seconds = d.getSeconds();
        if (seconds < -1) return "<invalid>";
        if (seconds < 0) return "0s";
        if (seconds < 60 * 2) return seconds + "s";
        long minutes = seconds / 60;
        if (minutes < 10) {
            long s = seconds % 60;
            return s == 0 ? minutes + "m" : minutes + "m" + s + "s";
        }
        if (minutes < 60 * 3) return minutes + "m";
        long hours = minutes / 60;
        if (hours < 8) {
            long m = minutes % 60;
            return m == 0 ? hours + "h" : hours + "h" + m + "m";
        }
        if (hours < 48) return hours + "h";
        if (hours < 24 * 8) {
            long h = hours % 24;
            return h == 0 ? hours / 24 + "d" : hours / 24 + "d" + h + "h";
        }
        if (hours < 24 * 365 * 2) return hours / 24 + "d";
        if (hours < 24 * 365 * 8) {
            long dy = (hours / 24) % 365;
            return dy == 0 ? hours / 24 / 365 + "y" : hours / 24 / 365 + "y" + dy + "d";
        }
        return hours / 24 / 365 + "y";
    }

    /** translateTimestampSince: the age of an RFC 3339 timestamp, "&lt;unknown&gt;" when absent or unparseable. */
    public static String since(String timestamp, Clock clock) {
        Instant t = parse(timestamp);
        return t == null ? "<unknown>" : format(Duration.between(t, clock.instant()));
    }

    /** Parses an RFC 3339 timestamp (Time or MicroTime); null when empty or invalid. */
    public static Instant parse(String timestamp) {
        if (timestamp == null || timestamp.isEmpty() || timestamp.equals("null")) return null;
        try {
            return OffsetDateTime.parse(timestamp).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
