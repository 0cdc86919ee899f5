package dev.kubelab.apiserver.registry.core.pod;

import static dev.kubelab.apiserver.registry.Defaulting.objects;
import static dev.kubelab.apiserver.registry.Defaulting.optionalObject;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.Quantities;
import java.util.Iterator;
import java.util.Map;

/**
 * pkg/registry/core/pod/strategy.go: pods start Pending with their QoS class, most of the spec is immutable
 * (ValidatePodUpdate), and the status subresource keeps the spec. Priority and preemptionPolicy are left to the
 * Priority admission plugin, as in kube-apiserver (defaulting them here would make that plugin reject pods that
 * name a PriorityClass).
 */
public final class PodStrategy extends GenericStrategy {

    /** The exact list ValidatePodUpdate names in its Forbidden message (Kubernetes 1.31, in-place resize off). */
    static final String UPDATABLE_FIELDS = "`spec.containers[*].image`,`spec.initContainers[*].image`,"
            + "`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),"
            + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)";

    public PodStrategy() {
        super(true);
    }

    @Override
    protected boolean hasStatus() {
        return true;
    }

    @Override
    public void applyDefaults(ObjectNode pod) {
        ObjectNode spec = optionalObject(pod, "spec");
        if (spec == null) return;
        rejectUndecodableQuantities(spec);
        // SetDefaults_Pod: requests default to limits; service links on.
        for (String list : new String[] {"initContainers", "containers"}) {
            for (ObjectNode c : objects(spec, list)) {
                ObjectNode resources = optionalObject(c, "resources");
                ObjectNode limits = resources == null ? null : optionalObject(resources, "limits");
                if (limits == null) continue;
                ObjectNode requests = resources.has("requests") && resources.get("requests").isObject()
                        ? (ObjectNode) resources.get("requests") : resources.putObject("requests");
                limits.fields().forEachRemaining(e -> { if (!requests.has(e.getKey())) requests.set(e.getKey(), e.getValue()); });
            }
            if (spec.path("hostNetwork").asBoolean(false)) {
                for (ObjectNode c : objects(spec, list)) {
                    for (ObjectNode port : objects(c, "ports")) {
                        if (port.path("hostPort").asLong(0) == 0) port.set("hostPort", port.get("containerPort"));
                    }
                }
            }
        }
        put(spec, "enableServiceLinks", true);
        PodSpecDefaults.apply(spec);
    }

    /** kube-apiserver fails to decode a pod whose quantities do not parse: 400, before any validation. */
    static void rejectUndecodableQuantities(JsonNode spec) {
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode c : spec.path(list)) {
                for (String kind : new String[] {"limits", "requests"}) {
                    Iterator<Map.Entry<String, JsonNode>> it = c.path("resources").path(kind).fields();
                    while (it.hasNext()) {
                        JsonNode q = it.next().getValue();
                        if (!Quantities.isValid(q.asText())) throw StatusError.badRequest(Quantities.FORMAT_ERROR);
                    }
                }
            }
        }
    }

    @Override
    protected void resetStatus(ObjectNode pod) {
        ObjectNode status = pod.putObject("status");
        status.put("phase", "Pending");
        status.put("qosClass", PodQos.of(pod.path("spec")));
    }

    @Override
    public void prepareForCreate(ObjectNode pod) {
        super.prepareForCreate(pod);
        ObjectNode spec = optionalObject(pod, "spec");
        if (spec != null && spec.path("terminationGracePeriodSeconds").asLong(0) < 0) {
            spec.put("terminationGracePeriodSeconds", 1); // negative values are rewritten to 1, as kube-apiserver does
        }
        // After admission (the ServiceAccount plugin sets serviceAccountName), as the v1 conversion on write does.
        if (spec != null) PodSpecDefaults.syncServiceAccount(spec);
    }

    @Override
    public void prepareForUpdate(ObjectNode newPod, ObjectNode oldPod) {
        super.prepareForUpdate(newPod, oldPod);
        ObjectNode spec = optionalObject(newPod, "spec");
        if (spec != null) PodSpecDefaults.syncServiceAccount(spec);
    }

    @Override
    public void prepareForStatusUpdate(ObjectNode newPod, ObjectNode oldPod) {
        super.prepareForStatusUpdate(newPod, oldPod);
        copyMeta(oldPod, newPod, "ownerReferences");
        copyMeta(oldPod, newPod, "deletionTimestamp");
        ObjectNode status = optionalObject(newPod, "status");
        if (status != null) {
            syncIPs(status, "podIP", "podIPs");
            syncIPs(status, "hostIP", "hostIPs");
        }
    }

    /** The v1 conversion keeps status.podIP == status.podIPs[0].ip (and hostIP likewise). */
    static void syncIPs(ObjectNode status, String single, String plural) {
        String ip = status.path(single).asText("");
        JsonNode list = status.path(plural);
        if (!ip.isEmpty() && list.isEmpty()) status.putArray(plural).addObject().put("ip", ip);
        else if (ip.isEmpty() && !list.isEmpty()) status.put(single, list.get(0).path("ip").asText(""));
    }

    private static void copyMeta(ObjectNode from, ObjectNode to, String field) {
        JsonNode v = from.path("metadata").get(field);
        if (v == null) meta(to).remove(field);
        else meta(to).set(field, v.deepCopy());
    }

    @Override
    protected void validateObject(ObjectNode pod, FieldErrors errs) {
        JsonNode spec = pod.get("spec");
        if (spec == null || !spec.isObject()) {
            errs.required(FieldPath.of("spec", "containers"), "");
            return;
        }
        PodSpecValidation.validate(spec, FieldPath.of("spec"), errs);
    }

    @Override
    protected void validateObjectUpdate(ObjectNode newPod, ObjectNode oldPod, FieldErrors errs) {
        ObjectNode newSpec = (ObjectNode) newPod.path("spec").deepCopy();
        JsonNode oldSpec = oldPod.path("spec");
        if (!(newSpec.isObject() && oldSpec.isObject())) return;
        // Mask what may change, then any remaining difference is forbidden (ValidatePodUpdate).
        ObjectNode munged = ((ObjectNode) oldSpec).deepCopy();
        for (String list : new String[] {"containers", "initContainers"}) {
            JsonNode newList = newSpec.path(list);
            JsonNode mungedList = munged.path(list);
            if (newList.size() != mungedList.size()) continue;
            for (int i = 0; i < newList.size(); i++) {
                if (mungedList.get(i) instanceof ObjectNode c && newList.get(i).has("image")) c.set("image", newList.get(i).get("image"));
            }
        }
        for (String field : new String[] {"activeDeadlineSeconds", "terminationGracePeriodSeconds"}) {
            if (newSpec.has(field)) munged.set(field, newSpec.get(field));
            else munged.remove(field);
        }
        if (tolerationsOnlyAdded(oldSpec.path("tolerations"), newSpec.path("tolerations"))) {
            if (newSpec.has("tolerations")) munged.set("tolerations", newSpec.get("tolerations"));
        }
        if (!munged.equals(newSpec)) {
            errs.forbidden(FieldPath.of("spec"), "pod updates may not change fields other than " + UPDATABLE_FIELDS
                    + "\n" + SpecDiff.of("core.PodSpec", munged, newSpec));
        }
    }

    private static boolean tolerationsOnlyAdded(JsonNode oldList, JsonNode newList) {
        for (JsonNode t : oldList) {
            boolean found = false;
            for (JsonNode n : newList) found |= n.equals(t);
            if (!found) return false;
        }
        return true;
    }
}
