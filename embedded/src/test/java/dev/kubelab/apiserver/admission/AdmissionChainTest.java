package dev.kubelab.apiserver.admission;

import static dev.kubelab.apiserver.admission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import org.junit.jupiter.api.Test;

class AdmissionChainTest {

    @Test
    void kubeadmsPluginsInKubeApiserversOrder() {
        assertThat(AdmissionChain.standard(new InMemoryObjectReader()).names()).containsExactly(
                "NamespaceLifecycle", "LimitRanger", "ServiceAccount", "NodeRestriction", "TaintNodesByCondition", "PodSecurity",
                "Priority", "DefaultTolerationSeconds", "DefaultStorageClass", "StorageObjectInUseProtection",
                "PersistentVolumeClaimResize", "RuntimeClass", "CertificateApproval", "CertificateSigning",
                "ClusterTrustBundleAttest", "CertificateSubjectRestriction", "DefaultIngressClass", "MutatingAdmissionWebhook",
                "ValidatingAdmissionPolicy", "ValidatingAdmissionWebhook", "ResourceQuota");
    }

    @Test
    void aPodComesOutAsOnARealCluster() {
        InMemoryObjectReader reader = namespaces("default");
        ObjectNode pod = pod("nginx");
        AdmissionChain.standard(reader).run(create(PODS, "default", pod));
        ObjectNode spec = (ObjectNode) pod.path("spec");
        assertThat(spec.path("serviceAccountName").asText()).isEqualTo("default");
        assertThat(spec.path("priority").asInt()).isZero();
        assertThat(spec.path("preemptionPolicy").asText()).isEqualTo("PreemptLowerPriority");
        assertThat(spec.path("tolerations")).hasSize(2);
        assertThat(spec.path("volumes").get(0).path("name").asText()).startsWith("kube-api-access-");
        assertThat(spec.path("containers").get(0).path("volumeMounts")).hasSize(1);
    }

    @Test
    void theFirstRejectionWins() {
        InMemoryObjectReader reader = new InMemoryObjectReader();
        ObjectNode pod = pod("nginx");
        ((ObjectNode) pod.path("spec")).put("priorityClassName", "nope");
        assertThat(org.assertj.core.api.Assertions.catchThrowableOfType(dev.kubelab.apiserver.errors.StatusError.class,
                () -> AdmissionChain.standard(reader).run(create(PODS, "default", pod))).getMessage())
                .isEqualTo("namespaces \"default\" not found");
    }
}
