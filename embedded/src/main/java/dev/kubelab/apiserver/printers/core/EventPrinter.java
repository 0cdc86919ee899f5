package dev.kubelab.apiserver.printers.core;

import static dev.kubelab.apiserver.printers.TablePrinter.col;
import static dev.kubelab.apiserver.printers.TablePrinter.doc;
import static dev.kubelab.apiserver.printers.TablePrinter.name;
import static dev.kubelab.apiserver.printers.TablePrinter.row;
import static dev.kubelab.apiserver.printers.TablePrinter.wide;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.printers.HumanDuration;
import dev.kubelab.apiserver.printers.TableConvertor.Column;
import dev.kubelab.apiserver.printers.TablePrinter;
import java.time.Clock;
import java.util.List;
import java.util.Locale;

/**
 * printEvent, for core/v1 events and for events.k8s.io/v1 events (which kube-apiserver converts to the same
 * internal Event before printing, so their columns are the same).
 */
public final class EventPrinter {

    private EventPrinter() {}

    public static TablePrinter create(Clock clock, boolean eventsApi) {
        String ev = "io.k8s.api.core.v1.Event";
        return new TablePrinter(() -> List.of(
                col("Last Seen", "string", doc(ev, "lastTimestamp")),
                col("Type", "string", doc(ev, "type")),
                col("Reason", "string", doc(ev, "reason")),
                col("Object", "string", doc(ev, "involvedObject")),
                wide("Subobject", "string", doc("io.k8s.api.core.v1.ObjectReference", "fieldPath")),
                wide("Source", "string", doc(ev, "source")),
                col("Message", "string", doc(ev, "message")),
                wide("First Seen", "string", doc(ev, "firstTimestamp")),
                wide("Count", "string", doc(ev, "count")),
                new Column("Name", "string", "name", doc("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "name"), 1)),
                (obj, c) -> cells(obj, c, eventsApi), clock);
    }

    static List<Object> cells(ObjectNode e, Clock clock, boolean eventsApi) {
        JsonNode involved = e.path(eventsApi ? "regarding" : "involvedObject");
        String firstTs = e.path(eventsApi ? "deprecatedFirstTimestamp" : "firstTimestamp").asText("");
        String lastTs = e.path(eventsApi ? "deprecatedLastTimestamp" : "lastTimestamp").asText("");
        String first = HumanDuration.parse(firstTs) == null ? HumanDuration.since(e.path("eventTime").asText(""), clock)
                : HumanDuration.since(firstTs, clock);
        String last = HumanDuration.parse(lastTs) == null ? first : HumanDuration.since(lastTs, clock);
        long count = e.path(eventsApi ? "deprecatedCount" : "count").asLong(0);
        JsonNode series = e.path("series");
        if (series.isObject()) {
            last = HumanDuration.since(series.path("lastObservedTime").asText(""), clock);
            count = series.path("count").asLong(0);
        } else if (count == 0) {
            count = 1;
        }
        String kind = involved.path("kind").asText("").toLowerCase(Locale.ROOT);
        String target = involved.path("name").asText("").isEmpty() ? kind : kind + "/" + involved.path("name").asText();
        JsonNode source = e.path(eventsApi ? "deprecatedSource" : "source");
        String component = first(source.path("component").asText(""), e.path("reportingController").asText(e.path("reportingComponent").asText("")));
        String instance = first(source.path("host").asText(""), e.path("reportingInstance").asText(""));
        String sourceText = instance.isEmpty() ? component : component + ", " + instance;
        String message = e.path(eventsApi ? "note" : "message").asText("").strip();
        return row(last, e.path("type").asText(""), e.path("reason").asText(""), target, involved.path("fieldPath").asText(""),
                sourceText, message, first, count, name(e));
    }

    private static String first(String a, String b) {
        return a.isEmpty() ? b : a;
    }
}
