package dev.kubelab.controller.cronjob;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ScheduleTest {
    @Test
    void nextTimesForStandardAndMacroSchedules() {
        Instant t = Instant.parse("2026-11-21T10:07:30Z");
        assertThat(Schedule.parse("*/5 * * * *", null).next(t)).contains(Instant.parse("2026-11-21T10:10:00Z"));
        assertThat(Schedule.parse("@hourly", null).next(t)).contains(Instant.parse("2026-11-21T11:00:00Z"));
        assertThat(Schedule.parse("0 0 * * *", "Asia/Seoul").next(t)).contains(Instant.parse("2026-11-21T15:00:00Z"));
    }

    @Test
    void mostRecentCountsMissedTimes() {
        Schedule s = Schedule.parse("* * * * *", null);
        Schedule.Missed m = s.mostRecent(Instant.parse("2026-11-21T10:00:00Z"), Instant.parse("2026-11-21T10:05:30Z"));
        assertThat(m.time()).isEqualTo(Instant.parse("2026-11-21T10:05:00Z"));
        assertThat(m.count()).isEqualTo(5);
        assertThat(s.mostRecent(Instant.parse("2026-11-21T10:05:00Z"), Instant.parse("2026-11-21T10:05:30Z")).time()).isNull();
    }

    @Test
    void jobNamesUseScheduledMinutes() {
        assertThat(CronJobController.jobName("hello", Instant.parse("2026-11-21T10:05:00Z")))
                .isEqualTo("hello-" + Instant.parse("2026-11-21T10:05:00Z").getEpochSecond() / 60);
    }

    @Test
    void rejectsBadSchedules() {
        assertThatThrownBy(() -> Schedule.parse("61 * * * *", null)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Schedule.parse("every minute", null)).isInstanceOf(IllegalArgumentException.class);
    }
}
