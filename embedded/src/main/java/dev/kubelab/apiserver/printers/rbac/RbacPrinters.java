package dev.kubelab.apiserver.printers.rbac;

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

/** printRole / printClusterRole (NAME, CREATED AT) and printRoleBinding / printClusterRoleBinding. */
public final class RbacPrinters {

    private RbacPrinters() {}

    public static TablePrinter roles(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(), TablePrinter.createdAt()),
                (r, c) -> row(name(r), r.path("metadata").path("creationTimestamp").asText("")), clock);
    }

    public static TablePrinter bindings(Clock clock) {
        return new TablePrinter(() -> List.of(TablePrinter.name(),
                col("Role", "string", doc("io.k8s.api.rbac.v1.RoleBinding", "roleRef")),
                TablePrinter.age(),
                wide("Users", "string", "Users in the roleBinding"),
                wide("Groups", "string", "Groups in the roleBinding"),
                wide("ServiceAccounts", "string", "ServiceAccounts in the roleBinding")),
                RbacPrinters::bindingCells, clock);
    }

    static List<Object> bindingCells(ObjectNode b, Clock clock) {
        List<String> users = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        List<String> sas = new ArrayList<>();
        for (JsonNode s : b.path("subjects")) {
            String n = s.path("name").asText("");
            switch (s.path("kind").asText("")) {
                case "User" -> users.add(n);
                case "Group" -> groups.add(n);
                case "ServiceAccount" -> {
                    String ns = s.path("namespace").asText("");
                    sas.add(ns.isEmpty() ? n : ns + "/" + n);
                }
                default -> { }
            }
        }
        JsonNode ref = b.path("roleRef");
        return row(name(b), ref.path("kind").asText("") + "/" + ref.path("name").asText(""), age(b, clock),
                String.join(", ", users), String.join(", ", groups), String.join(", ", sas));
    }
}
