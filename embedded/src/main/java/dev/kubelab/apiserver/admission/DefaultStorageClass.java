package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.ObjectReader;

/**
 * DefaultStorageClass (plugin/pkg/admission/storage/storageclass/setdefault): a new PersistentVolumeClaim without
 * spec.storageClassName (and without the beta annotation) gets the default StorageClass — the one annotated
 * {@code storageclass.kubernetes.io/is-default-class: "true"}, the newest if several. No default, or no
 * StorageClasses served: nothing happens.
 */
public final class DefaultStorageClass implements AdmissionPlugin {

    static final String IS_DEFAULT = "storageclass.kubernetes.io/is-default-class";
    static final String BETA_IS_DEFAULT = "storageclass.beta.kubernetes.io/is-default-class";
    static final String STORAGE_CLASSES = "storageclasses.storage.k8s.io";
    private final ObjectReader reader;

    public DefaultStorageClass(ObjectReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "DefaultStorageClass";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        if (!Admission.is(a, "", "persistentvolumeclaims") || !a.operation().equals(Admission.CREATE) || a.object() == null) return;
        ObjectNode pvc = a.object();
        if (pvc.path("spec").hasNonNull("storageClassName")) return;
        if (pvc.path("metadata").path("annotations").has("volume.beta.kubernetes.io/storage-class")) return;
        ObjectNode best = null;
        for (ObjectNode sc : Admission.listIfServed(reader, STORAGE_CLASSES, null)) {
            var ann = sc.path("metadata").path("annotations");
            if (!"true".equals(ann.path(IS_DEFAULT).asText()) && !"true".equals(ann.path(BETA_IS_DEFAULT).asText())) continue;
            if (best == null || newer(sc, best)) best = sc;
        }
        if (best != null) Admission.spec(pvc).put("storageClassName", best.path("metadata").path("name").asText());
    }

    /** GetDefaultClass: newest creationTimestamp wins, ties by name. */
    private static boolean newer(ObjectNode a, ObjectNode b) {
        int c = a.path("metadata").path("creationTimestamp").asText("").compareTo(b.path("metadata").path("creationTimestamp").asText(""));
        return c > 0 || (c == 0 && a.path("metadata").path("name").asText().compareTo(b.path("metadata").path("name").asText()) < 0);
    }
}
