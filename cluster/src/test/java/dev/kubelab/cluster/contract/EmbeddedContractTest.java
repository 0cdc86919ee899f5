package dev.kubelab.cluster.contract;

import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ProviderName;

/** The contract on the embedded provider (Java control plane on the real etcd). */
class EmbeddedContractTest extends ClusterContractTest {
    @Override
    protected ProviderName provider() {
        return ProviderName.EMBEDDED;
    }

    @Override
    protected Component drillComponent() {
        return Component.KUBE_SCHEDULER;
    }
}
