package dev.kubelab.apiserver.printers.core;

import static dev.kubelab.apiserver.printers.TablePrinter.age;
import static dev.kubelab.apiserver.printers.TablePrinter.col;
import static dev.kubelab.apiserver.printers.TablePrinter.name;
import static dev.kubelab.apiserver.printers.TablePrinter.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.printers.TablePrinter;
import dev.kubelab.apiserver.validation.Quantities;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** limitranges (NAME, CREATED AT) and resourcequotas (NAME, AGE, REQUEST, LIMIT). */
public final class PolicyPrinters {

    private PolicyPrinters() {}

    public static TablePrinter limitRanges(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(), TablePrinter.createdAt()),
                (lr, c) -> row(name(lr), lr.path("metadata").path("creationTimestamp").asText("")), clock);
    }

    public static TablePrinter resourceQuotas(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(), TablePrinter.age(),
                col("Request", "string", "Request represents a minimum amount of cpu/memory that a container may consume."),
                col("Limit", "string", "Limits control the maximum amount of cpu/memory that a container may use independent of contention on the node.")),
                PolicyPrinters::quotaCells, clock);
    }

    static List<Object> quotaCells(ObjectNode rq, Clock clock) {
        TreeSet<String> resources = new TreeSet<>();
        rq.path("spec").path("hard").fieldNames().forEachRemaining(resources::add);
        List<String> requests = new ArrayList<>();
        List<String> limits = new ArrayList<>();
        for (String r : resources) {
            String used = quantity(rq.path("status").path("used").path(r));
            String hard = quantity(rq.path("status").path("hard").path(r));
            String cell = r + ": " + used + "/" + hard;
            if (r.startsWith("limits.")) limits.add(cell);
            else requests.add(cell);
        }
        return row(name(rq), age(rq, clock), String.join(", ", requests), String.join(", ", limits));
    }

    private static String quantity(JsonNode q) {
        if (q.isMissingNode() || q.isNull()) return "0";
        BigDecimal v = Quantities.parse(q.asText()).orElse(null);
        return v != null && v.signum() == 0 ? "0" : q.asText();
    }
}
