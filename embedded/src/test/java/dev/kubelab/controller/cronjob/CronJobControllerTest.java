package dev.kubelab.controller.cronjob;

import static dev.kubelab.apiserver.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.apiserver.TestCluster;
import dev.kubelab.controller.KubeControllerManager;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The cronjob controller with a clock the test moves forward, against the real API server. */
class CronJobControllerTest {
    static TestCluster cp;
    static KubeControllerManager kcm;
    static final MovableClock CLOCK = new MovableClock();

    static final class MovableClock extends Clock {
        volatile Duration offset = Duration.ZERO;
        /** When set, time stands still (a test that must not see a schedule mark pass). */
        volatile Instant frozen;

        @Override
        public ZoneId getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            Instant f = frozen;
            return f != null ? f : Instant.now().plus(offset);
        }
    }

    @BeforeAll
    static void up() throws Exception {
        cp = new TestCluster();
        kcm = cp.own(new KubeControllerManager(cp.config(), KubeControllerManager.Options.defaults()
                .withControllers(List.of("cronjob")).withLeaderElect(false).withClock(CLOCK)));
        kcm.start();
    }

    @AfterAll
    static void down() {
        if (cp != null) {
            cp.close();
        }
    }

    static CronJob cronJob(String name, String policy) {
        return new CronJobBuilder().withNewMetadata().withName(name).withNamespace("default").endMetadata()
                .withNewSpec().withSchedule("*/5 * * * *").withConcurrencyPolicy(policy)
                .withNewJobTemplate().withNewMetadata().addToLabels("cron", name).endMetadata().withNewSpec().withNewTemplate()
                .withNewSpec().withRestartPolicy("OnFailure").addNewContainer().withName("hello").withImage("busybox").endContainer()
                .endSpec().endTemplate().endSpec().endJobTemplate().endSpec().build();
    }

    static List<Job> jobs(String cron) {
        return cp.client().batch().v1().jobs().inNamespace("default").withLabel("cron", cron).list().getItems();
    }

    /** Any change makes the informer deliver the CronJob again, so the controller looks at the moved clock. */
    static void touch(String value) {
        cp.client().batch().v1().cronjobs().inNamespace("default").withName("hello").patch(
                io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                "{\"metadata\":{\"labels\":{\"touch\":\"" + value + "\"}}}");
    }

    static Instant lastFiveMinuteMark(Instant t) {
        long s = t.getEpochSecond();
        return Instant.ofEpochSecond(s - s % 300);
    }

    @Test
    void createsJobNamedAfterScheduledMinuteAndForbidsOverlap() {
        cp.client().batch().v1().cronjobs().inNamespace("default").resource(cronJob("hello", "Forbid")).create();
        // Nothing is due until the next 5-minute mark after creation.
        CLOCK.offset = Duration.ofMinutes(6);
        Instant before = CLOCK.instant();
        touch("1");
        await("first job", () -> jobs("hello").size() == 1);
        Instant after = CLOCK.instant();
        Job job = jobs("hello").get(0);
        // The most recent */5 mark before "now" (now can cross a mark while the test runs: either is right).
        Instant scheduled = Instant.ofEpochSecond(Long.parseLong(job.getMetadata().getName().substring("hello-".length())) * 60);
        assertThat(scheduled).isIn(lastFiveMinuteMark(before), lastFiveMinuteMark(after));
        assertThat(job.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> assertThat(r.getKind()).isEqualTo("CronJob"));
        assertThat(job.getMetadata().getAnnotations()).containsKey("batch.kubernetes.io/cronjob-scheduled-timestamp");
        await("status active + lastScheduleTime", () -> {
            CronJob c = cp.client().batch().v1().cronjobs().inNamespace("default").withName("hello").get();
            return c.getStatus() != null && c.getStatus().getActive() != null && c.getStatus().getActive().size() == 1
                    && scheduled.toString().equals(c.getStatus().getLastScheduleTime());
        });
        await("SuccessfulCreate", () -> cp.client().v1().events().inNamespace("default").list().getItems().stream()
                .anyMatch(e -> "SuccessfulCreate".equals(e.getReason()) && ("Created job " + job.getMetadata().getName()).equals(e.getMessage())
                        && "cronjob-controller".equals(e.getSource().getComponent())));
        // Five minutes later the first job is still running: Forbid skips the run.
        CLOCK.offset = CLOCK.offset.plusMinutes(5);
        touch("2");
        await("JobAlreadyActive", () -> cp.client().v1().events().inNamespace("default").list().getItems().stream()
                .map(Event::getReason).anyMatch("JobAlreadyActive"::equals));
        assertThat(jobs("hello")).hasSize(1);
    }

    /**
     * The job for a schedule time exists but status never recorded it (the controller created it and its status
     * write was lost): the next sync records that job — from the API server's answer, whatever the job lister shows —
     * and creates no second one.
     */
    @Test
    void recordsItsOwnJobWhoseStatusWriteWasLost() {
        CronJob cj = cp.client().batch().v1().cronjobs().inNamespace("default").resource(new CronJobBuilder(cronJob("lost", "Allow"))
                .editSpec().withSuspend(true).endSpec().build()).create();
        Instant now = Instant.now().plus(CLOCK.offset).plus(Duration.ofMinutes(6));
        CLOCK.frozen = now;
        try {
            Instant scheduled = lastFiveMinuteMark(now);
            String name = CronJobController.jobName("lost", scheduled);
            Job job = CronJobController.jobFromTemplate(cj, name, scheduled, Schedule.parse(cj.getSpec().getSchedule(), null));
            cp.client().batch().v1().jobs().inNamespace("default").resource(job).create();
            cp.client().batch().v1().cronjobs().inNamespace("default").withName("lost").patch(
                    io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                    "{\"spec\":{\"suspend\":false}}");
            String uid = jobs("lost").get(0).getMetadata().getUid();
            await("the existing job recorded in status", () -> {
                CronJob c = cp.client().batch().v1().cronjobs().inNamespace("default").withName("lost").get();
                return c.getStatus() != null && c.getStatus().getActive() != null
                        && c.getStatus().getActive().stream().anyMatch(r -> uid.equals(r.getUid()))
                        && scheduled.toString().equals(c.getStatus().getLastScheduleTime());
            });
            assertThat(jobs("lost")).singleElement().satisfies(j -> assertThat(j.getMetadata().getName()).isEqualTo(name));
            assertThat(cp.client().batch().v1().cronjobs().inNamespace("default").withName("lost").get().getStatus().getActive()).hasSize(1);
            // Not created by this sync, so no SuccessfulCreate for it.
            assertThat(cp.client().v1().events().inNamespace("default").list().getItems())
                    .noneMatch(e -> "SuccessfulCreate".equals(e.getReason()) && e.getMessage().endsWith(name));
        } finally {
            CLOCK.frozen = null;
        }
    }
}
