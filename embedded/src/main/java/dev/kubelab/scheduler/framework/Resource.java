package dev.kubelab.scheduler.framework;

import java.util.HashMap;
import java.util.Map;

/**
 * A compute-resource vector as kube-scheduler's {@code framework.Resource}: milli-CPU, memory and
 * ephemeral storage in bytes, the allowed pod count (allocatable only) and scalar (extended) resources.
 * Mutable; NodeInfo owns its instances and clones them for snapshots.
 */
public final class Resource {
    public long milliCpu;
    public long memory;
    public long ephemeralStorage;
    public long allowedPodNumber;
    public Map<String, Long> scalarResources = Map.of();

    public Resource() {}

    public Resource(long milliCpu, long memory) {
        this.milliCpu = milliCpu;
        this.memory = memory;
    }

    public void add(Resource other) {
        milliCpu += other.milliCpu;
        memory += other.memory;
        ephemeralStorage += other.ephemeralStorage;
        allowedPodNumber += other.allowedPodNumber;
        if (!other.scalarResources.isEmpty()) {
            ensureScalars();
            other.scalarResources.forEach((k, v) -> scalarResources.merge(k, v, Long::sum));
        }
    }

    public void subtract(Resource other) {
        milliCpu -= other.milliCpu;
        memory -= other.memory;
        ephemeralStorage -= other.ephemeralStorage;
        allowedPodNumber -= other.allowedPodNumber;
        if (!other.scalarResources.isEmpty()) {
            ensureScalars();
            other.scalarResources.forEach((k, v) -> scalarResources.merge(k, -v, Long::sum));
        }
    }

    /** Element-wise maximum, as {@code SetMaxResource} (used for init containers). */
    public void setMax(Resource other) {
        milliCpu = Math.max(milliCpu, other.milliCpu);
        memory = Math.max(memory, other.memory);
        ephemeralStorage = Math.max(ephemeralStorage, other.ephemeralStorage);
        if (!other.scalarResources.isEmpty()) {
            ensureScalars();
            other.scalarResources.forEach((k, v) -> scalarResources.merge(k, v, Math::max));
        }
    }

    public void setScalar(String name, long value) {
        ensureScalars();
        scalarResources.put(name, value);
    }

    public long scalar(String name) {
        return scalarResources.getOrDefault(name, 0L);
    }

    public Resource copy() {
        Resource r = new Resource(milliCpu, memory);
        r.ephemeralStorage = ephemeralStorage;
        r.allowedPodNumber = allowedPodNumber;
        if (!scalarResources.isEmpty()) {
            r.scalarResources = new HashMap<>(scalarResources);
        }
        return r;
    }

    private void ensureScalars() {
        if (!(scalarResources instanceof HashMap)) {
            scalarResources = new HashMap<>(scalarResources);
        }
    }

    @Override
    public String toString() {
        return "cpu=" + milliCpu + "m memory=" + memory + " ephemeral-storage=" + ephemeralStorage
                + " pods=" + allowedPodNumber + (scalarResources.isEmpty() ? "" : " " + scalarResources);
    }
}
