package dev.kubelab.apiserver.printers.batch;

import static dev.kubelab.apiserver.printers.TablePrinter.age;
import static dev.kubelab.apiserver.printers.TablePrinter.col;
import static dev.kubelab.apiserver.printers.TablePrinter.doc;
import static dev.kubelab.apiserver.printers.TablePrinter.name;
import static dev.kubelab.apiserver.printers.TablePrinter.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.printers.HumanDuration;
import dev.kubelab.apiserver.printers.Selectors;
import dev.kubelab.apiserver.printers.TablePrinter;
import dev.kubelab.apiserver.printers.apps.WorkloadPrinters;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/** printJob (STATUS, COMPLETIONS, DURATION as of Kubernetes 1.31) and printCronJob. */
public final class BatchPrinters {

    private static final String BATCH = "io.k8s.api.batch.v1.";

    private BatchPrinters() {}

    public static TablePrinter jobs(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Status", "string", "Status of the job."),
                col("Completions", "string", doc(BATCH + "JobStatus", "succeeded")),
                col("Duration", "string", "Time required to complete the job."),
                TablePrinter.age(), WorkloadPrinters.containers(), WorkloadPrinters.images(), WorkloadPrinters.selector(BATCH + "JobSpec")),
                BatchPrinters::jobCells, clock);
    }

    static List<Object> jobCells(ObjectNode job, Clock clock) {
        JsonNode spec = job.path("spec");
        JsonNode status = job.path("status");
        long succeeded = status.path("succeeded").asLong(0);
        String completions;
        if (spec.hasNonNull("completions")) {
            completions = succeeded + "/" + spec.path("completions").asLong();
        } else if (!spec.hasNonNull("parallelism")) {
            completions = succeeded + "/1";
        } else {
            long parallelism = spec.path("parallelism").asLong();
            completions = parallelism > 1 ? succeeded + "/1 of " + parallelism : succeeded + "/1";
        }
        Instant start = HumanDuration.parse(status.path("startTime").asText(""));
        Instant done = HumanDuration.parse(status.path("completionTime").asText(""));
        String duration = start == null ? "" : HumanDuration.format(Duration.between(start, done == null ? clock.instant() : done));
        List<String> ci = WorkloadPrinters.containerCells(spec);
        return row(name(job), jobStatus(job), completions, duration, age(job, clock), ci.get(0), ci.get(1),
                Selectors.selector(spec.get("selector")));
    }

    static String jobStatus(JsonNode job) {
        JsonNode conditions = job.path("status").path("conditions");
        if (condition(conditions, "Complete")) return "Complete";
        if (condition(conditions, "Failed")) return "Failed";
        if (!job.path("metadata").path("deletionTimestamp").asText("").isEmpty()) return "Terminating";
        if (condition(conditions, "Suspended")) return "Suspended";
        if (condition(conditions, "FailureTarget")) return "FailureTarget";
        if (condition(conditions, "SuccessCriteriaMet")) return "SuccessCriteriaMet";
        return "Running";
    }

    private static boolean condition(JsonNode conditions, String type) {
        for (JsonNode c : conditions) {
            if (c.path("type").asText().equals(type) && c.path("status").asText().equals("True")) return true;
        }
        return false;
    }

    public static TablePrinter cronJobs(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Schedule", "string", doc(BATCH + "CronJobSpec", "schedule")),
                col("Timezone", "string", doc(BATCH + "CronJobSpec", "timeZone")),
                col("Suspend", "boolean", doc(BATCH + "CronJobSpec", "suspend")),
                col("Active", "integer", doc(BATCH + "CronJobStatus", "active")),
                col("Last Schedule", "string", doc(BATCH + "CronJobStatus", "lastScheduleTime")),
                TablePrinter.age(), WorkloadPrinters.containers(), WorkloadPrinters.images(), WorkloadPrinters.selector(BATCH + "JobSpec")),
                (cj, c) -> {
                    JsonNode spec = cj.path("spec");
                    String last = cj.path("status").path("lastScheduleTime").asText("");
                    JsonNode jobSpec = spec.path("jobTemplate").path("spec");
                    List<String> ci = WorkloadPrinters.containerCells(jobSpec);
                    return row(name(cj), spec.path("schedule").asText(""), spec.path("timeZone").asText("<none>"),
                            spec.path("suspend").asBoolean(false), (long) cj.path("status").path("active").size(),
                            last.isEmpty() ? "<none>" : HumanDuration.since(last, c), age(cj, c), ci.get(0), ci.get(1),
                            Selectors.selector(jobSpec.get("selector")));
                }, clock);
    }
}
