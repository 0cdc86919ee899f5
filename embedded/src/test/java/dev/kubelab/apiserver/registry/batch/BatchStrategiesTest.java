package dev.kubelab.apiserver.registry.batch;

import static dev.kubelab.apiserver.registry.Fixtures.create;
import static dev.kubelab.apiserver.registry.Fixtures.lines;
import static dev.kubelab.apiserver.registry.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.Fixtures;
import dev.kubelab.apiserver.registry.ResourceStrategy;
import dev.kubelab.apiserver.registry.batch.cronjob.CronSchedule;
import org.junit.jupiter.api.Test;

class BatchStrategiesTest {

    private final ResourceStrategy jobs = Fixtures.strategy("batch", "Job", "jobs", true);
    private final ResourceStrategy cronjobs = Fixtures.strategy("batch", "CronJob", "cronjobs", true);

    /** `kubectl create job pi --image=perl -- perl -e 1 --dry-run=client -o yaml`, plus the uid the store assigns. */
    private static ObjectNode pi() {
        return yaml("""
                apiVersion: batch/v1
                kind: Job
                metadata: {name: pi, namespace: default, uid: 6d1f7c1e-1111-2222-3333-444455556666}
                spec:
                  template:
                    metadata: {creationTimestamp: null}
                    spec:
                      containers:
                      - command: [perl, -e, "1"]
                        image: perl
                        name: pi
                        resources: {}
                      restartPolicy: Never
                status: {}
                """);
    }

    @Test
    void jobDefaultsAndGeneratedSelector() {
        ObjectNode job = pi();
        assertThat(create(jobs, job)).isEmpty();
        assertThat(job.at("/spec/backoffLimit").asInt()).isEqualTo(6);
        assertThat(job.at("/spec/completions").asInt()).isEqualTo(1);
        assertThat(job.at("/spec/parallelism").asInt()).isEqualTo(1);
        assertThat(job.at("/spec/completionMode").asText()).isEqualTo("NonIndexed");
        assertThat(job.at("/spec/suspend").asBoolean()).isFalse();
        assertThat(job.at("/spec/podReplacementPolicy").asText()).isEqualTo("TerminatingOrFailed");
        String uid = "6d1f7c1e-1111-2222-3333-444455556666";
        assertThat(job.at("/spec/selector/matchLabels").toString()).isEqualTo("{\"batch.kubernetes.io/controller-uid\":\"" + uid + "\"}");
        assertThat(job.at("/spec/template/metadata/labels/batch.kubernetes.io~1job-name").asText()).isEqualTo("pi");
        assertThat(job.at("/spec/template/metadata/labels/controller-uid").asText()).isEqualTo(uid);
        assertThat(job.at("/metadata/generation").asLong()).isEqualTo(1);
    }

    @Test
    void jobRejectsRestartAlwaysAndTemplateChanges() {
        ObjectNode job = pi();
        ((ObjectNode) job.at("/spec/template/spec")).put("restartPolicy", "Always");
        assertThat(lines(create(jobs, job))).containsExactly(
                "spec.template.spec.restartPolicy: Unsupported value: \"Always\": supported values: \"OnFailure\", \"Never\"");

        ObjectNode ok = pi();
        create(jobs, ok);
        ObjectNode changed = ok.deepCopy();
        ((ObjectNode) changed.at("/spec/template/spec/containers/0")).put("image", "perl:5");
        jobs.prepareForUpdate(changed, ok);
        assertThat(lines(jobs.validateUpdate(changed, ok))).singleElement().asString()
                .startsWith("spec.template: Invalid value: ").endsWith(": field is immutable");
    }

    @Test
    void cronJobDefaultsAndSchedule() {
        ObjectNode cj = yaml("""
                apiVersion: batch/v1
                kind: CronJob
                metadata: {name: hello, namespace: default}
                spec:
                  schedule: "*/1 * * * *"
                  jobTemplate:
                    metadata: {creationTimestamp: null, name: hello}
                    spec:
                      template:
                        spec:
                          containers: [{name: hello, image: busybox, resources: {}}]
                          restartPolicy: OnFailure
                """);
        assertThat(create(cronjobs, cj)).isEmpty();
        assertThat(cj.at("/spec/concurrencyPolicy").asText()).isEqualTo("Allow");
        assertThat(cj.at("/spec/suspend").asBoolean()).isFalse();
        assertThat(cj.at("/spec/successfulJobsHistoryLimit").asInt()).isEqualTo(3);
        assertThat(cj.at("/spec/failedJobsHistoryLimit").asInt()).isEqualTo(1);
        assertThat(cj.at("/spec/jobTemplate/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(cj.at("/spec/jobTemplate/spec/backoffLimit").isMissingNode()).isTrue();

        ObjectNode bad = cj.deepCopy();
        bad.with("spec").put("schedule", "every minute");
        assertThat(lines(cronjobs.validate(bad))).containsExactly(
                "spec.schedule: Invalid value: \"every minute\": expected exactly 5 fields, found 2: [every minute]");
    }

    @Test
    void cronParserAcceptsWhatRobfigAccepts() {
        assertThat(CronSchedule.validate("0 0 * * 1-5")).isEmpty();
        assertThat(CronSchedule.validate("*/15 2,14 1 jan-jun MON")).isEmpty();
        assertThat(CronSchedule.validate("@hourly")).isEmpty();
        assertThat(CronSchedule.validate("0 0 ? * *")).isEmpty();
        assertThat(CronSchedule.validate("61 * * * *")).contains("end of range (61) above maximum (59): 61");
        assertThat(CronSchedule.validate("* * * * 7")).contains("end of range (7) above maximum (6): 7");
        assertThat(CronSchedule.validate("*/0 * * * *")).contains("step of range should be a positive number: */0");
        assertThat(CronSchedule.validate("x * * * *")).contains("failed to parse int from x: strconv.Atoi: parsing \"x\": invalid syntax");
        assertThat(CronSchedule.validate("@often")).contains("unrecognized descriptor: @often");
    }
}
