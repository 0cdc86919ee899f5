package dev.kubelab.bench;

import java.util.List;

/** One measured quantity: its samples, unit and (optionally) the goal its median should stay at or below. */
public final class Measurement {
    private final String name;
    private final String unit;
    private final List<Double> samples;
    private final Double goal;
    private final boolean higherIsBetter;

    public Measurement(String name, String unit, List<Double> samples, Double goal) {
        this(name, unit, samples, goal, false);
    }

    private Measurement(String name, String unit, List<Double> samples, Double goal, boolean higherIsBetter) {
        this.name = name;
        this.unit = unit;
        this.samples = List.copyOf(samples);
        this.goal = goal;
        this.higherIsBetter = higherIsBetter;
    }

    /** A rate or share whose median should stay at or ABOVE the goal (pods/s, % of raw etcd throughput). */
    public static Measurement atLeast(String name, String unit, List<Double> samples, double goal) {
        return new Measurement(name, unit, samples, goal, true);
    }

    /** True when the goal is a floor (≥) rather than a ceiling (≤). */
    public boolean higherIsBetter() {
        return higherIsBetter;
    }

    public String name() {
        return name;
    }

    public String unit() {
        return unit;
    }

    public List<Double> samples() {
        return samples;
    }

    public Double goal() {
        return goal;
    }

    public double median() {
        return Stats.median(samples);
    }

    public double p90() {
        return Stats.percentile(samples, 90);
    }

    public boolean meetsGoal() {
        return goal == null || (higherIsBetter ? median() >= goal : median() <= goal);
    }
}
