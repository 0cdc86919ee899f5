package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import java.util.List;
import java.util.Optional;

/** ownerReference helpers (apimachinery's {@code metav1.GetControllerOf} / {@code NewControllerRef}). */
public final class OwnerRefs {
    private OwnerRefs() {
    }

    public static Optional<OwnerReference> controllerOf(HasMetadata obj) {
        List<OwnerReference> refs = obj.getMetadata().getOwnerReferences();
        if (refs == null) {
            return Optional.empty();
        }
        return refs.stream().filter(r -> Boolean.TRUE.equals(r.getController())).findFirst();
    }

    /** A controller reference to {@code owner} with {@code blockOwnerDeletion=true}, as controllers set it. */
    public static OwnerReference controllerRef(HasMetadata owner) {
        return new OwnerReferenceBuilder()
                .withApiVersion(owner.getApiVersion())
                .withKind(owner.getKind())
                .withName(owner.getMetadata().getName())
                .withUid(owner.getMetadata().getUid())
                .withController(true)
                .withBlockOwnerDeletion(true)
                .build();
    }

    public static boolean isControlledBy(HasMetadata obj, HasMetadata owner) {
        return controllerOf(obj).map(r -> r.getUid().equals(owner.getMetadata().getUid())).orElse(false);
    }

    public static boolean isControlledBy(HasMetadata obj, String ownerUid) {
        return controllerOf(obj).map(r -> r.getUid().equals(ownerUid)).orElse(false);
    }
}
