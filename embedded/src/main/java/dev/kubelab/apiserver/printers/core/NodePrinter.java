package dev.kubelab.apiserver.printers.core;

import static dev.kubelab.apiserver.printers.TablePrinter.age;
import static dev.kubelab.apiserver.printers.TablePrinter.col;
import static dev.kubelab.apiserver.printers.TablePrinter.doc;
import static dev.kubelab.apiserver.printers.TablePrinter.name;
import static dev.kubelab.apiserver.printers.TablePrinter.row;
import static dev.kubelab.apiserver.printers.TablePrinter.wide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.printers.TablePrinter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** printNode: STATUS from the Ready condition (+SchedulingDisabled), ROLES from node-role.kubernetes.io/* labels. */
public final class NodePrinter {

    private NodePrinter() {}

    public static TablePrinter create(Clock clock) {
        String info = "io.k8s.api.core.v1.NodeSystemInfo";
        return new TablePrinter(() -> List.of(
                TablePrinter.name(),
                col("Status", "string", "The status of the node"),
                col("Roles", "string", "The roles of the node"),
                TablePrinter.age(),
                col("Version", "string", doc(info, "kubeletVersion")),
                wide("Internal-IP", "string", doc("io.k8s.api.core.v1.NodeStatus", "addresses")),
                wide("External-IP", "string", doc("io.k8s.api.core.v1.NodeStatus", "addresses")),
                wide("OS-Image", "string", doc(info, "osImage")),
                wide("Kernel-Version", "string", doc(info, "kernelVersion")),
                wide("Container-Runtime", "string", doc(info, "containerRuntimeVersion"))),
                NodePrinter::cells, clock);
    }

    static List<Object> cells(ObjectNode node, Clock clock) {
        List<String> status = new ArrayList<>();
        for (JsonNode c : node.path("status").path("conditions")) {
            if (c.path("type").asText().equals("Ready")) {
                status.add(c.path("status").asText().equals("True") ? "Ready" : "NotReady");
            }
        }
        if (status.isEmpty()) status.add("Unknown");
        if (node.path("spec").path("unschedulable").asBoolean(false)) status.add("SchedulingDisabled");
        TreeSet<String> roles = new TreeSet<>();
        node.path("metadata").path("labels").fields().forEachRemaining(e -> {
            String k = e.getKey();
            if (k.startsWith("node-role.kubernetes.io/") && k.length() > "node-role.kubernetes.io/".length()) {
                roles.add(k.substring("node-role.kubernetes.io/".length()));
            } else if (k.equals("kubernetes.io/role") && !e.getValue().asText().isEmpty()) {
                roles.add(e.getValue().asText());
            }
        });
        JsonNode info = node.path("status").path("nodeInfo");
        return row(name(node), String.join(",", status), roles.isEmpty() ? "<none>" : String.join(",", roles),
                age(node, clock), info.path("kubeletVersion").asText(""),
                address(node, "InternalIP"), address(node, "ExternalIP"),
                orUnknown(info.path("osImage").asText("")), orUnknown(info.path("kernelVersion").asText("")),
                orUnknown(info.path("containerRuntimeVersion").asText("")));
    }

    private static String address(JsonNode node, String type) {
        for (JsonNode a : node.path("status").path("addresses")) {
            if (a.path("type").asText().equals(type)) return a.path("address").asText();
        }
        return "<none>";
    }

    private static String orUnknown(String s) {
        return s.isEmpty() ? "<unknown>" : s;
    }
}
