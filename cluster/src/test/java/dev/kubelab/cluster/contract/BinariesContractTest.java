package dev.kubelab.cluster.contract;

import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ProviderName;

/** The contract on the binaries provider: runs where etcd and the kube-* binaries are installed (Binder). */
class BinariesContractTest extends ClusterContractTest {
    @Override
    protected ProviderName provider() {
        return ProviderName.BINARIES;
    }

    @Override
    protected Component drillComponent() {
        return Component.KUBE_SCHEDULER;
    }
}
