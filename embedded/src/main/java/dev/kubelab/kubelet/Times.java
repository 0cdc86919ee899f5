package dev.kubelab.kubelet;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Kubernetes timestamps: metav1.Time is RFC 3339 with second precision in UTC ({@code 2024-05-01T10:00:00Z}). */
public final class Times {
    private Times() {
    }

    public static String format(Instant t) {
        return t == null ? null : DateTimeFormatter.ISO_INSTANT.format(t.truncatedTo(ChronoUnit.SECONDS));
    }

    /** metav1.MicroTime (leases, events.k8s.io): microsecond precision. */
    public static String formatMicro(Instant t) {
        return t == null ? null : DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSX")
                .withZone(java.time.ZoneOffset.UTC).format(t);
    }

    /** {@code kubectl logs --timestamps}: RFC 3339 with nanoseconds. */
    public static String formatNano(Instant t) {
        return DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSSSSSX").withZone(java.time.ZoneOffset.UTC).format(t);
    }

    public static Instant parse(String s) {
        return s == null || s.isEmpty() ? null : Instant.parse(s);
    }
}
