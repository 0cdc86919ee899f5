package dev.kubelab.controller.cronjob;

import dev.kubelab.controller.framework.ApiErrors;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.OwnerRefs;
import dev.kubelab.controller.framework.QueueController;
import io.fabric8.kubernetes.api.model.ObjectReference;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.CronJobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * kube-controller-manager's cronjob controller (v2): creates a Job {@code <cronjob>-<scheduled time in minutes>} for
 * each due schedule time, honouring suspend, startingDeadlineSeconds and concurrencyPolicy (Allow/Forbid/Replace),
 * tracks active jobs and lastScheduleTime/lastSuccessfulTime, and trims finished jobs to the history limits.
 * Time comes from the injected clock so tests can step it.
 */
public final class CronJobController extends QueueController {
    static final String SCHEDULED_TIMESTAMP = "batch.kubernetes.io/cronjob-scheduled-timestamp";
    private final EventRecorder recorder;

    public CronJobController(ControllerContext ctx) {
        super("cronjob", ctx, ctx.intFlag("concurrent-cron-job-syncs", 5));
        this.recorder = ctx.recorder("cronjob-controller");
    }

    @Override
    protected void registerHandlers() {
        watchAll(CronJob.class, this::enqueue);
        watchAll(Job.class, job -> OwnerRefs.controllerOf(job).filter(r -> "CronJob".equals(r.getKind()))
                .ifPresent(r -> enqueue(Keys.of(job.getMetadata().getNamespace(), r.getName()))));
    }

    /** Job name suffix: the scheduled time in minutes since the epoch (getTimeHashInMinutes). */
    static String jobName(String cronJob, Instant scheduled) {
        return cronJob + "-" + scheduled.getEpochSecond() / 60;
    }

    static Optional<String> finishedType(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .map(JobCondition::getType).findFirst();
    }

    @Override
    protected void sync(String key) {
        CronJob cached = ctx.informers().get(CronJob.class, key);
        if (cached == null) {
            return;
        }
        CronJob cj = new CronJobBuilder(cached).build();
        String ns = cj.getMetadata().getNamespace();
        Instant now = ctx.clock().instant();
        List<Job> jobs = ctx.informers().list(Job.class, ns).stream()
                .filter(j -> OwnerRefs.isControlledBy(j, cj.getMetadata().getUid())).toList();
        CronJobStatus status = cj.getStatus() == null ? new CronJobStatus() : cj.getStatus();
        CronJobStatus before = new io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder(status).build();
        List<ObjectReference> active = new ArrayList<>(status.getActive() == null ? List.of() : status.getActive());
        // Reconcile the active list with the jobs that exist.
        for (Job j : jobs) {
            boolean inActive = active.stream().anyMatch(r -> Objects.equals(r.getUid(), j.getMetadata().getUid()));
            Optional<String> finished = finishedType(j);
            if (finished.isPresent()) {
                if (inActive) {
                    active.removeIf(r -> Objects.equals(r.getUid(), j.getMetadata().getUid()));
                    recorder.event(cj, EventRecorder.NORMAL, "SawCompletedJob",
                            "Saw completed job: " + j.getMetadata().getName() + ", status: " + finished.get());
                }
                if ("Complete".equals(finished.get()) && j.getStatus().getCompletionTime() != null
                        && (status.getLastSuccessfulTime() == null
                        || Instant.parse(j.getStatus().getCompletionTime()).isAfter(Instant.parse(status.getLastSuccessfulTime())))) {
                    status.setLastSuccessfulTime(j.getStatus().getCompletionTime());
                }
            } else if (!inActive && j.getMetadata().getDeletionTimestamp() == null) {
                active.add(EventRecorder.referenceTo(j));
            }
        }
        active.removeIf(r -> jobs.stream().noneMatch(j -> Objects.equals(j.getMetadata().getUid(), r.getUid())));
        status.setActive(active.isEmpty() ? null : active);
        Duration requeue = null;
        if (cj.getMetadata().getDeletionTimestamp() == null) {
            requeue = schedule(cj, status, active, jobs, now);
        }
        cleanupFinishedJobs(cj, jobs);
        if (!Objects.equals(before, status)) {
            cj.setStatus(status);
            ctx.client().batch().v1().cronjobs().inNamespace(ns).resource(cj).updateStatus();
        }
        if (requeue != null) {
            enqueueAfter(key, requeue);
        }
    }

