package dev.kubelab.bench;

import java.util.List;

/** One measured quantity: its samples, unit and (optionally) the goal its median should stay at or below. */
public final class Measurement {
    private final String name;
    private final String unit;
    private final List<Double> samples;
    private final Double goal;

    public Measurement(String name, String unit, List<Double> samples, Double goal) {
        this.name = name;
        this.unit = unit;
        this.samples = List.copyOf(samples);
        this.goal = goal;
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
        return goal == null || median() <= goal;
    }
}
