package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.TraceSource;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns the control plane's records during a traced cell into the steps a learner should see: writes (requests that
 * change objects, and the etcd writes they cause) and the watch notifications that wake the scheduler, the
 * controllers and the kubelets. Reads and the background heartbeat traffic (leases, node status) are left out unless
 * {@code --all}, so the pod-creation flow reads at a glance.
 */
final class TraceReport {
    private static final Set<String> MUTATING = Set.of("create", "update", "patch", "delete", "deletecollection");
    private static final Set<String> HEARTBEAT = Set.of("leases", "leases.coordination.k8s.io", "nodes/status", "nodes");

    private TraceReport() {
    }

    static boolean heartbeat(TraceSource.Event e) {
        if (e.kind() == TraceSource.Kind.STORAGE) {
            return e.key() != null && (e.key().startsWith("/registry/leases/") || e.key().startsWith("/registry/minions/"));
        }
        String r = e.resource() == null ? "" : e.resource();
        return HEARTBEAT.contains(r) || r.startsWith("leases");
    }

    /** True for a change a learner caused or the control plane made in response (not heartbeats, not reads). */
    static boolean activity(TraceSource.Event e) {
        if (heartbeat(e)) return false;
        return switch (e.kind()) {
            case REQUEST -> MUTATING.contains(e.verb());
            case STORAGE -> true;
            case WATCH -> false;
        };
    }

    /**
     * @param phases pod key → (revision → phase) seen by the tracer's own watch, to say which status write made a pod Running
     */
    static List<TraceStep> steps(List<TraceSource.Event> events, long startNanos, boolean all, Map<String, Map<Long, String>> phases,
                                 Map<String, String> podNodes) {
        List<TraceStep> out = new ArrayList<>();
        Set<String> seenWatch = new HashSet<>();
        // a request is recorded when it completes but stamped with its start: order by time so it precedes its etcd write
        events = new ArrayList<>(storedWhenFirstSeen(events));
        events.sort(java.util.Comparator.comparingLong(TraceSource.Event::nanos));
        for (int i = 0; i < events.size(); i++) {
            TraceSource.Event e = events.get(i);
            String agent = e.userAgent() == null ? "" : e.userAgent();
            if (agent.startsWith(Lanes.TRACER_AGENT)) continue;
            double ms = (e.nanos() - startNanos) / 1e6;
            switch (e.kind()) {
                case REQUEST -> {
                    if (!all && (!MUTATING.contains(e.verb()) || heartbeat(e))) continue;
                    String objectName = e.name() != null ? e.name() : createdName(events, i);
                    String lane = kubelet(Lanes.of(e), e, objectName, podNodes);
                    String target = (e.namespace() != null ? e.namespace() + "/" : "") + (objectName != null ? objectName : "");
                    String label = e.verb() + " " + (e.resource() == null ? "" : e.resource()) + (target.isEmpty() ? "" : " " + target)
                            + (e.code() >= 400 ? " → " + e.code() : "");
                    out.add(new TraceStep(ms, lane, Lanes.APISERVER, TraceStep.Kind.REQUEST, label.strip(), Lanes.who(e)));
                }
                case STORAGE -> {
                    if (!all && heartbeat(e)) continue;
                    String phase = phases.getOrDefault(e.key(), Map.of()).get(e.revision());
                    String label = e.verb().toUpperCase(Locale.ROOT) + " " + e.key() + " rev " + e.revision()
                            + (phase != null ? " (phase " + phase + ")" : "");
                    out.add(new TraceStep(ms, Lanes.APISERVER, Lanes.ETCD, TraceStep.Kind.STORAGE, label, "kube-apiserver"));
                }
                case WATCH -> {
                    if (!all && heartbeat(e)) continue;
                    String lane = Lanes.of(e);
                    // simulated kubelets share one pod watch (as the control-plane node): a pod event belongs to the
                    // kubelet of the node the pod is bound to
                    if (lane.startsWith("kubelet@") && e.resource() != null && e.resource().startsWith("pods")) lane = Lanes.KUBELET_UNKNOWN_NODE;
                    lane = kubelet(lane, e, e.name(), podNodes);
                    if (lane.equals(Lanes.USER) && !all) continue;
                    String r = e.resource() == null ? "" : e.resource();
                    if (!all && (r.startsWith("events") || r.startsWith("endpoints") || r.startsWith("endpointslices"))) continue;
                    String key = lane + "|" + r + "|" + e.namespace() + "|" + e.name() + "|" + e.revision();
                    if (!seenWatch.add(key)) continue;
                    String target = (e.namespace() != null ? e.namespace() + "/" : "") + (e.name() != null ? e.name() : "");
                    out.add(new TraceStep(ms, Lanes.APISERVER, lane, TraceStep.Kind.WATCH, "watch " + e.verb() + " " + r + " " + target,
                            e.user() == null ? "" : e.user()));
                }
            }
        }
        return out;
    }

