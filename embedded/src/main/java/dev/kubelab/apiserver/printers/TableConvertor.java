package dev.kubelab.apiserver.printers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;

/**
 * The columns `kubectl get` prints for a kind, as kube-apiserver's printers
 * (pkg/printers/internalversion/printers.go). Columns with priority 1 show only with -o wide.
 */
public interface TableConvertor {

    /** meta/v1 TableColumnDefinition. */
    record Column(String name, String type, String format, String description, int priority) {}

    List<Column> columns();

    /** One cell per column, in column order: String, Long/Integer, Boolean or null. */
    List<Object> cells(ObjectNode obj);
}
