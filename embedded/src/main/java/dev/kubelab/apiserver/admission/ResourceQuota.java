package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * ResourceQuota (plugin/pkg/admission/resourcequota), simplified: when the namespace has ResourceQuotas, a new
 * object is checked against each quota's spec.hard — object counts ({@code pods}, {@code count/deployments.apps},
 * the legacy names configmaps, secrets, services, persistentvolumeclaims, replicationcontrollers,
 * resourcequotas) and, for pods, {@code requests.cpu/memory} (alias {@code cpu/memory}) and
 * {@code limits.cpu/memory}. Over the limit: {@code exceeded quota: q, requested: pods=1, used: pods=2,
 * limited: pods=2}; a pod without a request or limit a quota constrains: {@code failed quota: q: must specify …}.
 *
 * <p>Difference: kube-apiserver compares against status.used (kept by the resourcequota controller and bumped
 * by admission itself); here usage is counted from the stored objects on each request, so there is no
 * controller lag and no reservation between concurrent creates. Quota scopes are not modelled.
 */
public final class ResourceQuota implements AdmissionPlugin {

    private static final Set<String> LEGACY_COUNTED = Set.of("configmaps", "secrets", "services", "persistentvolumeclaims",
            "replicationcontrollers", "resourcequotas");
    private static final Set<String> POD_COMPUTE = Set.of("requests.cpu", "requests.memory", "limits.cpu", "limits.memory", "cpu", "memory");
    private final ObjectReader reader;

    public ResourceQuota(ObjectReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "ResourceQuota";
    }

    @Override
    public void validate(AdmissionAttributes a) {
        if (!a.operation().equals(Admission.CREATE) || a.object() == null || !Admission.subresource(a).isEmpty()) return;
        if (a.namespace() == null || a.namespace().isEmpty() || !a.resource().namespaced()) return;
        List<ObjectNode> quotas = Admission.listIfServed(reader, "resourcequotas", a.namespace());
        if (quotas.isEmpty()) return;
        Map<String, Quantity> requested = usage(a.resource().group(), a.resource().resource(), a.object());
        boolean isPod = Admission.isPod(a);
        Map<String, Quantity> used = null;
        for (ObjectNode q : quotas) {
            Map<String, String> hard = LimitRanger.map(q.path("spec").path("hard"));
            String quotaName = q.path("metadata").path("name").asText();
            if (isPod) {
                String missing = missingConstraints(hard.keySet(), a.object());
                if (missing != null) throw Admission.forbidden(a, "failed quota: " + quotaName + ": must specify " + missing);
            }
            Map<String, Quantity> req = new TreeMap<>();
            requested.forEach((k, v) -> { if (hard.containsKey(k) && v.value().signum() != 0) req.put(k, v); });
            if (req.isEmpty()) continue;
            if (used == null) used = currentUsage(a);
            TreeSet<String> exceeded = new TreeSet<>();
            for (Map.Entry<String, Quantity> e : req.entrySet()) {
                Quantity u = used.getOrDefault(e.getKey(), Quantity.ZERO);
                if (u.plus(e.getValue()).compareTo(Quantity.parse(hard.get(e.getKey()))) > 0) exceeded.add(e.getKey());
            }
            if (!exceeded.isEmpty()) {
                List<String> r = new ArrayList<>(), u = new ArrayList<>(), h = new ArrayList<>();
                for (String k : exceeded) {
                    r.add(k + "=" + req.get(k));
                    u.add(k + "=" + used.getOrDefault(k, Quantity.ZERO));
                    h.add(k + "=" + hard.get(k));
                }
                throw Admission.forbidden(a, "exceeded quota: " + quotaName + ", requested: " + String.join(",", r)
                        + ", used: " + String.join(",", u) + ", limited: " + String.join(",", h));
            }
        }
    }

    /** Usage of everything of this resource already in the namespace (pods: only those not yet terminal). */
    private Map<String, Quantity> currentUsage(AdmissionAttributes a) {
        Map<String, Quantity> total = new TreeMap<>();
        String gr = a.resource().groupResource();
        for (ObjectNode o : reader.list(gr, a.namespace())) {
            if (Admission.isPod(a)) {
                String phase = o.path("status").path("phase").asText("");
                if (phase.equals("Succeeded") || phase.equals("Failed")) continue;
            }
            usage(a.resource().group(), a.resource().resource(), o).forEach((k, v) -> total.merge(k, v, Quantity::plus));
        }
        return total;
    }

    static Map<String, Quantity> usage(String group, String resource, JsonNode object) {
        Map<String, Quantity> u = new TreeMap<>();
        Quantity one = Quantity.parse("1");
        u.put("count/" + (group.isEmpty() ? resource : resource + "." + group), one);
        if (group.isEmpty() && (LEGACY_COUNTED.contains(resource) || resource.equals("pods"))) u.put(resource, one);
        if (group.isEmpty() && resource.equals("pods")) {
            for (String kind : List.of("requests", "limits")) {
                for (String res : List.of("cpu", "memory")) {
                    Quantity sum = podTotal(object.path("spec"), kind, res);
                    if (sum.value().signum() == 0) continue;
                    u.put(kind + "." + res, sum);
                    if (kind.equals("requests")) u.put(res, sum);
                }
            }
        }
        return u;
    }

    /** Sum over containers, at least the largest init container (what the pod needs at its peak). */
    private static Quantity podTotal(JsonNode spec, String kind, String res) {
        Quantity sum = Quantity.ZERO;
        for (JsonNode c : spec.path("containers")) {
            JsonNode v = c.path("resources").path(kind).path(res);
            if (!v.isMissingNode()) sum = sum.plus(Quantity.parse(v.asText()));
        }
        for (JsonNode c : spec.path("initContainers")) {
            JsonNode v = c.path("resources").path(kind).path(res);
            if (!v.isMissingNode() && Quantity.parse(v.asText()).compareTo(sum) > 0) sum = Quantity.parse(v.asText());
        }
        return sum;
    }

    /** The pod evaluator's Constraints: each container must state what a quota constrains. */
    private static String missingConstraints(Set<String> hard, JsonNode pod) {
        Map<String, TreeSet<String>> missing = new TreeMap<>();
        for (String list : List.of("containers", "initContainers")) {
            for (JsonNode c : pod.path("spec").path(list)) {
                for (String required : hard) {
                    if (!POD_COMPUTE.contains(required)) continue;
                    String kind = required.startsWith("limits.") ? "limits" : "requests";
                    String res = required.contains(".") ? required.substring(required.indexOf('.') + 1) : required;
                    if (c.path("resources").path(kind).path(res).isMissingNode()) {
                        missing.computeIfAbsent(required, k -> new TreeSet<>()).add(c.path("name").asText());
                    }
                }
            }
        }
        if (missing.isEmpty()) return null;
        List<String> parts = new ArrayList<>();
        missing.forEach((res, containers) -> parts.add(res + " for: " + String.join(",", containers)));
        return String.join("; ", parts);
    }
}
