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
        CronJob current = withOwnStatusWrites(cj, jobs);
        CronJobStatus status = current.getStatus() == null ? new CronJobStatus() : current.getStatus();
        CronJobStatus before = new io.fabric8.kubernetes.api.model.batch.v1.CronJobStatusBuilder(status).build();
        List<ObjectReference> active = new ArrayList<>(status.getActive() == null ? List.of() : status.getActive());
        // Reconcile the active list with the jobs that exist.
        for (Job j : jobs) {
            boolean inActive = active.stream().anyMatch(r -> Objects.equals(r.getUid(), j.getMetadata().getUid()));
            Optional<String> finished = finishedType(j);
            if (finished.isEmpty() && !inActive) {
                recorder.event(current, EventRecorder.WARNING, "UnexpectedJob",
                        "Saw a job that the controller did not create or forgot: " + j.getMetadata().getName());
            } else if (finished.isPresent()) {
                if (inActive) {
                    active.removeIf(r -> Objects.equals(r.getUid(), j.getMetadata().getUid()));
                    recorder.event(current, EventRecorder.NORMAL, "SawCompletedJob",
                            "Saw completed job: " + j.getMetadata().getName() + ", status: " + finished.get());
                }
                if ("Complete".equals(finished.get()) && j.getStatus().getCompletionTime() != null
                        && (status.getLastSuccessfulTime() == null
                        || Instant.parse(j.getStatus().getCompletionTime()).isAfter(Instant.parse(status.getLastSuccessfulTime())))) {
                    status.setLastSuccessfulTime(j.getStatus().getCompletionTime());
                }
            }
        }
        removeMissingJobs(current, active, jobs);
        status.setActive(active.isEmpty() ? null : active);
        Duration requeue = null;
        if (current.getMetadata().getDeletionTimestamp() == null) {
            requeue = schedule(current, status, active, now);
        }
        cleanupFinishedJobs(current, jobs);
        if (!Objects.equals(before, status)) {
            // One UpdateStatus with the resourceVersion the status was computed from: a conflict means a newer
            // CronJob exists, so the sync fails and runs again (rate-limited) instead of writing stale status over it.
            current.setStatus(status);
            ctx.client().batch().v1().cronjobs().inNamespace(ns).resource(current).updateStatus();
        }
        if (requeue != null) {
            enqueueAfter(key, requeue);
        }
    }

    /**
     * The job lister can be ahead of the CronJob lister: a job this controller created (and recorded in status.active)
     * shows up before the CronJob's status write does. As the real controller does, such an unfinished job not in the
     * cached active list makes it read the CronJob from the API server and go on with that copy if it lists the job.
     */
    private CronJob withOwnStatusWrites(CronJob cj, List<Job> jobs) {
        for (Job j : jobs) {
            if (finishedType(j).isEmpty() && !inActive(cj, j.getMetadata().getUid())) {
                CronJob fresh = ctx.client().batch().v1().cronjobs().inNamespace(cj.getMetadata().getNamespace())
                        .withName(cj.getMetadata().getName()).get();
                if (fresh != null && Objects.equals(fresh.getMetadata().getUid(), cj.getMetadata().getUid())
                        && inActive(fresh, j.getMetadata().getUid())) {
                    return fresh;
                }
                return cj;
            }
        }
        return cj;
    }

    private static boolean inActive(CronJob cj, String uid) {
        return cj.getStatus() != null && cj.getStatus().getActive() != null
                && cj.getStatus().getActive().stream().anyMatch(r -> Objects.equals(r.getUid(), uid));
    }

    /**
     * An active job the job lister does not show may just not have reached it yet: it is dropped (event MissingJob)
     * only when the API server says it is gone, as the real controller checks.
     */
    private void removeMissingJobs(CronJob cj, List<ObjectReference> active, List<Job> jobs) {
        for (ObjectReference r : new ArrayList<>(active)) {
            if (jobs.stream().anyMatch(j -> Objects.equals(j.getMetadata().getUid(), r.getUid()))) {
                continue;
            }
            String ns = r.getNamespace() == null ? cj.getMetadata().getNamespace() : r.getNamespace();
            Job live = ctx.client().batch().v1().jobs().inNamespace(ns).withName(r.getName()).get();
            if (live == null) {
                recorder.event(cj, EventRecorder.NORMAL, "MissingJob", "Active job went missing: " + r.getName());
                active.remove(r);
            }
        }
    }

    /** Starts the job due now, if any; returns when to look again. */
    private Duration schedule(CronJob cj, CronJobStatus status, List<ObjectReference> active, Instant now) {
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
        // Already processed: its job is active, or lastScheduleTime is this time.
        if (active.stream().anyMatch(r -> name.equals(r.getName()))
                || (status.getLastScheduleTime() != null && Instant.parse(status.getLastScheduleTime()).equals(scheduled))) {
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
        Job created;
        try {
            created = ctx.client().batch().v1().jobs().inNamespace(cj.getMetadata().getNamespace()).resource(job).create();
            recorder.event(cj, EventRecorder.NORMAL, "SuccessfulCreate", "Created job " + created.getMetadata().getName());
        } catch (RuntimeException e) {
            if (!ApiErrors.isAlreadyExists(e)) {
                recorder.event(cj, EventRecorder.WARNING, "FailedCreate", "Error creating job: " + ApiErrors.message(e));
                throw e;
            }
            // Created before, by this controller, whose status write did not land: record it now. A job someone
            // else created under this name is theirs to account for.
            created = ctx.client().batch().v1().jobs().inNamespace(cj.getMetadata().getNamespace()).withName(name).get();
            if (created == null) {
                throw e;
            }
            if (!OwnerRefs.isControlledBy(created, cj.getMetadata().getUid())) {
                return untilNext;
            }
            String uid = created.getMetadata().getUid();
            if (active.stream().anyMatch(r -> Objects.equals(r.getUid(), uid))) {
                return untilNext;
            }
        }
        // From the create (or get) response, not from the job lister, which may not show the job yet.
        active.add(EventRecorder.referenceTo(created));
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
