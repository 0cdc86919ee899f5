package dev.kubelab.apiserver.registry.batch.cronjob;

import static dev.kubelab.apiserver.registry.Defaulting.object;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.registry.apps.WorkloadValidation;
import dev.kubelab.apiserver.registry.batch.job.JobStrategy;
import dev.kubelab.apiserver.registry.core.podtemplate.PodTemplates;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import java.util.List;

/** pkg/registry/batch/cronjob/strategy.go with SetDefaults_CronJob. */
public final class CronJobStrategy extends GenericStrategy {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> CONCURRENCY = List.of("Allow", "Forbid", "Replace");

    public CronJobStrategy() {
        super(true);
    }

    @Override protected boolean hasStatus() { return true; }
    @Override protected boolean tracksGeneration() { return true; }

    @Override
    public void applyDefaults(ObjectNode cj) {
        ObjectNode spec = object(cj, "spec");
        put(spec, "concurrencyPolicy", "Allow");
        put(spec, "suspend", false);
        put(spec, "successfulJobsHistoryLimit", 3);
        put(spec, "failedJobsHistoryLimit", 1);
        JsonNode jobSpec = spec.path("jobTemplate").path("spec");
        PodTemplates.applyDefaults(jobSpec.get("template"));
    }

    @Override
    protected void validateObject(ObjectNode cj, FieldErrors errs) {
        String name = cj.path("metadata").path("name").asText("");
        if (name.length() > 52) errs.invalid(FieldPath.of("metadata", "name"), name, "must be no more than 52 characters");
        JsonNode spec = cj.path("spec");
        String schedule = spec.path("schedule").asText("");
        if (schedule.isEmpty()) {
            errs.required(SPEC.child("schedule"), "");
        } else {
            CronSchedule.validate(schedule).ifPresent(err -> errs.invalid(SPEC.child("schedule"), schedule, err));
            if ((schedule.contains("TZ=")) && spec.hasNonNull("timeZone")) {
                errs.invalid(SPEC.child("schedule"), schedule, "cannot use both timeZone field and TZ or CRON_TZ in schedule");
            } else if (schedule.contains("TZ=")) {
                errs.invalid(SPEC.child("schedule"), schedule, "cannot use TZ or CRON_TZ in schedule, use timeZone field instead");
            }
        }
        String policy = spec.path("concurrencyPolicy").asText("");
        if (policy.isEmpty()) errs.required(SPEC.child("concurrencyPolicy"), "");
        else if (!CONCURRENCY.contains(policy)) errs.notSupported(SPEC.child("concurrencyPolicy"), policy, CONCURRENCY);
        for (String f : new String[] {"startingDeadlineSeconds", "successfulJobsHistoryLimit", "failedJobsHistoryLimit"}) {
            WorkloadValidation.nonNegative(spec, f, SPEC, errs);
        }
        JsonNode jobTemplate = spec.get("jobTemplate");
        if (jobTemplate == null || !jobTemplate.isObject()) {
            errs.required(SPEC.child("jobTemplate"), "");
        } else {
            JobStrategy.validateSpec(jobTemplate.path("spec"), SPEC.child("jobTemplate", "spec"), errs, false);
        }
    }
}
