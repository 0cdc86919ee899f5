package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Quantity;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A pod's resource requests as kube-scheduler computes them ({@code resourcehelper.PodRequests}):
 * the sum of the containers' requests, then the maximum with each init container (restartable "sidecar"
 * init containers add to the running total), plus the pod overhead.
 *
 * <p>The "non-zero" variant substitutes 100m CPU / 200Mi memory for a container that requests none;
 * kube-scheduler uses it for scoring only ({@code schedutil.DefaultMilliCPURequest}/{@code DefaultMemoryRequest}),
 * so that best-effort pods still spread.
 */
public final class PodResources {

    public static final long DEFAULT_MILLI_CPU_REQUEST = 100;
    public static final long DEFAULT_MEMORY_REQUEST = 200L * 1024 * 1024;

    /** Quantity strings repeat endlessly across pods; parsing each once keeps scheduling cheap. */
    private static final Map<String, BigDecimal> PARSED = new ConcurrentHashMap<>();

    private PodResources() {}

    /** The requests the Fit filter compares with allocatable. */
    public static Resource requests(Pod pod) {
        return compute(pod, false);
    }

    /** The requests with the scoring defaults for containers that request no CPU/memory. */
    public static Resource nonZeroRequests(Pod pod) {
        return compute(pod, true);
    }

    private static Resource compute(Pod pod, boolean nonZero) {
        Resource reqs = new Resource();
        var spec = pod.getSpec();
        if (spec == null) {
            return reqs;
        }
        for (Container c : nullSafe(spec.getContainers())) {
            reqs.add(containerRequests(c, nonZero));
        }
        Resource restartable = new Resource();
        Resource initMax = new Resource();
        for (Container c : nullSafe(spec.getInitContainers())) {
            Resource containerReqs = containerRequests(c, nonZero);
            if ("Always".equals(c.getRestartPolicy())) {
                // A sidecar keeps running next to the app containers and the later init containers.
                reqs.add(containerReqs);
                restartable.add(containerReqs);
                containerReqs = restartable.copy();
            } else {
                containerReqs.add(restartable);
            }
            initMax.setMax(containerReqs);
        }
        reqs.setMax(initMax);
        if (spec.getOverhead() != null) {
            reqs.add(toResource(spec.getOverhead()));
        }
        return reqs;
    }

    private static Resource containerRequests(Container c, boolean nonZero) {
        Map<String, Quantity> requests = c.getResources() == null ? null : c.getResources().getRequests();
        Resource r = requests == null ? new Resource() : toResource(requests);
        if (nonZero) {
            if (requests == null || !requests.containsKey("cpu")) {
                r.milliCpu = DEFAULT_MILLI_CPU_REQUEST;
            }
            if (requests == null || !requests.containsKey("memory")) {
                r.memory = DEFAULT_MEMORY_REQUEST;
            }
        }
        return r;
    }

    /** A resource list (requests, overhead or a node's allocatable) as a Resource. */
    public static Resource toResource(Map<String, Quantity> list) {
        Resource r = new Resource();
        if (list == null) {
            return r;
        }
        list.forEach((name, q) -> {
            switch (name) {
                case "cpu" -> r.milliCpu += milliValue(q);
                case "memory" -> r.memory += value(q);
                case "ephemeral-storage" -> r.ephemeralStorage += value(q);
                case "pods" -> r.allowedPodNumber += value(q);
                default -> {
                    if (isScalarResourceName(name)) {
                        r.setScalar(name, r.scalar(name) + value(q));
                    }
                }
            }
        });
        return r;
    }

    /** Extended resources (domain-qualified, outside kubernetes.io), hugepages and attachable volumes. */
    public static boolean isScalarResourceName(String name) {
        if (name.startsWith("hugepages-") || name.startsWith("attachable-volumes-")) {
            return true;
        }
        int slash = name.indexOf('/');
        if (slash < 0) {
            return false;
        }
        String domain = name.substring(0, slash);
        return !(domain.equals("kubernetes.io") || domain.endsWith(".kubernetes.io"));
    }

    /** {@code Quantity.MilliValue()}: rounded up, as apimachinery rounds. */
    public static long milliValue(Quantity q) {
        return amount(q).movePointRight(3).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    /** {@code Quantity.Value()}: rounded up, as apimachinery rounds. */
    public static long value(Quantity q) {
        return amount(q).setScale(0, RoundingMode.CEILING).longValueExact();
    }

    private static BigDecimal amount(Quantity q) {
        String key = q.getAmount() + (q.getFormat() == null ? "" : q.getFormat());
        BigDecimal v = PARSED.get(key);
        if (v == null) {
            v = Quantity.getAmountInBytes(q);
            if (PARSED.size() > 4096) {
                PARSED.clear();
            }
            PARSED.put(key, v);
        }
        return v;
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : l;
    }
}
