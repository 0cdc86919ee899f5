package dev.kubelab.controller.ttlafterfinished;

import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.QueueController;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * kube-controller-manager's ttl-after-finished controller: deletes a finished Job (Complete or Failed)
 * {@code ttlSecondsAfterFinished} seconds after it finished, with foreground propagation so its pods go first.
 */
public final class TtlAfterFinishedController extends QueueController {
    public TtlAfterFinishedController(ControllerContext ctx) {
        super("ttl-after-finished", ctx, ctx.intFlag("concurrent-ttl-after-finished-syncs", 5));
    }

    @Override
    protected void registerHandlers() {
        watchAll(Job.class, job -> {
            if (job.getSpec().getTtlSecondsAfterFinished() != null && job.getMetadata().getDeletionTimestamp() == null) {
                enqueue(job);
            }
        });
    }

    /** When the job finished: the finish condition's lastTransitionTime (as the real controller uses). */
    static Optional<Instant> finishedAt(Job job) {
        if (job.getStatus() == null || job.getStatus().getConditions() == null) {
            return Optional.empty();
        }
        return job.getStatus().getConditions().stream()
                .filter(c -> ("Complete".equals(c.getType()) || "Failed".equals(c.getType())) && "True".equals(c.getStatus()))
                .map(JobCondition::getLastTransitionTime).filter(t -> t != null).map(Instant::parse).findFirst();
    }

    @Override
    protected void sync(String key) {
        Job job = ctx.informers().get(Job.class, key);
        if (job == null || job.getMetadata().getDeletionTimestamp() != null || job.getSpec().getTtlSecondsAfterFinished() == null) {
            return;
        }
        Optional<Instant> finished = finishedAt(job);
        if (finished.isEmpty()) {
            return;
        }
        Instant expireAt = finished.get().plusSeconds(job.getSpec().getTtlSecondsAfterFinished());
        Duration left = Duration.between(ctx.clock().instant(), expireAt);
        if (!left.isNegative() && !left.isZero()) {
            enqueueAfter(key, left);
            return;
        }
        // The real controller re-reads the Job from the API before deleting it, in case the TTL changed.
        Job fresh = ctx.client().batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName()).get();
        if (fresh == null || fresh.getSpec().getTtlSecondsAfterFinished() == null || fresh.getMetadata().getDeletionTimestamp() != null) {
            return;
        }
        Optional<Instant> f = finishedAt(fresh);
        if (f.isEmpty() || f.get().plusSeconds(fresh.getSpec().getTtlSecondsAfterFinished()).isAfter(ctx.clock().instant())) {
            enqueue(key);
            return;
        }
        ctx.client().batch().v1().jobs().inNamespace(job.getMetadata().getNamespace()).withName(job.getMetadata().getName())
                .withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
    }
}
