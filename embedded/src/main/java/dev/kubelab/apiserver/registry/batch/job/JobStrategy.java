package dev.kubelab.apiserver.registry.batch.job;

import static dev.kubelab.apiserver.registry.Defaulting.object;
import static dev.kubelab.apiserver.registry.Defaulting.put;
import static dev.kubelab.apiserver.registry.Defaulting.unset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.registry.apps.WorkloadValidation;
import dev.kubelab.apiserver.registry.core.podtemplate.PodTemplates;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.GoFormat;
import dev.kubelab.apiserver.validation.LabelSelectors;
import java.util.List;

/**
 * pkg/registry/batch/job/strategy.go with batch/v1 SetDefaults_Job. Like kube-apiserver, validation generates the
 * selector and the job-name / controller-uid template labels (it needs the uid the store assigned).
 */
public final class JobStrategy extends GenericStrategy {

    public static final String CONTROLLER_UID = "batch.kubernetes.io/controller-uid";
    public static final String JOB_NAME = "batch.kubernetes.io/job-name";
    private static final String LEGACY_CONTROLLER_UID = "controller-uid";
    private static final String LEGACY_JOB_NAME = "job-name";
    private static final FieldPath SPEC = FieldPath.of("spec");

    public JobStrategy() {
        super(true);
    }

    @Override protected boolean hasStatus() { return true; }
    @Override protected boolean tracksGeneration() { return true; }

    @Override
    public void applyDefaults(ObjectNode job) {
        ObjectNode spec = object(job, "spec");
        defaultSpec(spec);
        ObjectNode template = object(spec, "template");
        // As in Go, the Job's labels become the very map of its template's labels, so the labels that
        // generateSelector adds to the template show on the Job too.
        JsonNode templateLabels = template.path("metadata").get("labels");
        if (templateLabels != null && templateLabels.isObject() && job.path("metadata").path("labels").isEmpty()) {
            meta(job).set("labels", templateLabels);
        }
    }

    /** The JobSpec part of SetDefaults_Job. */
    static void defaultSpec(ObjectNode spec) {
        if (unset(spec, "completions") && unset(spec, "parallelism")) {
            spec.put("completions", 1);
            spec.put("parallelism", 1);
        }
        put(spec, "parallelism", 1);
        put(spec, "backoffLimit", unset(spec, "backoffLimitPerIndex") ? 6 : Integer.MAX_VALUE);
        put(spec, "completionMode", "NonIndexed");
        put(spec, "suspend", false);
        put(spec, "podReplacementPolicy", spec.hasNonNull("podFailurePolicy") ? "Failed" : "TerminatingOrFailed");
        PodTemplates.applyDefaults(spec.get("template"));
    }

    @Override
    protected void validateObject(ObjectNode job, FieldErrors errs) {
        JsonNode spec = job.path("spec");
        if (spec instanceof ObjectNode s && !s.path("manualSelector").asBoolean(false)) generateSelector(job, s);
        validateSpec(spec, SPEC, errs, true);
    }

    /** ValidateJobSpec (also used for CronJob job templates, where the selector is not set yet). */
    public static void validateSpec(JsonNode spec, FieldPath path, FieldErrors errs, boolean requireSelector) {
        for (String f : new String[] {"parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"}) {
            WorkloadValidation.nonNegative(spec, f, path, errs);
        }
        JsonNode deadline = spec.get("activeDeadlineSeconds");
        if (deadline != null && deadline.isNumber() && deadline.asLong() == 0) {
            errs.invalid(path.child("activeDeadlineSeconds"), deadline, "must be greater than 0");
        }
        String mode = spec.path("completionMode").asText("");
        if (!mode.isEmpty() && !List.of("NonIndexed", "Indexed").contains(mode)) {
            errs.notSupported(path.child("completionMode"), mode, List.of("NonIndexed", "Indexed"));
        }
        if (mode.equals("Indexed") && !spec.hasNonNull("completions")) {
            errs.required(path.child("completions"), "when completion mode is Indexed");
        }
        JsonNode selector = spec.get("selector");
        if (requireSelector && (selector == null || selector.isNull())) {
            errs.required(path.child("selector"), "");
        } else if (selector != null && !selector.isNull()) {
            LabelSelectors.validate(selector, path.child("selector"), errs);
            JsonNode labels = spec.path("template").path("metadata").path("labels");
            if (!LabelSelectors.isEmpty(selector) && !dev.kubelab.apimachinery.LabelSelectors.matches(selector, labels)) {
                errs.invalid(path.child("template", "metadata", "labels"), new GoFormat.Raw(GoFormat.stringMap(labels)),
                        "`selector` does not match template `labels`");
            }
        }
        JsonNode template = spec.get("template");
        PodTemplates.validate(template, path.child("template"), errs);
        String restart = spec.path("template").path("spec").path("restartPolicy").asText("");
        if (!restart.equals("OnFailure") && !restart.equals("Never")) {
            errs.notSupported(path.child("template", "spec", "restartPolicy"), restart, List.of("OnFailure", "Never"));
        }
    }

    /** generateSelector of the job strategy. */
    static void generateSelector(ObjectNode job, ObjectNode spec) {
        String uid = job.path("metadata").path("uid").asText("");
        String name = job.path("metadata").path("name").asText("");
        ObjectNode templateMeta = object(object(spec, "template"), "metadata");
        ObjectNode labels = object(templateMeta, "labels");
        for (String l : new String[] {LEGACY_JOB_NAME, JOB_NAME}) if (!labels.has(l)) labels.put(l, name);
        if (uid.isEmpty()) return; // the store assigns the uid before validation; without it there is nothing to select
        for (String l : new String[] {LEGACY_CONTROLLER_UID, CONTROLLER_UID}) if (!labels.has(l)) labels.put(l, uid);
        ObjectNode matchLabels = object(object(spec, "selector"), "matchLabels");
        if (!matchLabels.has(CONTROLLER_UID)) matchLabels.put(CONTROLLER_UID, uid);
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        JsonNode ns = n.path("spec");
        JsonNode os = o.path("spec");
        if (!ns.path("selector").equals(os.path("selector"))) {
            errs.immutable(SPEC.child("selector"), new GoFormat.Raw("&" + GoFormat.labelSelector(ns.path("selector"))));
        }
        if (os.path("completionMode").asText("NonIndexed").equals("NonIndexed") && !ns.path("completions").equals(os.path("completions"))) {
            errs.immutable(SPEC.child("completions"), ns.path("completions"));
        }
        if (!ns.path("completionMode").equals(os.path("completionMode"))) {
            errs.immutable(SPEC.child("completionMode"), ns.path("completionMode"));
        }
        if (!ns.path("template").equals(os.path("template"))) {
            errs.immutable(SPEC.child("template"), new GoFormat.Raw("core.PodTemplateSpec{...}"));
        }
    }
}
