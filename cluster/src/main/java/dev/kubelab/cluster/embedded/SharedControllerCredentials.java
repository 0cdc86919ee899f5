package dev.kubelab.cluster.embedded;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.rbac.BootstrapPolicy;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.utils.Serialization;

/**
 * Grants kube-controller-manager's own user the roles of the controllers it runs
 * ({@link BootstrapPolicy#sharedControllerCredentialBindings()}): kubelab's stand-in for
 * {@code --use-service-account-credentials}, created with the admin kubeconfig before the controller manager starts,
 * as kubeadm creates its own bindings. Existing bindings are left alone.
 */
final class SharedControllerCredentials {
    private SharedControllerCredentials() {
    }

    static void grant(KubernetesClient admin) {
        for (ObjectNode o : BootstrapPolicy.sharedControllerCredentialBindings()) {
            ClusterRoleBinding b = Serialization.unmarshal(o.toString(), ClusterRoleBinding.class);
            try {
                admin.rbac().clusterRoleBindings().resource(b).create();
            } catch (KubernetesClientException e) {
                if (e.getCode() != 409) throw e;
            }
        }
    }
}
