package dev.kubelab.scheduler.plugins.helper;

import dev.kubelab.apimachinery.LabelSelectors;

import dev.kubelab.scheduler.framework.Listers;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Service;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@code helper.DefaultSelector}: the selector of "the pods of the same workload" — the merged selectors of
 * the services selecting the pod, ANDed with the selector of its controlling ReplicaSet, StatefulSet or
 * ReplicationController. Null when nothing selects the pod.
 */
public final class DefaultSelector {

    private DefaultSelector() {}

    public static LabelSelector of(Pod pod, Listers listers) {
        String ns = pod.getMetadata().getNamespace();
        Map<String, String> podLabels = pod.getMetadata().getLabels() == null ? Map.of() : pod.getMetadata().getLabels();
        Map<String, String> labelSet = new LinkedHashMap<>();
        for (Service svc : listers.services(ns)) {
            Map<String, String> sel = svc.getSpec() == null ? null : svc.getSpec().getSelector();
            if (sel != null && !sel.isEmpty() && LabelSelectors.matches(new LabelSelectorBuilder().withMatchLabels(sel).build(), podLabels)) {
                labelSet.putAll(sel);
            }
        }
        LabelSelectorBuilder b = new LabelSelectorBuilder().withMatchLabels(labelSet);
        OwnerReference owner = controllerOf(pod);
        if (owner != null) {
            String gvk = owner.getApiVersion() + "/" + owner.getKind();
            switch (gvk) {
                case "v1/ReplicationController" -> {
                    var rc = listers.replicationController(ns, owner.getName());
                    if (rc != null && rc.getSpec() != null && rc.getSpec().getSelector() != null) {
                        labelSet.putAll(rc.getSpec().getSelector());
                        b.withMatchLabels(labelSet);
                    }
                }
                case "apps/v1/ReplicaSet" -> {
                    var rs = listers.replicaSet(ns, owner.getName());
                    if (rs != null && rs.getSpec() != null) {
                        add(b, rs.getSpec().getSelector());
                    }
                }
                case "apps/v1/StatefulSet" -> {
                    var ss = listers.statefulSet(ns, owner.getName());
                    if (ss != null && ss.getSpec() != null) {
                        add(b, ss.getSpec().getSelector());
                    }
                }
                default -> { }
            }
        }
        LabelSelector sel = b.build();
        boolean empty = (sel.getMatchLabels() == null || sel.getMatchLabels().isEmpty())
                && (sel.getMatchExpressions() == null || sel.getMatchExpressions().isEmpty());
        return empty ? null : sel;
    }

    private static void add(LabelSelectorBuilder b, LabelSelector other) {
        if (other == null) {
            return;
        }
        if (other.getMatchLabels() != null) {
            other.getMatchLabels().forEach(b::addToMatchLabels);
        }
        if (other.getMatchExpressions() != null) {
            other.getMatchExpressions().forEach(b::addToMatchExpressions);
        }
    }

    private static OwnerReference controllerOf(Pod pod) {
        if (pod.getMetadata().getOwnerReferences() == null) {
            return null;
        }
        for (OwnerReference o : pod.getMetadata().getOwnerReferences()) {
            if (Boolean.TRUE.equals(o.getController())) {
                return o;
            }
        }
        return null;
    }
}
