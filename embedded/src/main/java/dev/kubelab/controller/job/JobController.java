package dev.kubelab.controller.job;

import dev.kubelab.controller.framework.ActivePodsWithRanks;
import dev.kubelab.controller.framework.Batch;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.EventRecorder;
import dev.kubelab.controller.framework.Expectations;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.OwnerRefs;
import dev.kubelab.controller.framework.PodControl;
import dev.kubelab.controller.framework.Pods;
import dev.kubelab.controller.framework.QueueController;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * kube-controller-manager's job controller: runs pods until {@code completions} succeeded with at most
 * {@code parallelism} active, fails the Job after more than {@code backoffLimit} failed pods
 * (BackoffLimitExceeded) or after {@code activeDeadlineSeconds} (DeadlineExceeded), honours {@code suspend},
 * labels pods {@code job-name}/{@code batch.kubernetes.io/job-name}/{@code controller-uid}, and sets the
 * Complete/Failed conditions, startTime, completionTime and active/ready/succeeded/failed counts.
 */
public final class JobController extends QueueController {
    static final String JOB_NAME = "job-name";
    static final String BATCH_JOB_NAME = "batch.kubernetes.io/job-name";
    static final String CONTROLLER_UID = "controller-uid";
    static final String BATCH_CONTROLLER_UID = "batch.kubernetes.io/controller-uid";

    private final EventRecorder recorder;
    private final PodControl podControl;
    private final Expectations expectations;

    public JobController(ControllerContext ctx) {
        super("job", ctx, ctx.intFlag("concurrent-job-syncs", 5));
        this.recorder = ctx.recorder("job-controller");
        this.podControl = new PodControl(ctx.client(), recorder);
        this.expectations = new Expectations(ctx.clock());
    }

    @Override
    protected void registerHandlers() {
        watchAll(Job.class, this::enqueue);
        watch(Pod.class, new ResourceEventHandler<>() {
            @Override
            public void onAdd(Pod pod) {
                String owner = ownerKey(pod);
                if (owner != null) {
                    expectations.creationObserved(owner);
                    enqueue(owner);
                }
            }

            @Override
            public void onUpdate(Pod o, Pod n) {
                String owner = ownerKey(n);
                if (owner != null) {
                    if (n.getMetadata().getDeletionTimestamp() != null && o.getMetadata().getDeletionTimestamp() == null) {
                        expectations.deletionObserved(owner, Keys.of(n));
                    }
                    enqueue(owner);
                }
            }

            @Override
            public void onDelete(Pod pod, boolean unknown) {
                String owner = ownerKey(pod);
                if (owner != null) {
                    expectations.deletionObserved(owner, Keys.of(pod));
                    enqueue(owner);
                }
            }
        });
    }

    private static String ownerKey(Pod pod) {
        return OwnerRefs.controllerOf(pod).filter(r -> "Job".equals(r.getKind()))
                .map(r -> Keys.of(pod.getMetadata().getNamespace(), r.getName())).orElse(null);
    }

