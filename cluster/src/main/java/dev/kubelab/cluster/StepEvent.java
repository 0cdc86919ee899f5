package dev.kubelab.cluster;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * One report about a named step such as "Starting etcd" or "Writing certificates".
 *
 * @param step     the step's stable identifier (e.g. {@code start-etcd}); a step's events share it
 * @param title    what is happening, for learners ("Starting etcd" / "etcd 시작")
 * @param state    where the step is
 * @param detail   extra information (bytes pulled, the failure's one-line reason); empty if none
 * @param fraction progress of the step from 0 to 1 when known (image pulls)
 * @param elapsed  time since the step started
 */
public record StepEvent(String step, Text title, StepState state, String detail, OptionalDouble fraction, Duration elapsed) {
    public StepEvent {
        Objects.requireNonNull(step);
        Objects.requireNonNull(title);
        Objects.requireNonNull(state);
        detail = detail == null ? "" : detail;
        fraction = fraction == null ? OptionalDouble.empty() : fraction;
        elapsed = elapsed == null ? Duration.ZERO : elapsed;
    }

    /** One plain-text line as kind prints it: " ✓ Starting etcd 🔁" → here " ✓ Starting etcd (0.4s)". */
    public String line(String lang) {
        String mark = switch (state) {
            case STARTED, PROGRESS -> " • ";
            case SUCCEEDED -> " ✓ ";
            case FAILED -> " ✗ ";
            case SKIPPED -> " - ";
        };
        StringBuilder b = new StringBuilder(mark).append(title.in(lang));
        if (!detail.isEmpty()) b.append(": ").append(detail);
        if (state == StepState.SUCCEEDED || state == StepState.FAILED) {
            b.append(String.format(" (%.1fs)", elapsed.toMillis() / 1000.0));
        }
        return b.toString();
    }
}
