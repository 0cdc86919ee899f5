package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * StorageObjectInUseProtection (plugin/pkg/admission/storage/storageobjectinuseprotection): new
 * PersistentVolumeClaims get the {@code kubernetes.io/pvc-protection} finalizer and PersistentVolumes
 * {@code kubernetes.io/pv-protection}, so they are not removed while a pod still uses them.
 */
public final class StorageObjectInUseProtection implements AdmissionPlugin {

    @Override
    public String name() {
        return "StorageObjectInUseProtection";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        if (!a.operation().equals(Admission.CREATE) || a.object() == null) return;
        if (Admission.is(a, "", "persistentvolumeclaims")) addFinalizer(a.object(), "kubernetes.io/pvc-protection");
        else if (Admission.is(a, "", "persistentvolumes")) addFinalizer(a.object(), "kubernetes.io/pv-protection");
    }

    private static void addFinalizer(ObjectNode o, String finalizer) {
        ObjectNode meta = o.with("metadata");
        for (JsonNode f : meta.path("finalizers")) if (f.asText().equals(finalizer)) return;
        ArrayNode finalizers = meta.has("finalizers") && meta.get("finalizers").isArray()
                ? (ArrayNode) meta.get("finalizers") : meta.putArray("finalizers");
        finalizers.add(finalizer);
    }
}
