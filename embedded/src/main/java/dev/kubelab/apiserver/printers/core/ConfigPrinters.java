package dev.kubelab.apiserver.printers.core;

import static dev.kubelab.apiserver.printers.TablePrinter.age;
import static dev.kubelab.apiserver.printers.TablePrinter.col;
import static dev.kubelab.apiserver.printers.TablePrinter.doc;
import static dev.kubelab.apiserver.printers.TablePrinter.name;
import static dev.kubelab.apiserver.printers.TablePrinter.row;

import dev.kubelab.apiserver.printers.TablePrinter;
import java.time.Clock;
import java.util.List;

/** The small core kinds: namespaces, configmaps, secrets, serviceaccounts. */
public final class ConfigPrinters {

    private ConfigPrinters() {}

    public static TablePrinter namespaces(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(), col("Status", "string", "The status of the namespace"), TablePrinter.age()),
                (ns, c) -> row(name(ns), ns.path("status").path("phase").asText(""), age(ns, c)), clock);
    }

    public static TablePrinter configMaps(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(), col("Data", "integer", doc("io.k8s.api.core.v1.ConfigMap", "data")), TablePrinter.age()),
                (cm, c) -> row(name(cm), (long) (cm.path("data").size() + cm.path("binaryData").size()), age(cm, c)), clock);
    }

    public static TablePrinter secrets(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(), col("Type", "string", doc("io.k8s.api.core.v1.Secret", "type")),
                col("Data", "integer", doc("io.k8s.api.core.v1.Secret", "data")), TablePrinter.age()),
                (s, c) -> row(name(s), s.path("type").asText(""), (long) s.path("data").size(), age(s, c)), clock);
    }

    public static TablePrinter serviceAccounts(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(), col("Secrets", "integer", doc("io.k8s.api.core.v1.ServiceAccount", "secrets")), TablePrinter.age()),
                (sa, c) -> row(name(sa), (long) sa.path("secrets").size(), age(sa, c)), clock);
    }
}