    static boolean isFinished(Job job) {
        return job.getStatus() != null && job.getStatus().getConditions() != null && job.getStatus().getConditions().stream()
                .anyMatch(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()));
    }

    @Override
    protected void sync(String key) {
        Job cached = ctx.informers().get(Job.class, key);
        if (cached == null) {
            expectations.delete(key);
            return;
        }
        Job job = new JobBuilder(cached).build();
        if (isFinished(job)) {
            return;
        }
        List<Pod> pods = ctx.informers().list(Pod.class, job.getMetadata().getNamespace()).stream()
                .filter(p -> OwnerRefs.isControlledBy(p, job.getMetadata().getUid())).toList();
        List<Pod> active = pods.stream().filter(Pods::isActive).toList();
        int succeeded = Math.max(count(pods, "Succeeded"), n(job.getStatus() == null ? null : job.getStatus().getSucceeded()));
        int failed = Math.max(count(pods, "Failed"), n(job.getStatus() == null ? null : job.getStatus().getFailed()));
        int ready = (int) active.stream().filter(Pods::isReady).count();
        Instant now = ctx.clock().instant();
        JobStatus status = job.getStatus() == null ? new JobStatus() : new JobStatusBuilder(job.getStatus()).build();
        if (status.getConditions() == null) {
            status.setConditions(new ArrayList<>());
        }
        boolean suspended = Boolean.TRUE.equals(job.getSpec().getSuspend());
        if (status.getStartTime() == null && !suspended) {
            status.setStartTime(ts(now));
        }
        int backoffLimit = job.getSpec().getBackoffLimit() == null ? 6 : job.getSpec().getBackoffLimit();
        Integer completions = job.getSpec().getCompletions();
        int parallelism = job.getSpec().getParallelism() == null ? 1 : job.getSpec().getParallelism();
        String failReason = null;
        String failMessage = null;
        if (failed > backoffLimit) {
            failReason = "BackoffLimitExceeded";
            failMessage = "Job has reached the specified backoff limit";
        } else if (job.getSpec().getActiveDeadlineSeconds() != null && status.getStartTime() != null
                && !now.isBefore(Instant.parse(status.getStartTime()).plusSeconds(job.getSpec().getActiveDeadlineSeconds()))) {
            failReason = "DeadlineExceeded";
            failMessage = "Job was active longer than specified deadline";
        }
        boolean complete = false;
        if (failReason != null) {
            deleteAll(job, active);
            active = List.of();
            status.getConditions().add(condition("Failed", failReason, failMessage, now));
            recorder.event(job, EventRecorder.WARNING, failReason, failMessage);
        } else {
            complete = completions == null ? succeeded > 0 && active.isEmpty() : succeeded >= completions;
            if (complete) {
                deleteAll(job, active);
                active = List.of();
                status.getConditions().add(condition("Complete", "CompletionsReached", "Reached expected number of succeeded pods", now));
                status.setCompletionTime(ts(now));
                recorder.event(job, EventRecorder.NORMAL, "Completed", "Job completed");
            } else if (expectations.satisfied(key)) {
                active = manageActive(key, job, active, suspended ? 0 : wantActive(completions, parallelism, succeeded, active.size()));
            }
        }
        status.setActive(active.size());
        status.setReady(ready);
        status.setSucceeded(succeeded);
        status.setFailed(failed);
        if (suspended) {
            setSuspended(status, true, now);
        } else {
            setSuspended(status, false, now);
        }
        if (!Objects.equals(status, job.getStatus())) {
            job.setStatus(status);
            ctx.client().batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).resource(job).updateStatus();
        }
        if (failReason == null && !complete && job.getSpec().getActiveDeadlineSeconds() != null && status.getStartTime() != null) {
            Duration left = Duration.between(now, Instant.parse(status.getStartTime()).plusSeconds(job.getSpec().getActiveDeadlineSeconds()));
            enqueueAfter(key, left.isNegative() ? Duration.ZERO : left);
        }
    }

    /** How many pods should run now: at most parallelism, and no more than the completions still missing. */
    static int wantActive(Integer completions, int parallelism, int succeeded, int active) {
        if (completions == null) {
            // Work-queue Jobs: once any pod succeeded, no new pods are started.
            return succeeded > 0 ? Math.min(active, parallelism) : parallelism;
        }
        return Math.max(0, Math.min(parallelism, completions - succeeded));
    }

    private List<Pod> manageActive(String key, Job job, List<Pod> active, int want) {
        int diff = want - active.size();
        if (diff > 0) {
            int create = Math.min(diff, 500);
            expectations.expectCreations(key, create);
            Batch.Result r = Batch.slowStart(create, 1, i -> () -> podControl.create(podFor(job), job));
            expectations.lowerCreations(key, create - r.successes());
        } else if (diff < 0) {
            List<Pod> victims = ActivePodsWithRanks.sortForDeletion(active, active).subList(0, -diff);
            Set<String> keys = new HashSet<>();
            victims.forEach(p -> keys.add(Keys.of(p)));
            expectations.expectDeletions(key, keys);
            Batch.parallel(victims.size(), i -> () -> podControl.delete(job.getMetadata().getNamespace(),
                    victims.get(i).getMetadata().getName(), job));
            List<Pod> left = new ArrayList<>(active);
            left.removeAll(victims);
            return left;
        }
        return active;
    }

    private static Pod podFor(Job job) {
        Pod pod = PodControl.podFromTemplate(job.getSpec().getTemplate(), job);
        var labels = pod.getMetadata().getLabels();
        String name = job.getMetadata().getName();
        String uid = job.getMetadata().getUid();
        labels.putIfAbsent(JOB_NAME, name);
        labels.putIfAbsent(BATCH_JOB_NAME, name);
        labels.putIfAbsent(CONTROLLER_UID, uid);
        labels.putIfAbsent(BATCH_CONTROLLER_UID, uid);
        return pod;
    }

    private void deleteAll(Job job, List<Pod> active) {
        Batch.parallel(active.size(), i -> () -> podControl.delete(job.getMetadata().getNamespace(),
                active.get(i).getMetadata().getName(), job));
    }

    private static void setSuspended(JobStatus status, boolean suspended, Instant now) {
        JobCondition cur = status.getConditions().stream().filter(c -> "Suspended".equals(c.getType())).findFirst().orElse(null);
        if (suspended && (cur == null || !"True".equals(cur.getStatus()))) {
            status.getConditions().remove(cur);
            status.getConditions().add(new JobCondition(ts(now), ts(now), "Job suspended", "JobSuspended", "True", "Suspended"));
        } else if (!suspended && cur != null && "True".equals(cur.getStatus())) {
            status.getConditions().remove(cur);
            status.getConditions().add(new JobCondition(ts(now), ts(now), "Job resumed", "JobResumed", "False", "Suspended"));
        }
    }

    private static JobCondition condition(String type, String reason, String message, Instant now) {
        return new JobCondition(ts(now), ts(now), message, reason, "True", type);
    }

    private static String ts(Instant i) {
        return i.truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private static int count(List<Pod> pods, String phase) {
        return (int) pods.stream().filter(p -> phase.equals(Pods.phase(p))).count();
    }

    private static int n(Integer i) {
        return i == null ? 0 : i;
    }
}
