/**
 * The simulated kubelet: one per node, run by {@link dev.kubelab.kubelet.NodeSimulator}, seeing the
 * cluster only through the Kubernetes API. No container is ever run; the Node says so
 * ({@code containerRuntimeVersion: kubelab-simulated://1.0}, containerIDs {@code kubelab-simulated://…}).
 *
 * <h2>What a pod goes through</h2>
 * <ol>
 * <li>Bound to the node: sandbox "created" — pod IP from the node's podCIDR (10.244.N.2 upward;
 *     hostNetwork pods get the node's InternalIP), startTime, PodReadyToStartContainers=True.</li>
 * <li>Init containers one at a time, then all app containers: image pull (events {@code Pulling},
 *     {@code Pulled}; 1 s simulated, or {@code already present on machine} when the node has the image
 *     and the pull policy allows — kubeadm's images are preloaded as on a kind node), then
 *     {@code Created}, {@code Started}.</li>
 * <li>Ready when started, after the readiness/startup probe's initialDelaySeconds (probes always
 *     succeed unless scripted).</li>
 * <li>Completion rule: with restartPolicy Never or OnFailure (Jobs, {@code kubectl run --restart=Never})
 *     the command "finishes" with exit 0 after 2 s (init containers: 1 s); with Always it runs forever.
 *     Restarts follow restartPolicy with the kubelet's back-off (immediate, then 10 s, 20 s, … 5 min).</li>
 * <li>Deletion: {@code Killing} "Stopping container x"; the process exits on SIGTERM (0.2 s) unless it
 *     ignores it ({@code ignore-sigterm}: SIGKILL, 137, after terminationGracePeriodSeconds); then the
 *     kubelet deletes the pod with grace period 0.</li>
 * </ol>
 * Failures are scripted only through the {@code kubelab.dev/simulate} annotation (see
 * {@link dev.kubelab.kubelet.Directives}); image names never are.
 *
 * <h2>Static pods</h2>
 * The control-plane node's kubelet "reads" kubeadm's manifests ({@link dev.kubelab.kubelet.StaticPods})
 * and creates the mirror pods {@code etcd-<node>}, {@code kube-apiserver-<node>}, … whose readiness
 * follows a health function per component (stop the scheduler: its mirror pod turns not Ready with an
 * {@code Unhealthy} event).
 *
 * <h2>Logs</h2>
 * {@code kubectl logs} shows what the node did with the container (pulled, started, probes, exit) and a
 * first line saying that no process ran — never invented application output.
 */
package dev.kubelab.kubelet;