    /**
     * A kubelet sharing one identity with the others is placed on its node through the object it touched: a node or
     * lease is named after the node, a pod (or an event about it, named {@code POD.HASH}) runs on spec.nodeName.
     */
    static String kubelet(String lane, TraceSource.Event e, String name, Map<String, String> podNodes) {
        if (!lane.equals(Lanes.KUBELET_UNKNOWN_NODE)) return lane;
        String r = e.resource() == null ? "" : e.resource();
        if (name == null) return "kubelet";
        if (r.startsWith("nodes") || r.startsWith("leases")) return "kubelet@" + name;
        String pod = r.startsWith("events") && name.contains(".") ? name.substring(0, name.lastIndexOf('.')) : name;
        String node = podNodes.get(e.namespace() + "/" + pod);
        return node != null ? "kubelet@" + node : "kubelet";
    }

    /**
     * etcd writes are recorded when the API server sees the write complete, which can be after etcd already notified
     * watchers; a write happened no later than the first watch notification carrying its revision.
     */
    static List<TraceSource.Event> storedWhenFirstSeen(List<TraceSource.Event> events) {
        Map<Long, Long> firstWatch = new java.util.HashMap<>();
        for (TraceSource.Event e : events) {
            if (e.kind() == TraceSource.Kind.WATCH && e.revision() > 0) firstWatch.merge(e.revision(), e.nanos(), Math::min);
        }
        List<TraceSource.Event> out = new ArrayList<>(events.size());
        for (TraceSource.Event e : events) {
            Long seen = e.kind() == TraceSource.Kind.STORAGE ? firstWatch.get(e.revision()) : null;
            if (seen != null && seen <= e.nanos()) {
                e = new TraceSource.Event(seen - 1, e.epochMillis(), e.kind(), e.user(), e.userAgent(), e.verb(), e.resource(),
                        e.namespace(), e.name(), e.code(), e.key(), e.revision());
            }
            out.add(e);
        }
        return out;
    }

    /**
     * A create request names its object only in the body; the etcd write it causes names it in the key
     * ({@code /registry/configmaps/default/web}), so take the name from the next create under that resource.
     */
    static String createdName(List<TraceSource.Event> events, int request) {
        TraceSource.Event r = events.get(request);
        if (!"create".equals(r.verb()) || r.resource() == null || r.resource().contains("/")) return null;
        String base = r.resource().contains(".") ? r.resource().substring(0, r.resource().indexOf('.')) : r.resource();
        String prefix = "/" + base + "/" + (r.namespace() != null ? r.namespace() + "/" : "");
        for (int j = request + 1; j < Math.min(events.size(), request + 50); j++) {
            TraceSource.Event e = events.get(j);
            if (e.kind() == TraceSource.Kind.STORAGE && "create".equalsIgnoreCase(e.verb()) && e.key() != null && e.key().contains(prefix)) {
                return e.key().substring(e.key().lastIndexOf('/') + 1);
            }
        }
        return null;
    }

    /** Lanes in the diagram's order: the fixed ones, then each kubelet, then anything else seen. */
    static List<String> lanes(List<TraceStep> steps, List<String> nodes) {
        Set<String> lanes = new LinkedHashSet<>(List.of(Lanes.USER, Lanes.APISERVER, Lanes.ETCD, Lanes.SCHEDULER, Lanes.CONTROLLER_MANAGER));
        for (String n : nodes) lanes.add("kubelet@" + n);
        for (TraceStep s : steps) {
            lanes.add(s.from());
            lanes.add(s.to());
        }
        return new ArrayList<>(lanes);
    }
}
