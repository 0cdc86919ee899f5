package dev.kubelab.leaderelection;

import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaderElectionRecord;
import io.fabric8.kubernetes.client.extended.leaderelection.resourcelock.LeaseLock;

/**
 * A Lease lock that renews with an update (PUT) carrying the resourceVersion it last read, as client-go's
 * resourcelock.LeaseLock does. fabric8's LeaseLock renews with a merge PATCH, which the bootstrap roles do not allow:
 * system:kube-scheduler and system:kube-controller-manager may only get and update their own Lease.
 */
public final class UpdatingLeaseLock extends LeaseLock {
    private final String namespace;
    private final String name;
    private Lease last;

    public UpdatingLeaseLock(String namespace, String name, String identity) {
        super(namespace, name, identity);
        this.namespace = namespace;
        this.name = name;
    }

    @Override
    public synchronized LeaderElectionRecord get(KubernetesClient client) {
        last = client.leases().inNamespace(namespace).withName(name).get();
        return last == null ? null : toRecord(last);
    }

    @Override
    public synchronized void create(KubernetesClient client, LeaderElectionRecord record) {
        last = client.resource(toResource(record, getObjectMeta(null))).create();
    }

    @Override
    public synchronized void update(KubernetesClient client, LeaderElectionRecord record) {
        if (last == null) throw new IllegalStateException("the Lease " + namespace + "/" + name + " was not read before its update");
        // a stale resourceVersion is a 409 Conflict: another candidate renewed first
        last = client.resource(toResource(record, getObjectMeta(last.getMetadata().getResourceVersion()))).update();
    }
}
