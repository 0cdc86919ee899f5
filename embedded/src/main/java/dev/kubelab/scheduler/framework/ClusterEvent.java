package dev.kubelab.scheduler.framework;

/**
 * A change in the cluster that can make unschedulable pods schedulable, as kube-scheduler's
 * {@code framework.ClusterEvent}: a resource and a bit set of action types.
 */
public record ClusterEvent(Kind resource, int actionType, String label) {

    public enum Kind { Pod, Node, Namespace, PodDisruptionBudget, Wildcard }

    public static final int Add = 1;
    public static final int Delete = 1 << 1;
    public static final int UpdateNodeAllocatable = 1 << 2;
    public static final int UpdateNodeLabel = 1 << 3;
    public static final int UpdateNodeTaint = 1 << 4;
    public static final int UpdateNodeCondition = 1 << 5;
    public static final int UpdatePodLabel = 1 << 6;
    public static final int UpdatePodScaleDown = 1 << 7;
    public static final int UpdatePodTolerations = 1 << 8;
    public static final int Update = UpdateNodeAllocatable | UpdateNodeLabel | UpdateNodeTaint | UpdateNodeCondition
            | UpdatePodLabel | UpdatePodScaleDown | UpdatePodTolerations;
    public static final int All = Add | Delete | Update;

    // The events the scheduler's informer handlers emit (kube-scheduler's internal/queue/events.go).
    public static final ClusterEvent ASSIGNED_POD_ADD = new ClusterEvent(Kind.Pod, Add, "AssignedPodAdd");
    public static final ClusterEvent ASSIGNED_POD_UPDATE = new ClusterEvent(Kind.Pod, UpdatePodLabel | UpdatePodScaleDown, "AssignedPodUpdate");
    public static final ClusterEvent ASSIGNED_POD_DELETE = new ClusterEvent(Kind.Pod, Delete, "AssignedPodDelete");
    public static final ClusterEvent NODE_ADD = new ClusterEvent(Kind.Node, Add, "NodeAdd");
    public static final ClusterEvent NODE_DELETE = new ClusterEvent(Kind.Node, Delete, "NodeDelete");
    public static final ClusterEvent UNSCHEDULABLE_TIMEOUT = new ClusterEvent(Kind.Wildcard, All, "UnschedulableTimeout");
    public static final ClusterEvent FORCE_ACTIVATE = new ClusterEvent(Kind.Wildcard, All, "ForceActivate");

    public static ClusterEvent of(Kind resource, int actionType) {
        return new ClusterEvent(resource, actionType, resource + "/" + actionType);
    }

    /** Whether a plugin registered for {@code this} cares about {@code event}. */
    public boolean matches(ClusterEvent event) {
        if (resource == Kind.Wildcard || event.resource == Kind.Wildcard) {
            return true;
        }
        return resource == event.resource && (actionType & event.actionType) != 0;
    }
}
