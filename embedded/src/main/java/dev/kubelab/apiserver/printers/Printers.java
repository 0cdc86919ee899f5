package dev.kubelab.apiserver.printers;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.printers.apps.WorkloadPrinters;
import dev.kubelab.apiserver.printers.batch.BatchPrinters;
import dev.kubelab.apiserver.printers.core.ConfigPrinters;
import dev.kubelab.apiserver.printers.core.EndpointsPrinter;
import dev.kubelab.apiserver.printers.core.EventPrinter;
import dev.kubelab.apiserver.printers.core.NodePrinter;
import dev.kubelab.apiserver.printers.core.PodPrinter;
import dev.kubelab.apiserver.printers.core.PolicyPrinters;
import dev.kubelab.apiserver.printers.core.ServicePrinter;
import dev.kubelab.apiserver.printers.other.OtherPrinters;
import dev.kubelab.apiserver.printers.rbac.RbacPrinters;
import dev.kubelab.apiserver.registry.ResourceInfo;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Looks up the Table columns of a served resource. Kinds without printers of their own get
 * kube-apiserver's default table convertor: Name and Created At.
 */
public final class Printers {

    /** rest.NewDefaultTableConvertor: Name and Created At, described by ObjectMeta's field docs. */
    public static final TableConvertor DEFAULT = new TableConvertor() {
        private volatile List<Column> columns;

        @Override public List<Column> columns() {
            List<Column> c = columns;
            if (c == null) columns = c = List.of(TablePrinter.name(), TablePrinter.createdAt());
            return c;
        }

        @Override public List<Object> cells(ObjectNode obj) {
            return List.of(obj.path("metadata").path("name").asText(),
                    obj.path("metadata").path("creationTimestamp").asText());
        }
    };

    /** Keyed by groupResource, as in pkg/printers/internalversion AddHandlers. */
    private static final Map<String, Function<Clock, TableConvertor>> FACTORIES = Map.ofEntries(
            Map.entry("pods", PodPrinter::create),
            Map.entry("nodes", NodePrinter::create),
            Map.entry("services", ServicePrinter::create),
            Map.entry("endpoints", EndpointsPrinter::create),
            Map.entry("events", c -> EventPrinter.create(c, false)),
            Map.entry("events.events.k8s.io", c -> EventPrinter.create(c, true)),
            Map.entry("namespaces", ConfigPrinters::namespaces),
            Map.entry("configmaps", ConfigPrinters::configMaps),
            Map.entry("secrets", ConfigPrinters::secrets),
            Map.entry("serviceaccounts", ConfigPrinters::serviceAccounts),
            Map.entry("limitranges", PolicyPrinters::limitRanges),
            Map.entry("resourcequotas", PolicyPrinters::resourceQuotas),
            Map.entry("deployments.apps", WorkloadPrinters::deployments),
            Map.entry("replicasets.apps", WorkloadPrinters::replicaSets),
            Map.entry("daemonsets.apps", WorkloadPrinters::daemonSets),
            Map.entry("statefulsets.apps", WorkloadPrinters::statefulSets),
            Map.entry("jobs.batch", BatchPrinters::jobs),
            Map.entry("cronjobs.batch", BatchPrinters::cronJobs),
            Map.entry("leases.coordination.k8s.io", OtherPrinters::leases),
            Map.entry("poddisruptionbudgets.policy", OtherPrinters::podDisruptionBudgets),
            Map.entry("priorityclasses.scheduling.k8s.io", OtherPrinters::priorityClasses),
            Map.entry("endpointslices.discovery.k8s.io", OtherPrinters::endpointSlices),
            Map.entry("roles.rbac.authorization.k8s.io", RbacPrinters::roles),
            Map.entry("clusterroles.rbac.authorization.k8s.io", RbacPrinters::roles),
            Map.entry("rolebindings.rbac.authorization.k8s.io", RbacPrinters::bindings),
            Map.entry("clusterrolebindings.rbac.authorization.k8s.io", RbacPrinters::bindings));

    private static final Map<String, TableConvertor> SYSTEM_CLOCK = new ConcurrentHashMap<>();

    private Printers() {}

    /** The printer of a resource, computing ages against the system clock. */
    public static TableConvertor forResource(ResourceInfo resource) {
        return SYSTEM_CLOCK.computeIfAbsent(resource.groupResource(), gr -> forResource(resource, Clock.systemUTC()));
    }

    /** The printer of a resource with ages computed against clock (tests, replays). */
    public static TableConvertor forResource(ResourceInfo resource, Clock clock) {
        Function<Clock, TableConvertor> factory = FACTORIES.get(resource.groupResource());
        return factory == null ? DEFAULT : factory.apply(clock);
    }
}
