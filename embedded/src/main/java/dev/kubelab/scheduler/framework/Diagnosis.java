package dev.kubelab.scheduler.framework;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/** Why a pod fit nowhere, as kube-scheduler's {@code framework.Diagnosis}. */
public final class Diagnosis {
    /** Per node, the status of the filter that rejected it. */
    public final Map<String, Status> nodeToStatus = new LinkedHashMap<>();
    /** The plugins that rejected the pod (used to decide which cluster events requeue it). */
    public final Set<String> unschedulablePlugins = new LinkedHashSet<>();
    /** Set when a PreFilter plugin rejected the pod for every node. */
    public String preFilterMsg = "";
    /** The PostFilter (preemption) message, already prefixed ("preemption: ..."). */
    public String postFilterMsg = "";
}
