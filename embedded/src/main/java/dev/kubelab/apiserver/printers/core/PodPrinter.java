package dev.kubelab.apiserver.printers.core;

import static dev.kubelab.apiserver.printers.TablePrinter.age;
import static dev.kubelab.apiserver.printers.TablePrinter.col;
import static dev.kubelab.apiserver.printers.TablePrinter.doc;
import static dev.kubelab.apiserver.printers.TablePrinter.name;
import static dev.kubelab.apiserver.printers.TablePrinter.row;
import static dev.kubelab.apiserver.printers.TablePrinter.wide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.printers.HumanDuration;
import dev.kubelab.apiserver.printers.TablePrinter;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** printPod: READY, STATUS (kubectl's reason logic: Init:0/1, CrashLoopBackOff, Completed, Terminating …), RESTARTS. */
public final class PodPrinter {

    private PodPrinter() {}

    public static TablePrinter create(Clock clock) {
        return new TablePrinter(() -> List.of(
                TablePrinter.name(),
                col("Ready", "string", "The aggregate readiness state of this pod for accepting traffic."),
                col("Status", "string", "The aggregate status of the containers in this pod."),
                col("Restarts", "string", "The number of times the containers in this pod have been restarted and when the last container in this pod has restarted."),
                TablePrinter.age(),
                wide("IP", "string", doc("io.k8s.api.core.v1.PodStatus", "podIP")),
                wide("Node", "string", doc("io.k8s.api.core.v1.PodSpec", "nodeName")),
                wide("Nominated Node", "string", doc("io.k8s.api.core.v1.PodStatus", "nominatedNodeName")),
                wide("Readiness Gates", "string", doc("io.k8s.api.core.v1.PodSpec", "readinessGates"))),
                PodPrinter::cells, clock);
    }

    static List<Object> cells(ObjectNode pod, Clock clock) {
        JsonNode spec = pod.path("spec");
        JsonNode status = pod.path("status");
        int totalContainers = spec.path("containers").size();
        int readyContainers = 0;
        int restarts = 0;
        int restartableInitRestarts = 0;
        Instant lastRestart = null;
        Instant lastRestartableInitRestart = null;
        String phase = status.path("phase").asText("");
        String reason = status.path("reason").asText("").isEmpty() ? phase : status.path("reason").asText();
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals("PodScheduled") && c.path("reason").asText().equals("SchedulingGated")) {
                reason = "SchedulingGated";
            }
        }
        Map<String, JsonNode> initContainers = new HashMap<>();
        for (JsonNode c : spec.path("initContainers")) {
            initContainers.put(c.path("name").asText(), c);
            if (restartable(c)) totalContainers++;
        }
        boolean initializing = false;
        JsonNode initStatuses = status.path("initContainerStatuses");
        for (int i = 0; i < initStatuses.size(); i++) {
            JsonNode cs = initStatuses.get(i);
            restarts += cs.path("restartCount").asInt(0);
            Instant finished = HumanDuration.parse(cs.path("lastState").path("terminated").path("finishedAt").asText(""));
            if (finished != null && (lastRestart == null || lastRestart.isBefore(finished))) lastRestart = finished;
            boolean isRestartable = restartable(initContainers.get(cs.path("name").asText()));
            if (isRestartable) {
                restartableInitRestarts += cs.path("restartCount").asInt(0);
                if (finished != null && (lastRestartableInitRestart == null || lastRestartableInitRestart.isBefore(finished))) {
                    lastRestartableInitRestart = finished;
                }
            }
            JsonNode terminated = cs.path("state").path("terminated");
            JsonNode waiting = cs.path("state").path("waiting");
            if (terminated.isObject() && terminated.path("exitCode").asInt(0) == 0) continue;
            if (isRestartable && cs.path("started").asBoolean(false)) {
                if (cs.path("ready").asBoolean(false)) readyContainers++;
                continue;
            }
            if (terminated.isObject()) {
                String r = terminated.path("reason").asText("");
                if (r.isEmpty()) {
                    int signal = terminated.path("signal").asInt(0);
                    reason = signal != 0 ? "Init:Signal:" + signal : "Init:ExitCode:" + terminated.path("exitCode").asInt(0);
                } else {
                    reason = "Init:" + r;
                }
            } else if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()
                    && !waiting.path("reason").asText().equals("PodInitializing")) {
                reason = "Init:" + waiting.path("reason").asText();
            } else {
                reason = "Init:" + i + "/" + spec.path("initContainers").size();
            }
            initializing = true;
            break;
        }
        if (!initializing || conditionTrue(status, "Initialized")) {
            restarts = restartableInitRestarts;
            lastRestart = lastRestartableInitRestart;
            boolean hasRunning = false;
            JsonNode statuses = status.path("containerStatuses");
            for (int i = statuses.size() - 1; i >= 0; i--) {
                JsonNode cs = statuses.get(i);
                restarts += cs.path("restartCount").asInt(0);
                Instant finished = HumanDuration.parse(cs.path("lastState").path("terminated").path("finishedAt").asText(""));
                if (finished != null && (lastRestart == null || lastRestart.isBefore(finished))) lastRestart = finished;
                JsonNode waiting = cs.path("state").path("waiting");
                JsonNode terminated = cs.path("state").path("terminated");
                if (waiting.isObject() && !waiting.path("reason").asText("").isEmpty()) {
                    reason = waiting.path("reason").asText();
                } else if (terminated.isObject() && !terminated.path("reason").asText("").isEmpty()) {
                    reason = terminated.path("reason").asText();
                } else if (terminated.isObject()) {
                    int signal = terminated.path("signal").asInt(0);
                    reason = signal != 0 ? "Signal:" + signal : "ExitCode:" + terminated.path("exitCode").asInt(0);
                } else if (cs.path("ready").asBoolean(false) && cs.path("state").path("running").isObject()) {
                    hasRunning = true;
                    readyContainers++;
                }
            }
            if (reason.equals("Completed") && hasRunning) {
                reason = conditionTrue(status, "Ready") ? "Running" : "NotReady";
            }
        }
        boolean deleting = !pod.path("metadata").path("deletionTimestamp").asText("").isEmpty();
        if (deleting && status.path("reason").asText("").equals("NodeLost")) {
            reason = "Unknown";
        } else if (deleting && !phase.equals("Succeeded") && !phase.equals("Failed")) {
            reason = "Terminating";
        }
        String restartsText = String.valueOf(restarts);
        if (restarts != 0 && lastRestart != null) {
            restartsText = restarts + " (" + HumanDuration.since(lastRestart.toString(), clock) + " ago)";
        }

        String podIP = status.path("podIPs").path(0).path("ip").asText(status.path("podIP").asText(""));
        String node = spec.path("nodeName").asText("");
        String nominated = status.path("nominatedNodeName").asText("");
        String gates = "<none>";
        JsonNode readinessGates = spec.path("readinessGates");
        if (!readinessGates.isEmpty()) {
            int trueConditions = 0;
            for (JsonNode gate : readinessGates) {
                for (JsonNode c : status.path("conditions")) {
                    if (c.path("type").asText().equals(gate.path("conditionType").asText())) {
                        if (c.path("status").asText().equals("True")) trueConditions++;
                        break;
                    }
                }
            }
            gates = trueConditions + "/" + readinessGates.size();
        }
        return row(name(pod), readyContainers + "/" + totalContainers, reason, restartsText, age(pod, clock),
                podIP.isEmpty() ? "<none>" : podIP, node.isEmpty() ? "<none>" : node,
                nominated.isEmpty() ? "<none>" : nominated, gates);
    }

    /** A sidecar: an init container with restartPolicy Always. */
    private static boolean restartable(JsonNode initContainer) {
        return initContainer != null && initContainer.path("restartPolicy").asText("").equals("Always");
    }

    private static boolean conditionTrue(JsonNode status, String type) {
        for (JsonNode c : status.path("conditions")) {
            if (c.path("type").asText().equals(type)) return c.path("status").asText().equals("True");
        }
        return false;
    }
}
