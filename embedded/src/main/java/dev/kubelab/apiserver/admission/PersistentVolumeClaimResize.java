package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.Optional;

/**
 * PersistentVolumeClaimResize (plugin/pkg/admission/storage/persistentvolume/resize): growing a claim's storage
 * request is allowed only for a dynamically provisioned claim whose StorageClass has allowVolumeExpansion.
 */
public final class PersistentVolumeClaimResize implements AdmissionPlugin {

    private final ObjectReader reader;

    public PersistentVolumeClaimResize(ObjectReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "PersistentVolumeClaimResize";
    }

    @Override
    public void validate(AdmissionAttributes a) {
        if (!a.operation().equals(Admission.UPDATE) || a.object() == null || a.oldObject() == null) return;
        if (!a.resource().group().isEmpty() || !a.resource().resource().equals("persistentvolumeclaims")) return;
        String sub = Admission.subresource(a);
        if (!sub.isEmpty()) return;
        Quantity requested = storage(a.object()), before = storage(a.oldObject());
        if (requested == null || before == null || requested.compareTo(before) <= 0) return;
        if (!allowResize(a.object(), a.oldObject())) {
            throw Admission.forbidden(a, "only dynamically provisioned pvc can be resized and "
                    + "the storageclass that provisions the pvc must support resize");
        }
    }

    private boolean allowResize(JsonNode pvc, JsonNode old) {
        String sc = pvc.path("spec").path("storageClassName").asText("");
        if (sc.isEmpty() || !sc.equals(old.path("spec").path("storageClassName").asText(""))) return false;
        Optional<com.fasterxml.jackson.databind.node.ObjectNode> cls =
                Admission.getIfServed(reader, DefaultStorageClass.STORAGE_CLASSES, null, sc);
        return cls.isPresent() && cls.get().path("allowVolumeExpansion").asBoolean(false);
    }

    private static Quantity storage(JsonNode pvc) {
        JsonNode s = pvc.path("spec").path("resources").path("requests").path("storage");
        return s.isMissingNode() || s.isNull() ? null : Quantity.parse(s.asText());
    }
}
