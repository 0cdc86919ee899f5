/**
 * kube-scheduler, embedded: the same parts under the same names.
 * <ul>
 *   <li>{@link dev.kubelab.scheduler.KubeScheduler} — the component: informers, the kube-system/kube-scheduler
 *       Lease, start/stop for failure drills.</li>
 *   <li>{@link dev.kubelab.scheduler.Scheduler} — {@code ScheduleOne}: snapshot → PreFilter/Filter → PostFilter
 *       (preemption) on failure → PreScore/Score → selectHost → assume → bind (asynchronous).</li>
 *   <li>{@link dev.kubelab.scheduler.EventHandlers} — what informer events do to the cache and the queue.</li>
 *   <li>{@code framework} — CycleState, NodeInfo, Status/Code, the extension-point interfaces, FitError.</li>
 *   <li>{@code plugins.*} — one package per kube-scheduler plugin package (queuesort, nodeunschedulable,
 *       nodename, tainttoleration, nodeaffinity, nodeports, noderesources, podtopologyspread,
 *       interpodaffinity, defaultpreemption, defaultbinder); {@code plugins.DefaultProfile} assembles them.</li>
 *   <li>{@code queue} — the PriorityQueue (activeQ, backoffQ, unschedulablePods) and the nominator.</li>
 *   <li>{@code cache} — assumed pods and incremental NodeInfo snapshots.</li>
 *   <li>{@code recorder} — per-pod decision records and listeners, for explaining placements and tracing.</li>
 *   <li>{@code client} — the API calls (binding, status, delete, events) over fabric8.</li>
 * </ul>
 */
package dev.kubelab.scheduler;
