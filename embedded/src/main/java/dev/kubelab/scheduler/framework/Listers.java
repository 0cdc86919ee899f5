package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.ReplicationController;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.util.List;
import java.util.Map;

/**
 * Read access to the informer caches the plugins need besides pods and nodes, as the listers of
 * kube-scheduler's shared informer factory. Every method has an "empty cluster" default.
 */
public interface Listers {

    /** Labels of a namespace (namespaceSelector in affinity terms); null when unknown. */
    default Map<String, String> namespaceLabels(String namespace) { return null; }

    /** All PodDisruptionBudgets (preemption avoids violating them). */
    default List<PodDisruptionBudget> podDisruptionBudgets() { return List.of(); }

    /** Services of a namespace (PodTopologySpread's default constraints select like their selectors). */
    default List<Service> services(String namespace) { return List.of(); }

    default ReplicaSet replicaSet(String namespace, String name) { return null; }

    default StatefulSet statefulSet(String namespace, String name) { return null; }

    default ReplicationController replicationController(String namespace, String name) { return null; }

    Listers NONE = new Listers() {};
}
