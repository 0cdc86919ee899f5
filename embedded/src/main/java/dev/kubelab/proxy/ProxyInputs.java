package dev.kubelab.proxy;

import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What kube-proxy watches: Services and EndpointSlices, through informers (list + watch on the
 * API server). One instance can feed every simulated kube-proxy of a {@code NodeSimulator}: their
 * inputs are identical, so watching once per process instead of once per node keeps 100 nodes cheap.
 * The rules computed from one generation of the inputs are memoised for the same reason.
 */
public final class ProxyInputs implements AutoCloseable {
    private final SharedIndexInformer<Service> services;
    private final SharedIndexInformer<EndpointSlice> slices;
    private final AtomicLong generation = new AtomicLong();
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile Memo memo;

    private record Memo(long generation, String clusterCidr, IptablesRules rules) {
    }

    private ProxyInputs(KubernetesClient client) {
        this.services = client.services().inAnyNamespace().runnableInformer(0);
        this.slices = client.discovery().v1().endpointSlices().inAnyNamespace().runnableInformer(0);
        services.addEventHandler(handler());
        slices.addEventHandler(handler());
    }

    /** Starts the informers and waits until their caches hold the current state. */
    public static ProxyInputs start(KubernetesClient client) {
        ProxyInputs in = new ProxyInputs(client);
        try {
            in.services.start().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
            in.slices.start().toCompletableFuture().get(60, java.util.concurrent.TimeUnit.SECONDS);
        } catch (Exception e) {
            in.close();
            throw new IllegalStateException("kube-proxy cannot list and watch Services/EndpointSlices: "
                    + (e.getCause() != null ? e.getCause().getMessage() : e.toString()), e);
        }
        return in;
    }

    private <T> ResourceEventHandler<T> handler() {
        return new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed();
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed();
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                changed();
            }
        };
    }

    private void changed() {
        generation.incrementAndGet();
        listeners.forEach(Runnable::run);
    }

    /** Registers a callback run (on an informer thread) after each change. */
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    public void removeListener(Runnable listener) {
        listeners.remove(listener);
    }

    /** The rules for the current inputs (memoised per generation and cluster CIDR). */
    public IptablesRules rules(String clusterCidr) {
        long gen = generation.get();
        Memo m = memo;
        if (m != null && m.generation == gen && m.clusterCidr.equals(clusterCidr)) {
            return m.rules;
        }
        IptablesRules rules = IptablesRules.compute(ServicePort.from(services.getStore().list(), slices.getStore().list()), clusterCidr);
        memo = new Memo(gen, clusterCidr, rules);
        return rules;
    }

    @Override
    public void close() {
        services.close();
        slices.close();
    }
}
