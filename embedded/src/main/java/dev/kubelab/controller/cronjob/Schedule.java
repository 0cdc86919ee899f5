package dev.kubelab.controller.cronjob;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.model.time.ExecutionTime;
import com.cronutils.parser.CronParser;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.Optional;

/**
 * A CronJob schedule: standard 5-field cron with the {@code @hourly}-style macros, parsed and evaluated by
 * cron-utils (the real controller uses robfig/cron's standard parser), in the CronJob's {@code timeZone}
 * (default: the controller manager's zone, UTC here).
 */
final class Schedule {
    private static final CronParser PARSER = new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));
    private final ExecutionTime executionTime;
    private final ZoneId zone;

    private Schedule(ExecutionTime executionTime, ZoneId zone) {
        this.executionTime = executionTime;
        this.zone = zone;
    }

    /** @throws IllegalArgumentException with cron-utils' reason when the schedule cannot be parsed */
    static Schedule parse(String expression, String timeZone) {
        String expr = expression.trim();
        switch (expr) {
            case "@yearly", "@annually" -> expr = "0 0 1 1 *";
            case "@monthly" -> expr = "0 0 1 * *";
            case "@weekly" -> expr = "0 0 * * 0";
            case "@daily", "@midnight" -> expr = "0 0 * * *";
            case "@hourly" -> expr = "0 * * * *";
            default -> {
                // a 5-field expression
            }
        }
        ZoneId zone = timeZone == null || timeZone.isEmpty() ? ZoneId.of("UTC") : ZoneId.of(timeZone);
        return new Schedule(ExecutionTime.forCron(PARSER.parse(expr).validate()), zone);
    }

    /** The first scheduled time strictly after {@code t}. */
    Optional<Instant> next(Instant t) {
        return executionTime.nextExecution(ZonedDateTime.ofInstant(t, zone)).map(ZonedDateTime::toInstant);
    }

    ZoneId zone() {
        return zone;
    }

    /**
     * mostRecentScheduleTime: the latest scheduled time in (earliest, now], and how many were missed; empty
     * when none is due.
     */
    Missed mostRecent(Instant earliest, Instant now) {
        Instant t = earliest;
        Instant last = null;
        int missed = 0;
        while (true) {
            Optional<Instant> n = next(t);
            if (n.isEmpty() || n.get().isAfter(now)) {
                break;
            }
            last = n.get();
            t = last;
            missed++;
            if (missed > 100_000) {
                break;
            }
        }
        return new Missed(last, missed);
    }

    record Missed(Instant time, int count) {
    }
}
