package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.HashMap;
import java.util.List;

/**
 * controller utils' {@code RealPodControl}: creates pods from a template owned by a controller and deletes
 * them, recording {@code SuccessfulCreate}/{@code FailedCreate}/{@code SuccessfulDelete}/{@code FailedDelete}
 * events on the owner with the real messages.
 */
public final class PodControl {
    private final KubernetesClient client;
    private final EventRecorder recorder;

    public PodControl(KubernetesClient client, EventRecorder recorder) {
        this.client = client;
        this.recorder = recorder;
    }

    /** controller.GetPodFromTemplate: labels, annotations, finalizers and spec from the template; generateName {@code <owner>-}. */
    public static Pod podFromTemplate(PodTemplateSpec template, HasMetadata owner) {
        var meta = template.getMetadata();
        return new PodBuilder()
                .withNewMetadata()
                .withNamespace(owner.getMetadata().getNamespace())
                .withGenerateName(owner.getMetadata().getName() + "-")
                .withLabels(meta == null || meta.getLabels() == null ? new HashMap<>() : new HashMap<>(meta.getLabels()))
                .withAnnotations(meta == null || meta.getAnnotations() == null ? null : new HashMap<>(meta.getAnnotations()))
                .withFinalizers(meta == null ? null : meta.getFinalizers())
                .withOwnerReferences(List.of(OwnerRefs.controllerRef(owner)))
                .endMetadata()
                .withSpec(template.getSpec())
                .build();
    }

    /** Creates the pod; on success records SuccessfulCreate, on failure FailedCreate and rethrows. */
    public Pod create(Pod pod, HasMetadata owner) {
        try {
            Pod created = client.pods().inNamespace(owner.getMetadata().getNamespace()).resource(pod).create();
            recorder.event(owner, EventRecorder.NORMAL, "SuccessfulCreate", "Created pod: " + created.getMetadata().getName());
            return created;
        } catch (RuntimeException e) {
            recorder.event(owner, EventRecorder.WARNING, "FailedCreate", "Error creating: " + ApiErrors.message(e));
            throw e;
        }
    }

    public void delete(String namespace, String podName, HasMetadata owner) {
        try {
            client.pods().inNamespace(namespace).withName(podName).delete();
            recorder.event(owner, EventRecorder.NORMAL, "SuccessfulDelete", "Deleted pod: " + podName);
        } catch (RuntimeException e) {
            if (ApiErrors.isNotFound(e)) {
                return;
            }
            recorder.event(owner, EventRecorder.WARNING, "FailedDelete", "Error deleting: " + ApiErrors.message(e));
            throw e;
        }
    }
}
