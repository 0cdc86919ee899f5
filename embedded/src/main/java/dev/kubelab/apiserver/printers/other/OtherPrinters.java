package dev.kubelab.apiserver.printers.other;

import static dev.kubelab.apiserver.printers.TablePrinter.age;
import static dev.kubelab.apiserver.printers.TablePrinter.col;
import static dev.kubelab.apiserver.printers.TablePrinter.doc;
import static dev.kubelab.apiserver.printers.TablePrinter.name;
import static dev.kubelab.apiserver.printers.TablePrinter.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.printers.TablePrinter;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/** Leases, PodDisruptionBudgets, PriorityClasses and EndpointSlices. */
public final class OtherPrinters {

    private static final int MAX = 3;

    private OtherPrinters() {}

    public static TablePrinter leases(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Holder", "string", doc("io.k8s.api.coordination.v1.LeaseSpec", "holderIdentity")), TablePrinter.age()),
                (l, c) -> row(name(l), l.path("spec").path("holderIdentity").asText(""), age(l, c)), clock);
    }

    public static TablePrinter podDisruptionBudgets(Clock clock) {
        String spec = "io.k8s.api.policy.v1.PodDisruptionBudgetSpec";
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Min Available", "string", doc(spec, "minAvailable")),
                col("Max Unavailable", "string", doc(spec, "maxUnavailable")),
                col("Allowed Disruptions", "integer", doc("io.k8s.api.policy.v1.PodDisruptionBudgetStatus", "disruptionsAllowed")),
                TablePrinter.age()),
                (p, c) -> row(name(p), intOrNA(p.path("spec").get("minAvailable")), intOrNA(p.path("spec").get("maxUnavailable")),
                        p.path("status").path("disruptionsAllowed").asLong(0), age(p, c)), clock);
    }

    private static String intOrNA(JsonNode v) {
        return v == null || v.isNull() ? "N/A" : v.asText();
    }

    public static TablePrinter priorityClasses(Clock clock) {
        String pc = "io.k8s.api.scheduling.v1.PriorityClass";
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Value", "integer", doc(pc, "value")),
                col("Global-Default", "boolean", doc(pc, "globalDefault")),
                col("PreemptionPolicy", "string", doc(pc, "preemptionPolicy")),
                TablePrinter.age()),
                (p, c) -> row(name(p), p.path("value").asLong(0), p.path("globalDefault").asBoolean(false),
                        p.path("preemptionPolicy").asText(""), age(p, c)), clock);
    }

    public static TablePrinter endpointSlices(Clock clock) {
        String es = "io.k8s.api.discovery.v1.EndpointSlice";
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("AddressType", "string", doc(es, "addressType")),
                col("Ports", "string", doc(es, "ports")),
                col("Endpoints", "string", doc(es, "endpoints")),
                TablePrinter.age()),
                (s, c) -> row(name(s), s.path("addressType").asText(""), ports(s), endpoints(s), age(s, c)), clock);
    }

    static String ports(ObjectNode slice) {
        List<String> list = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode p : slice.path("ports")) {
            if (list.size() < MAX) {
                list.add(p.hasNonNull("port") ? p.path("port").asText() : p.hasNonNull("name") ? p.path("name").asText() : "*");
            } else {
                more = true;
            }
            count++;
        }
        return withMore(list, more, count);
    }

    static String endpoints(ObjectNode slice) {
        List<String> list = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode e : slice.path("endpoints")) {
            for (JsonNode a : e.path("addresses")) {
                if (list.size() < MAX) list.add(a.asText());
                else more = true;
                count++;
            }
        }
        return withMore(list, more, count);
    }

    /** listWithMoreString. */
    private static String withMore(List<String> list, boolean more, int count) {
        String ret = String.join(",", list);
        if (more) return ret + " + " + (count - MAX) + " more...";
        return ret.isEmpty() ? "<unset>" : ret;
    }
}
