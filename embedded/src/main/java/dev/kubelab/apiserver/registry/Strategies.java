package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.apps.daemonset.DaemonSetStrategy;
import dev.kubelab.apiserver.registry.apps.deployment.DeploymentStrategy;
import dev.kubelab.apiserver.registry.apps.replicaset.ReplicaSetStrategy;
import dev.kubelab.apiserver.registry.apps.statefulset.StatefulSetStrategy;
import dev.kubelab.apiserver.registry.batch.cronjob.CronJobStrategy;
import dev.kubelab.apiserver.registry.batch.job.JobStrategy;
import dev.kubelab.apiserver.registry.coordination.lease.LeaseStrategy;
import dev.kubelab.apiserver.registry.core.configmap.ConfigMapStrategy;
import dev.kubelab.apiserver.registry.core.endpoint.EndpointsStrategy;
import dev.kubelab.apiserver.registry.core.event.EventStrategy;
import dev.kubelab.apiserver.registry.core.limitrange.LimitRangeStrategy;
import dev.kubelab.apiserver.registry.core.namespace.NamespaceStrategy;
import dev.kubelab.apiserver.registry.core.node.NodeStrategy;
import dev.kubelab.apiserver.registry.core.pod.PodStrategy;
import dev.kubelab.apiserver.registry.core.resourcequota.ResourceQuotaStrategy;
import dev.kubelab.apiserver.registry.core.secret.SecretStrategy;
import dev.kubelab.apiserver.registry.core.service.ServiceStrategy;
import dev.kubelab.apiserver.registry.core.serviceaccount.ServiceAccountStrategy;
import dev.kubelab.apiserver.registry.discovery.endpointslice.EndpointSliceStrategy;
import dev.kubelab.apiserver.registry.policy.poddisruptionbudget.PodDisruptionBudgetStrategy;
import dev.kubelab.apiserver.registry.rbac.RbacStrategies;
import dev.kubelab.apiserver.registry.scheduling.priorityclass.PriorityClassStrategy;
import java.util.List;
import java.util.Map;

/**
 * Looks up the strategy of a served resource. Kinds without a strategy of their own get
 * {@link #GENERIC}, which defaults and validates nothing beyond what the generic store does.
 * Strategies are stateless and shared.
 */
public final class Strategies {

    public static final ResourceStrategy GENERIC = new ResourceStrategy() {
        @Override public void applyDefaults(ObjectNode obj) {}
        @Override public void prepareForCreate(ObjectNode obj) {}
        @Override public void prepareForUpdate(ObjectNode newObj, ObjectNode oldObj) {}
        @Override public List<StatusError.Cause> validate(ObjectNode obj) { return List.of(); }
        @Override public List<StatusError.Cause> validateUpdate(ObjectNode newObj, ObjectNode oldObj) { return List.of(); }
    };

    /** Keyed by groupResource ("pods", "deployments.apps"). */
    private static final Map<String, ResourceStrategy> BY_GROUP_RESOURCE = Map.ofEntries(
            Map.entry("namespaces", new NamespaceStrategy()),
            Map.entry("nodes", new NodeStrategy()),
            Map.entry("pods", new PodStrategy()),
            Map.entry("services", new ServiceStrategy()),
            Map.entry("endpoints", new EndpointsStrategy()),
            Map.entry("events", new EventStrategy(false)),
            Map.entry("configmaps", new ConfigMapStrategy()),
            Map.entry("secrets", new SecretStrategy()),
            Map.entry("serviceaccounts", new ServiceAccountStrategy()),
            Map.entry("limitranges", new LimitRangeStrategy()),
            Map.entry("resourcequotas", new ResourceQuotaStrategy()),
            Map.entry("replicationcontrollers", new dev.kubelab.apiserver.registry.core.replicationcontroller.ReplicationControllerStrategy()),
            Map.entry("events.events.k8s.io", new EventStrategy(true)),
            Map.entry("leases.coordination.k8s.io", new LeaseStrategy()),
            Map.entry("deployments.apps", new DeploymentStrategy()),
            Map.entry("replicasets.apps", new ReplicaSetStrategy()),
            Map.entry("daemonsets.apps", new DaemonSetStrategy()),
            Map.entry("statefulsets.apps", new StatefulSetStrategy()),
            Map.entry("jobs.batch", new JobStrategy()),
            Map.entry("cronjobs.batch", new CronJobStrategy()),
            Map.entry("poddisruptionbudgets.policy", new PodDisruptionBudgetStrategy()),
            Map.entry("endpointslices.discovery.k8s.io", new EndpointSliceStrategy()),
            Map.entry("priorityclasses.scheduling.k8s.io", new PriorityClassStrategy()),
            Map.entry("roles.rbac.authorization.k8s.io", RbacStrategies.role()),
            Map.entry("clusterroles.rbac.authorization.k8s.io", RbacStrategies.clusterRole()),
            Map.entry("rolebindings.rbac.authorization.k8s.io", RbacStrategies.roleBinding()),
            Map.entry("clusterrolebindings.rbac.authorization.k8s.io", RbacStrategies.clusterRoleBinding()));

    private Strategies() {}

    public static ResourceStrategy forResource(ResourceInfo resource) {
        return BY_GROUP_RESOURCE.getOrDefault(resource.groupResource(), GENERIC);
    }
}
