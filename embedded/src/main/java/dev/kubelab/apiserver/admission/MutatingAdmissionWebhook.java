package dev.kubelab.apiserver.admission;

/**
 * MutatingAdmissionWebhook: calls the webhooks of MutatingWebhookConfigurations. kubelab serves no
 * admissionregistration.k8s.io configurations, so there is never a webhook to call and the plugin admits all.
 */
public final class MutatingAdmissionWebhook implements AdmissionPlugin {
    @Override
    public String name() {
        return "MutatingAdmissionWebhook";
    }
}