    /** Starts the job due now, if any; returns when to look again. */
    private Duration schedule(CronJob cj, CronJobStatus status, List<ObjectReference> active, List<Job> jobs, Instant now) {
        if (Boolean.TRUE.equals(cj.getSpec().getSuspend())) {
            return null;
        }
        Schedule sched;
        try {
            sched = Schedule.parse(cj.getSpec().getSchedule(), cj.getSpec().getTimeZone());
        } catch (RuntimeException e) {
            recorder.event(cj, EventRecorder.WARNING, "UnparseableSchedule",
                    "unparseable schedule: \"" + cj.getSpec().getSchedule() + "\" : " + e.getMessage());
            return null;
        }
        Instant earliest = status.getLastScheduleTime() != null ? Instant.parse(status.getLastScheduleTime())
                : Instant.parse(cj.getMetadata().getCreationTimestamp());
        Long deadline = cj.getSpec().getStartingDeadlineSeconds();
        if (deadline != null) {
            Instant schedulingDeadline = now.minusSeconds(deadline);
            if (schedulingDeadline.isAfter(earliest)) {
                earliest = schedulingDeadline;
            }
        }
        Schedule.Missed missed = sched.mostRecent(earliest, now);
        Duration untilNext = sched.next(now).map(t -> Duration.between(now, t).plusMillis(100)).orElse(null);
        if (missed.count() > 100) {
            recorder.event(cj, EventRecorder.WARNING, "TooManyMissedTimes", "too many missed start times: " + missed.count()
                    + ". Set or decrease .spec.startingDeadlineSeconds or check clock skew");
        }
        Instant scheduled = missed.time();
        if (scheduled == null) {
            return untilNext;
        }
        if (deadline != null && scheduled.plusSeconds(deadline).isBefore(now)) {
            recorder.event(cj, EventRecorder.WARNING, "MissSchedule", "Missed scheduled time to start a job: "
                    + DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(scheduled, sched.zone())));
            return untilNext;
        }
        String name = jobName(cj.getMetadata().getName(), scheduled);
        if (active.stream().anyMatch(r -> name.equals(r.getName())) || jobs.stream().anyMatch(j -> name.equals(j.getMetadata().getName()))) {
            return untilNext;
        }
        String policy = cj.getSpec().getConcurrencyPolicy() == null ? "Allow" : cj.getSpec().getConcurrencyPolicy();
        if ("Forbid".equals(policy) && !active.isEmpty()) {
            recorder.event(cj, EventRecorder.NORMAL, "JobAlreadyActive",
                    "Not starting job because prior execution is running and concurrency policy is Forbid");
            return untilNext;
        }
        if ("Replace".equals(policy)) {
            for (ObjectReference r : new ArrayList<>(active)) {
                deleteJob(cj, r.getName());
                active.remove(r);
            }
        }
        Job job = jobFromTemplate(cj, name, scheduled, sched);
        try {
            Job created = ctx.client().batch().v1().jobs().inNamespace(cj.getMetadata().getNamespace()).resource(job).create();
            recorder.event(cj, EventRecorder.NORMAL, "SuccessfulCreate", "Created job " + created.getMetadata().getName());
            active.add(EventRecorder.referenceTo(created));
        } catch (RuntimeException e) {
            if (!ApiErrors.isAlreadyExists(e)) {
                recorder.event(cj, EventRecorder.WARNING, "FailedCreate", "Error creating job: " + ApiErrors.message(e));
                throw e;
            }
        }
        status.setActive(active);
        status.setLastScheduleTime(scheduled.truncatedTo(ChronoUnit.SECONDS).toString());
        return untilNext;
    }

    static Job jobFromTemplate(CronJob cj, String name, Instant scheduled, Schedule sched) {
        var tmpl = cj.getSpec().getJobTemplate();
        var labels = tmpl.getMetadata() == null || tmpl.getMetadata().getLabels() == null ? new HashMap<String, String>()
                : new HashMap<>(tmpl.getMetadata().getLabels());
        var annotations = tmpl.getMetadata() == null || tmpl.getMetadata().getAnnotations() == null ? new HashMap<String, String>()
                : new HashMap<>(tmpl.getMetadata().getAnnotations());
        annotations.put(SCHEDULED_TIMESTAMP, DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ZonedDateTime.ofInstant(scheduled, sched.zone())));
        return new JobBuilder().withNewMetadata().withName(name).withNamespace(cj.getMetadata().getNamespace())
                .withLabels(labels).withAnnotations(annotations).withOwnerReferences(dev.kubelab.controller.framework.OwnerRefs.controllerRef(cj))
                .endMetadata().withSpec(tmpl.getSpec()).build();
    }

    private void deleteJob(CronJob cj, String name) {
        ctx.client().batch().v1().jobs().inNamespace(cj.getMetadata().getNamespace()).withName(name)
                .withPropagationPolicy(io.fabric8.kubernetes.api.model.DeletionPropagation.BACKGROUND).delete();
        recorder.event(cj, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted job " + name);
    }

    private void cleanupFinishedJobs(CronJob cj, List<Job> jobs) {
        int successLimit = cj.getSpec().getSuccessfulJobsHistoryLimit() == null ? 3 : cj.getSpec().getSuccessfulJobsHistoryLimit();
        int failedLimit = cj.getSpec().getFailedJobsHistoryLimit() == null ? 1 : cj.getSpec().getFailedJobsHistoryLimit();
        trim(cj, jobs, "Complete", successLimit);
        trim(cj, jobs, "Failed", failedLimit);
    }

    private void trim(CronJob cj, List<Job> jobs, String type, int limit) {
        List<Job> finished = jobs.stream().filter(j -> finishedType(j).filter(type::equals).isPresent()
                        && j.getMetadata().getDeletionTimestamp() == null)
                .sorted(Comparator.comparing((Job j) -> j.getStatus().getStartTime() == null ? "" : j.getStatus().getStartTime())
                        .thenComparing(j -> j.getMetadata().getName()))
                .toList();
        for (int i = 0; i < finished.size() - limit; i++) {
            deleteJob(cj, finished.get(i).getMetadata().getName());
        }
    }

}
