package dev.kubelab.apiserver.printers.core;

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

/** printEndpoints (formatEndpoints: at most three ip:port, then "+ N more..."). */
public final class EndpointsPrinter {

    private static final int MAX = 3;

    private EndpointsPrinter() {}

    public static TablePrinter create(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Endpoints", "string", doc("io.k8s.api.core.v1.Endpoints", "subsets")), TablePrinter.age()),
                (ep, c) -> row(name(ep), format(ep), age(ep, c)), clock);
    }

    static String format(ObjectNode ep) {
        JsonNode subsets = ep.path("subsets");
        if (subsets.isEmpty()) return "<none>";
        List<String> list = new ArrayList<>();
        boolean more = false;
        int count = 0;
        for (JsonNode ss : subsets) {
            JsonNode addrs = ss.path("addresses");
            if (ss.path("ports").isEmpty()) {
                count += addrs.size();
                for (JsonNode a : addrs) {
                    if (list.size() == MAX) { more = true; break; }
                    list.add(a.path("ip").asText());
                }
                continue;
            }
            for (JsonNode port : ss.path("ports")) {
                count += addrs.size();
                for (JsonNode a : addrs) {
                    if (list.size() == MAX) { more = true; break; }
                    String ip = a.path("ip").asText();
                    list.add((ip.contains(":") ? "[" + ip + "]" : ip) + ":" + port.path("port").asLong());
                }
            }
        }
        String ret = String.join(",", list);
        if (more) return ret + " + " + (count - MAX) + " more...";
        return ret.isEmpty() ? "<none>" : ret;
    }
}
