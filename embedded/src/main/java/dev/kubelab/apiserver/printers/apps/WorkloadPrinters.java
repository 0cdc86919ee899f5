package dev.kubelab.apiserver.printers.apps;

import static dev.kubelab.apiserver.printers.TablePrinter.age;
import static dev.kubelab.apiserver.printers.TablePrinter.col;
import static dev.kubelab.apiserver.printers.TablePrinter.doc;
import static dev.kubelab.apiserver.printers.TablePrinter.integer;
import static dev.kubelab.apiserver.printers.TablePrinter.name;
import static dev.kubelab.apiserver.printers.TablePrinter.row;
import static dev.kubelab.apiserver.printers.TablePrinter.wide;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apiserver.printers.Selectors;
import dev.kubelab.apiserver.printers.TableConvertor.Column;
import dev.kubelab.apiserver.printers.TablePrinter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** printDeployment, printReplicaSet, printDaemonSet, printStatefulSet. */
public final class WorkloadPrinters {

    private static final String APPS = "io.k8s.api.apps.v1.";

    private WorkloadPrinters() {}

    public static TablePrinter deployments(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Ready", "string", "Number of the pod with ready state"),
                col("Up-to-date", "integer", doc(APPS + "DeploymentStatus", "updatedReplicas")),
                col("Available", "integer", doc(APPS + "DeploymentStatus", "availableReplicas")),
                TablePrinter.age(), containers(), images(), selector(APPS + "DeploymentSpec")),
                (d, c) -> {
                    JsonNode spec = d.path("spec");
                    JsonNode status = d.path("status");
                    List<String> ci = containerCells(spec);
                    return row(name(d), integer(status.path("readyReplicas")) + "/" + integer(spec.path("replicas")),
                            integer(status.path("updatedReplicas")), integer(status.path("availableReplicas")), age(d, c),
                            ci.get(0), ci.get(1), Selectors.selector(spec.get("selector")));
                }, clock);
    }

    public static TablePrinter replicaSets(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Desired", "integer", doc(APPS + "ReplicaSetSpec", "replicas")),
                col("Current", "integer", doc(APPS + "ReplicaSetStatus", "replicas")),
                col("Ready", "integer", doc(APPS + "ReplicaSetStatus", "readyReplicas")),
                TablePrinter.age(), containers(), images(), selector(APPS + "ReplicaSetSpec")),
                (rs, c) -> {
                    JsonNode spec = rs.path("spec");
                    JsonNode status = rs.path("status");
                    List<String> ci = containerCells(spec);
                    return row(name(rs), integer(spec.path("replicas")), integer(status.path("replicas")),
                            integer(status.path("readyReplicas")), age(rs, c), ci.get(0), ci.get(1), Selectors.selector(spec.get("selector")));
                }, clock);
    }

    public static TablePrinter daemonSets(Clock clock) {
        String st = APPS + "DaemonSetStatus";
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Desired", "integer", doc(st, "desiredNumberScheduled")),
                col("Current", "integer", doc(st, "currentNumberScheduled")),
                col("Ready", "integer", doc(st, "numberReady")),
                col("Up-to-date", "integer", doc(st, "updatedNumberScheduled")),
                col("Available", "integer", doc(st, "numberAvailable")),
                col("Node Selector", "string", doc("io.k8s.api.core.v1.PodSpec", "nodeSelector")),
                TablePrinter.age(), containers(), images(), selector(APPS + "DaemonSetSpec")),
                (ds, c) -> {
                    JsonNode spec = ds.path("spec");
                    JsonNode status = ds.path("status");
                    List<String> ci = containerCells(spec);
                    return row(name(ds), integer(status.path("desiredNumberScheduled")), integer(status.path("currentNumberScheduled")),
                            integer(status.path("numberReady")), integer(status.path("updatedNumberScheduled")),
                            integer(status.path("numberAvailable")), Selectors.formatLabels(spec.path("template").path("spec").get("nodeSelector")),
                            age(ds, c), ci.get(0), ci.get(1), Selectors.selector(spec.get("selector")));
                }, clock);
    }

    public static TablePrinter statefulSets(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Ready", "string", "Number of the pod with ready state"), TablePrinter.age(), containers(), images()),
                (s, c) -> {
                    JsonNode spec = s.path("spec");
                    List<String> ci = containerCells(spec);
                    return row(name(s), integer(s.path("status").path("readyReplicas")) + "/" + integer(spec.path("replicas")),
                            age(s, c), ci.get(0), ci.get(1));
                }, clock);
    }

    public static Column containers() {
        return wide("Containers", "string", "Names of each container in the template.");
    }

    public static Column images() {
        return wide("Images", "string", "Images referenced by each container in the template.");
    }

    public static Column selector(String specDefinition) {
        return wide("Selector", "string", doc(specDefinition, "selector"));
    }

    /** layoutContainerCells of spec.template.spec.containers: names and images, comma-joined. */
    public static List<String> containerCells(JsonNode specWithTemplate) {
        List<String> names = new ArrayList<>();
        List<String> images = new ArrayList<>();
        for (JsonNode c : specWithTemplate.path("template").path("spec").path("containers")) {
            names.add(c.path("name").asText(""));
            images.add(c.path("image").asText(""));
        }
        return List.of(String.join(",", names), String.join(",", images));
    }
}
