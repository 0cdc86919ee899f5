package dev.kubelab.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** Medians and percentiles (nearest-rank) of samples. */
public final class Stats {
    private Stats() {
    }

    public static double median(List<Double> samples) {
        List<Double> s = sorted(samples);
        int n = s.size();
        return n % 2 == 1 ? s.get(n / 2) : (s.get(n / 2 - 1) + s.get(n / 2)) / 2;
    }

    /** The p-th percentile (0 < p ≤ 100) by the nearest-rank method. */
    public static double percentile(List<Double> samples, double p) {
        List<Double> s = sorted(samples);
        int rank = (int) Math.ceil(p / 100.0 * s.size());
        return s.get(Math.max(0, Math.min(s.size() - 1, rank - 1)));
    }

    private static List<Double> sorted(List<Double> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        List<Double> s = new ArrayList<>(samples);
        Collections.sort(s);
        return s;
    }
}
