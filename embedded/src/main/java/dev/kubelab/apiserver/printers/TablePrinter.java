package dev.kubelab.apiserver.printers;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.openapi.Definitions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import java.util.function.Supplier;

/**
 * One kind's columns and row function, as pkg/printers/internalversion/printers.go registers them with
 * AddHandlers. The server always prints the wide (priority 1) cells too; kubectl hides them without -o wide.
 */
public final class TablePrinter implements TableConvertor {

    private final Supplier<List<Column>> columnFactory;
    private final BiFunction<ObjectNode, Clock, List<Object>> cells;
    private final Clock clock;
    private volatile List<Column> columns;

    /**
     * @param columns built on first use: their descriptions come from the bundled schema, which is loaded only
     *                when a table is first asked for (not when the API server starts)
     */
    public TablePrinter(Supplier<List<Column>> columns, BiFunction<ObjectNode, Clock, List<Object>> cells, Clock clock) {
        this.columnFactory = columns;
        this.cells = cells;
        this.clock = clock;
    }

    @Override
    public List<Column> columns() {
        List<Column> c = columns;
        if (c == null) {
            c = List.copyOf(columnFactory.get());
            columns = c;
        }
        return c;
    }

    @Override
    public List<Object> cells(ObjectNode obj) {
        List<Object> row = cells.apply(obj, clock);
        if (row.size() != columns().size()) {
            throw new IllegalStateException("printer produced " + row.size() + " cells for " + columns().size() + " columns");
        }
        return row;
    }

    // ---- column helpers: descriptions are the API's field docs (SwaggerDoc), read from the bundled schema ----

    public static Column name() {
        return new Column("Name", "string", "name", doc("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "name"), 0);
    }

    public static Column age() {
        return new Column("Age", "string", "", doc("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp"), 0);
    }

    public static Column createdAt() {
        return new Column("Created At", "date", "", doc("io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta", "creationTimestamp"), 0);
    }

    public static Column col(String name, String type, String description) {
        return new Column(name, type, "", description, 0);
    }

    public static Column wide(String name, String type, String description) {
        return new Column(name, type, "", description, 1);
    }

    /** The description of a field of an API definition, e.g. doc("io.k8s.api.core.v1.PodStatus", "podIP"). */
    public static String doc(String definition, String field) {
        return Definitions.get().definition(definition)
                .map(d -> d.path("properties").path(field).path("description").asText(""))
                .orElse("");
    }

    // ---- cell helpers ----

    public static String name(JsonNode obj) {
        return obj.path("metadata").path("name").asText("");
    }

    public static String age(JsonNode obj, Clock clock) {
        return HumanDuration.since(obj.path("metadata").path("creationTimestamp").asText(""), clock);
    }

    public static long integer(JsonNode node) {
        return node.asLong(0);
    }

    public static List<Object> row(Object... cells) {
        List<Object> row = new ArrayList<>(cells.length);
        for (Object c : cells) row.add(c);
        return row;
    }
}
