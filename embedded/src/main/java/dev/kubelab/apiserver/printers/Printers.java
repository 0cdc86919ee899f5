package dev.kubelab.apiserver.printers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.util.List;

/**
 * Looks up the Table columns of a served resource. Kinds without printers of their own get
 * kube-apiserver's default table convertor: Name and Created At.
 */
public final class Printers {

    public static final TableConvertor DEFAULT = new TableConvertor() {
        private final List<Column> columns = List.of(
                new Column("Name", "string", "name", "Name must be unique within a namespace.", 0),
                new Column("Created At", "date", "", "CreationTimestamp is a timestamp representing the server time when this object was created.", 0));

        @Override public List<Column> columns() { return columns; }

        @Override public List<Object> cells(ObjectNode obj) {
            return List.of(obj.path("metadata").path("name").asText(),
                    obj.path("metadata").path("creationTimestamp").asText());
        }
    };

    private Printers() {}

    public static TableConvertor forResource(ResourceInfo resource) {
        return DEFAULT;
    }
}
