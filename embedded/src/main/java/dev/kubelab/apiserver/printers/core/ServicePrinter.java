package dev.kubelab.apiserver.printers.core;

import static dev.kubelab.apiserver.printers.TablePrinter.age;
import static dev.kubelab.apiserver.printers.TablePrinter.col;
import static dev.kubelab.apiserver.printers.TablePrinter.doc;
import static dev.kubelab.apiserver.printers.TablePrinter.name;
import static dev.kubelab.apiserver.printers.TablePrinter.row;
import static dev.kubelab.apiserver.printers.TablePrinter.wide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.printers.Selectors;
import dev.kubelab.apiserver.printers.TablePrinter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** printService: TYPE, CLUSTER-IP, EXTERNAL-IP (getServiceExternalIP), PORT(S) (makePortString), SELECTOR. */
public final class ServicePrinter {

    private ServicePrinter() {}

    public static TablePrinter create(Clock clock) {
        String spec = "io.k8s.api.core.v1.ServiceSpec";
        return new TablePrinter(() -> List.of(
                TablePrinter.name(),
                col("Type", "string", doc(spec, "type")),
                col("Cluster-IP", "string", doc(spec, "clusterIP")),
                col("External-IP", "string", doc(spec, "externalIPs")),
                col("Port(s)", "string", doc(spec, "ports")),
                TablePrinter.age(),
                wide("Selector", "string", doc(spec, "selector"))),
                ServicePrinter::cells, clock);
    }

    static List<Object> cells(ObjectNode svc, Clock clock) {
        JsonNode spec = svc.path("spec");
        String clusterIP = spec.path("clusterIP").asText("");
        List<String> ports = new ArrayList<>();
        for (JsonNode p : spec.path("ports")) {
            long nodePort = p.path("nodePort").asLong(0);
            ports.add(p.path("port").asLong() + (nodePort > 0 ? ":" + nodePort : "") + "/" + p.path("protocol").asText("TCP"));
        }
        return row(name(svc), spec.path("type").asText(""), clusterIP.isEmpty() ? "<none>" : clusterIP, externalIP(svc),
                ports.isEmpty() ? "<none>" : String.join(",", ports), age(svc, clock), Selectors.formatLabels(spec.get("selector")));
    }

    static String externalIP(JsonNode svc) {
        JsonNode spec = svc.path("spec");
        List<String> external = new ArrayList<>();
        spec.path("externalIPs").forEach(ip -> external.add(ip.asText()));
        switch (spec.path("type").asText("")) {
            case "ClusterIP", "NodePort":
                return external.isEmpty() ? "<none>" : String.join(",", external);
            case "LoadBalancer": {
                List<String> result = new ArrayList<>();
                for (JsonNode ing : svc.path("status").path("loadBalancer").path("ingress")) {
                    if (!ing.path("ip").asText("").isEmpty()) result.add(ing.path("ip").asText());
                    if (!ing.path("hostname").asText("").isEmpty()) result.add(ing.path("hostname").asText());
                }
                result.addAll(external);
                return result.isEmpty() ? "<pending>" : String.join(",", result);
            }
            case "ExternalName":
                return spec.path("externalName").asText("");
            default:
                return "<unknown>";
        }
    }
}
