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
    static List<TraceStep> steps(List<TraceSource.Event> events, long startNanos, boolean all, Map<String, Map<Long, String>> phases) {
        List<TraceStep> out = new ArrayList<>();
        Set<String> seenWatch = new HashSet<>();
        for (TraceSource.Event e : events) {
            String agent = e.userAgent() == null ? "" : e.userAgent();
            if (agent.startsWith(Lanes.TRACER_AGENT)) continue;
            double ms = (e.nanos() - startNanos) / 1e6;
            switch (e.kind()) {
                case REQUEST -> {
                    if (!all && (!MUTATING.contains(e.verb()) || heartbeat(e))) continue;
                    String lane = Lanes.of(e);
                    String target = (e.namespace() != null ? e.namespace() + "/" : "") + (e.name() != null ? e.name() : "");
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
