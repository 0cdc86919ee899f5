package dev.kubelab.scheduler.plugins.helper;

import dev.kubelab.scheduler.framework.NodeScore;
import java.util.List;

/** {@code helper.DefaultNormalizeScore}: scale to [0, maxPriority] by the highest score; optionally reversed. */
public final class NormalizeScore {

    private NormalizeScore() {}

    public static void defaultNormalizeScore(long maxPriority, boolean reverse, List<NodeScore> scores) {
        long max = 0;
        for (NodeScore s : scores) {
            max = Math.max(max, s.score);
        }
        if (max == 0) {
            if (reverse) {
                for (NodeScore s : scores) {
                    s.score = maxPriority;
                }
            }
            return;
        }
        for (NodeScore s : scores) {
            long v = maxPriority * s.score / max;
            s.score = reverse ? maxPriority - v : v;
        }
    }
}
