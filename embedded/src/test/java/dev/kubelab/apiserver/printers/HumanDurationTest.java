package dev.kubelab.apiserver.printers;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class HumanDurationTest {

    @Test
    void formatsAsApimachinery() {
        assertThat(HumanDuration.format(Duration.ofSeconds(-5))).isEqualTo("<invalid>");
        assertThat(HumanDuration.format(Duration.ofMillis(-500))).isEqualTo("0s");
        assertThat(HumanDuration.format(Duration.ofSeconds(59))).isEqualTo("59s");
        assertThat(HumanDuration.format(Duration.ofSeconds(119))).isEqualTo("119s");
        assertThat(HumanDuration.format(Duration.ofSeconds(312))).isEqualTo("5m12s");
        assertThat(HumanDuration.format(Duration.ofMinutes(5))).isEqualTo("5m");
        assertThat(HumanDuration.format(Duration.ofMinutes(45))).isEqualTo("45m");
        assertThat(HumanDuration.format(Duration.ofMinutes(184))).isEqualTo("3h4m");
        assertThat(HumanDuration.format(Duration.ofHours(5))).isEqualTo("5h");
        assertThat(HumanDuration.format(Duration.ofHours(20))).isEqualTo("20h");
        assertThat(HumanDuration.format(Duration.ofHours(50))).isEqualTo("2d2h");
        assertThat(HumanDuration.format(Duration.ofDays(9))).isEqualTo("9d");
        assertThat(HumanDuration.format(Duration.ofDays(800))).isEqualTo("2y70d");
        assertThat(HumanDuration.format(Duration.ofDays(365 * 9))).isEqualTo("9y");
    }

    @Test
    void sinceUsesTheClockAndSaysUnknownForNoTimestamp() {
        Clock clock = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);
        assertThat(HumanDuration.since("2024-05-01T11:54:48Z", clock)).isEqualTo("5m12s");
        assertThat(HumanDuration.since("", clock)).isEqualTo("<unknown>");
        assertThat(HumanDuration.since("2024-05-01T11:59:59.123456Z", clock)).isEqualTo("0s");
    }
}
