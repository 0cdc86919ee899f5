package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.Pod;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The order in which controllers pick pods to delete (controller utils' {@code ActivePodsWithRanks.Less}):
 * unassigned before assigned, Pending before Unknown before Running, not ready before ready, lower
 * {@code controller.kubernetes.io/pod-deletion-cost} first, pods doubled up on a node first, ready for less time
 * first, more container restarts first, newer before older.
 */
public final class ActivePodsWithRanks {
    public static final String DELETION_COST = "controller.kubernetes.io/pod-deletion-cost";

    private ActivePodsWithRanks() {
    }

    /** Pods sorted so the first ones are deleted first; rank = number of related pods on the same node. */
    public static List<Pod> sortForDeletion(List<Pod> pods, List<Pod> related) {
        Map<String, Integer> perNode = new HashMap<>();
        for (Pod p : related) {
            if (Pods.isActive(p) && nodeName(p) != null) {
                perNode.merge(nodeName(p), 1, Integer::sum);
            }
        }
        Map<Pod, Integer> rank = new HashMap<>();
        for (Pod p : pods) {
            rank.put(p, nodeName(p) == null ? 0 : perNode.getOrDefault(nodeName(p), 0));
        }
        return pods.stream().sorted(comparator(rank)).toList();
    }

    static Comparator<Pod> comparator(Map<Pod, Integer> rank) {
        return (a, b) -> {
            // 1. unassigned < assigned
            boolean aa = nodeName(a) != null;
            boolean ba = nodeName(b) != null;
            if (aa != ba) {
                return aa ? 1 : -1;
            }
            // 2. Pending < Unknown < Running
            int pa = phaseRank(Pods.phase(a));
            int pb = phaseRank(Pods.phase(b));
            if (pa != pb) {
                return Integer.compare(pa, pb);
            }
            // 3. not ready < ready
            boolean ra = Pods.isReady(a);
            boolean rb = Pods.isReady(b);
            if (ra != rb) {
                return ra ? 1 : -1;
            }
            // 4. lower deletion cost first
            int ca = deletionCost(a);
            int cb = deletionCost(b);
            if (ca != cb) {
                return Integer.compare(ca, cb);
            }
            // 5. doubled up (higher rank) first
            int ka = rank.getOrDefault(a, 0);
            int kb = rank.getOrDefault(b, 0);
            if (ka != kb) {
                return Integer.compare(kb, ka);
            }
            // 6. ready for a shorter time first (both ready)
            if (ra && rb) {
                Instant ta = readyTime(a);
                Instant tb = readyTime(b);
                if (ta != null && tb != null && !ta.equals(tb)) {
                    return tb.compareTo(ta);
                }
            }
            // 7. more restarts first
            int sa = maxRestarts(a);
            int sb = maxRestarts(b);
            if (sa != sb) {
                return Integer.compare(sb, sa);
            }
            // 8. empty creation time < newer < older
            Instant ta = created(a);
            Instant tb = created(b);
            if (ta == null || tb == null) {
                return ta == null ? (tb == null ? 0 : -1) : 1;
            }
            return tb.compareTo(ta);
        };
    }

    private static String nodeName(Pod p) {
        String n = p.getSpec() == null ? null : p.getSpec().getNodeName();
        return n == null || n.isEmpty() ? null : n;
    }

    private static int phaseRank(String phase) {
        return switch (phase) {
            case "Pending" -> 0;
            case "Unknown" -> 1;
            case "Running" -> 2;
            default -> 3;
        };
    }

    private static int deletionCost(Pod p) {
        var ann = p.getMetadata().getAnnotations();
        if (ann == null || !ann.containsKey(DELETION_COST)) {
            return 0;
        }
        try {
            return Integer.parseInt(ann.get(DELETION_COST));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    private static Instant readyTime(Pod p) {
        return Pods.condition(p, "Ready").map(c -> c.getLastTransitionTime()).map(Instant::parse).orElse(null);
    }

    private static int maxRestarts(Pod p) {
        if (p.getStatus() == null || p.getStatus().getContainerStatuses() == null) {
            return 0;
        }
        return p.getStatus().getContainerStatuses().stream().mapToInt(c -> c.getRestartCount() == null ? 0 : c.getRestartCount()).max().orElse(0);
    }

    private static Instant created(Pod p) {
        String t = p.getMetadata().getCreationTimestamp();
        return t == null ? null : Instant.parse(t);
    }
}
