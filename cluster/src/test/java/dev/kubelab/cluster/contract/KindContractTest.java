package dev.kubelab.cluster.contract;

import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ProviderName;
import org.testcontainers.junit.jupiter.Testcontainers;

/** The contract on kind: runs when a Docker engine answers (the first run pulls a ~1 GB node image). */
@Testcontainers(disabledWithoutDocker = true)
class KindContractTest extends ClusterContractTest {
    @Override
    protected ProviderName provider() {
        return ProviderName.KIND;
    }

    @Override
    protected Component drillComponent() {
        return Component.KUBE_SCHEDULER;
    }
}
