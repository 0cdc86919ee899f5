package dev.kubelab.apiserver.admission;

/**
 * ValidatingAdmissionWebhook: calls the webhooks of ValidatingWebhookConfigurations. kubelab serves no
 * admissionregistration.k8s.io configurations, so there is never a webhook to call and the plugin admits all.
 */
public final class ValidatingAdmissionWebhook implements AdmissionPlugin {
    @Override
    public String name() {
        return "ValidatingAdmissionWebhook";
    }
}
