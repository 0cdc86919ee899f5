package dev.kubelab.scheduler.framework;

import io.fabric8.kubernetes.api.model.Affinity;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodAffinityTerm;
import io.fabric8.kubernetes.api.model.WeightedPodAffinityTerm;
import java.util.ArrayList;
import java.util.List;

/**
 * A pod with what the plugins need precomputed once, as kube-scheduler's {@code framework.PodInfo}:
 * its requests, its affinity terms and its host ports. Immutable.
 */
public final class PodInfo {

    private final Pod pod;
    private final Resource requests;
    private final Resource nonZeroRequests;
    private final List<PodAffinityTerm> requiredAffinityTerms;
    private final List<PodAffinityTerm> requiredAntiAffinityTerms;
    private final List<WeightedPodAffinityTerm> preferredAffinityTerms;
    private final List<WeightedPodAffinityTerm> preferredAntiAffinityTerms;
    private final List<HostPortInfo.HostPort> hostPorts;

    public PodInfo(Pod pod) {
        this.pod = pod;
        this.requests = PodResources.requests(pod);
        this.nonZeroRequests = PodResources.nonZeroRequests(pod);
        Affinity a = pod.getSpec() == null ? null : pod.getSpec().getAffinity();
        var pa = a == null ? null : a.getPodAffinity();
        var paa = a == null ? null : a.getPodAntiAffinity();
        this.requiredAffinityTerms = pa == null ? List.of() : nullSafe(pa.getRequiredDuringSchedulingIgnoredDuringExecution());
        this.preferredAffinityTerms = pa == null ? List.of() : nullSafe(pa.getPreferredDuringSchedulingIgnoredDuringExecution());
        this.requiredAntiAffinityTerms = paa == null ? List.of() : nullSafe(paa.getRequiredDuringSchedulingIgnoredDuringExecution());
        this.preferredAntiAffinityTerms = paa == null ? List.of() : nullSafe(paa.getPreferredDuringSchedulingIgnoredDuringExecution());
        this.hostPorts = hostPortsOf(pod);
    }

    private static List<HostPortInfo.HostPort> hostPortsOf(Pod pod) {
        List<HostPortInfo.HostPort> out = new ArrayList<>();
        if (pod.getSpec() == null || pod.getSpec().getContainers() == null) {
            return out;
        }
        for (Container c : pod.getSpec().getContainers()) {
            if (c.getPorts() == null) {
                continue;
            }
            for (ContainerPort p : c.getPorts()) {
                if (p.getHostPort() != null && p.getHostPort() > 0) {
                    out.add(new HostPortInfo.HostPort(p.getHostIP(), p.getProtocol(), p.getHostPort()));
                }
            }
        }
        return List.copyOf(out);
    }

    private static <T> List<T> nullSafe(List<T> l) {
        return l == null ? List.of() : List.copyOf(l);
    }

    public Pod pod() { return pod; }
    public Resource requests() { return requests; }
    public Resource nonZeroRequests() { return nonZeroRequests; }
    public List<PodAffinityTerm> requiredAffinityTerms() { return requiredAffinityTerms; }
    public List<PodAffinityTerm> requiredAntiAffinityTerms() { return requiredAntiAffinityTerms; }
    public List<WeightedPodAffinityTerm> preferredAffinityTerms() { return preferredAffinityTerms; }
    public List<WeightedPodAffinityTerm> preferredAntiAffinityTerms() { return preferredAntiAffinityTerms; }
    public List<HostPortInfo.HostPort> hostPorts() { return hostPorts; }

    public boolean hasAffinity() {
        return !requiredAffinityTerms.isEmpty() || !requiredAntiAffinityTerms.isEmpty()
                || !preferredAffinityTerms.isEmpty() || !preferredAntiAffinityTerms.isEmpty();
    }

    public boolean hasRequiredAntiAffinity() {
        return !requiredAntiAffinityTerms.isEmpty();
    }

    public String key() {
        return PodKeys.key(pod);
    }
}
