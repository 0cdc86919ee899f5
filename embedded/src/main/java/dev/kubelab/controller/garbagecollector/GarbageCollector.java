package dev.kubelab.controller.garbagecollector;

import dev.kubelab.controller.framework.ApiErrors;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.QueueController;
import dev.kubelab.controller.framework.SharedInformers;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.OwnerReference;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.batch.v1.CronJob;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * kube-controller-manager's garbage collector: follows ownerReferences between objects of the monitored kinds.
 * <ul>
 *   <li>background: an object all of whose owners are gone (absent, or a different uid) is deleted;
 *       owners that are gone are dropped from an object that still has a live owner;</li>
 *   <li>foreground: an owner being deleted with the {@code foregroundDeletion} finalizer has its dependents deleted,
 *       and loses the finalizer once no dependent with {@code blockOwnerDeletion: true} remains;</li>
 *   <li>orphan: an owner being deleted with the {@code orphan} finalizer has its ownerReference removed from every
 *       dependent, then loses the finalizer.</li>
 * </ul>
 * Difference: the real collector discovers every deletable resource; this one monitors a fixed list of kinds (the
 * built-in kinds that carry ownerReferences); owners of other kinds are looked up with a GET.
 */
public final class GarbageCollector extends QueueController {
    static final String FOREGROUND = "foregroundDeletion";
    static final String ORPHAN = "orphan";
    private static final String OWNER_UID_INDEX = SharedInformers.OWNER_UID_INDEX;
    private static final String UID_INDEX = SharedInformers.UID_INDEX;

    /** Monitored kinds, by Kind name. */
    private final Map<String, Class<? extends HasMetadata>> kinds = new LinkedHashMap<>();

    public GarbageCollector(ControllerContext ctx) {
        super("garbagecollector", ctx, ctx.intFlag("concurrent-gc-syncs", 20));
        for (Class<? extends HasMetadata> c : List.of(Pod.class, ReplicaSet.class, Deployment.class, DaemonSet.class,
                StatefulSet.class, Job.class, CronJob.class, Service.class, Endpoints.class, EndpointSlice.class,
                ConfigMap.class, Secret.class, ServiceAccount.class, PodDisruptionBudget.class, Lease.class, Node.class)) {
            kinds.put(c.getSimpleName(), c);
        }
    }

    @Override
    protected void registerHandlers() {
        for (var e : kinds.entrySet()) {
            register(e.getKey(), e.getValue());
        }
    }

    private <T extends HasMetadata> void register(String kind, Class<T> type) {
        watch(type, new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                changed(kind, obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                changed(kind, newObj);
            }

            @Override
            public void onDelete(T obj, boolean unknown) {
                // Its dependents may now be garbage; its owners may be waiting for it (foreground).
                dependents(obj.getMetadata().getUid()).forEach(d -> enqueue(itemKey(d)));
                ownersOf(obj).forEach(o -> enqueue(itemKey(o)));
            }
        });
    }

    private void changed(String kind, HasMetadata obj) {
        var m = obj.getMetadata();
        if (m.getOwnerReferences() != null && !m.getOwnerReferences().isEmpty() || m.getDeletionTimestamp() != null) {
            enqueue(kind + "|" + Keys.of(obj));
        }
        if (m.getDeletionTimestamp() != null) {
            dependents(m.getUid()).forEach(d -> enqueue(itemKey(d)));
        }
    }

    private String itemKey(HasMetadata o) {
        return o.getKind() + "|" + Keys.of(o);
    }

    private List<HasMetadata> dependents(String uid) {
        List<HasMetadata> out = new ArrayList<>();
        if (uid == null) {
            return out;
        }
        for (Class<? extends HasMetadata> c : kinds.values()) {
            out.addAll(informer(c).getIndexer().byIndex(OWNER_UID_INDEX, uid));
        }
        return out;
    }

    private List<HasMetadata> ownersOf(HasMetadata obj) {
        List<HasMetadata> out = new ArrayList<>();
        if (obj.getMetadata().getOwnerReferences() == null) {
            return out;
        }
        for (OwnerReference r : obj.getMetadata().getOwnerReferences()) {
            Class<? extends HasMetadata> c = kinds.get(r.getKind());
            if (c != null) {
                out.addAll(informer(c).getIndexer().byIndex(UID_INDEX, r.getUid()));
            }
        }
        return out;
    }

    @Override
    protected void sync(String item) throws Exception {
        int bar = item.indexOf('|');
        Class<? extends HasMetadata> type = kinds.get(item.substring(0, bar));
        String key = item.substring(bar + 1);
        HasMetadata obj = ctx.informers().get(type, key);
        if (obj == null) {
            return;
        }
        var meta = obj.getMetadata();
        List<String> finalizers = meta.getFinalizers() == null ? List.of() : meta.getFinalizers();
        if (meta.getDeletionTimestamp() != null) {
            if (finalizers.contains(ORPHAN)) {
                orphanDependents(obj);
                return;
            }
            if (finalizers.contains(FOREGROUND)) {
                processDeletingDependents(item, obj);
                return;
            }
        }
        List<OwnerReference> refs = meta.getOwnerReferences();
        if (refs == null || refs.isEmpty() || meta.getDeletionTimestamp() != null) {
            return;
        }
        List<OwnerReference> solid = new ArrayList<>();
        List<OwnerReference> dangling = new ArrayList<>();
        List<OwnerReference> waiting = new ArrayList<>();
        for (OwnerReference r : refs) {
            HasMetadata owner = lookupOwner(meta.getNamespace(), r);
            if (owner == null) {
                dangling.add(r);
            } else if (owner.getMetadata().getDeletionTimestamp() != null && owner.getMetadata().getFinalizers() != null
                    && owner.getMetadata().getFinalizers().contains(FOREGROUND)) {
                waiting.add(r);
            } else {
                solid.add(r);
            }
        }
        if (!solid.isEmpty()) {
            if (!dangling.isEmpty() || !waiting.isEmpty()) {
                // Keep the object; drop references to owners that are gone or going.
                List<String> drop = new ArrayList<>();
                dangling.forEach(r -> drop.add(r.getUid()));
                waiting.forEach(r -> drop.add(r.getUid()));
                removeOwnerRefs(obj, drop);
            }
            return;
        }
        DeletionPropagation policy = !waiting.isEmpty() && !dependents(meta.getUid()).isEmpty()
                ? DeletionPropagation.FOREGROUND : DeletionPropagation.BACKGROUND;
        if (finalizers.contains(ORPHAN)) {
            policy = DeletionPropagation.ORPHAN;
        } else if (finalizers.contains(FOREGROUND)) {
            policy = DeletionPropagation.FOREGROUND;
        }
        deleteObject(obj, policy);
    }

    /** The owner as the GC sees it: the live object with that uid, or null when absent/replaced. */
    private HasMetadata lookupOwner(String namespace, OwnerReference r) {
        Class<? extends HasMetadata> c = kinds.get(r.getKind());
        if (c != null) {
            List<? extends HasMetadata> found = informer(c).getIndexer().byIndex(UID_INDEX, r.getUid());
            if (!found.isEmpty()) {
                return found.get(0);
            }
            // The cache may lag behind a just-created owner: confirm with the API before calling it gone.
            HasMetadata live = namespace == null || isClusterScoped(c)
                    ? ctx.client().resources(c).withName(r.getName()).get()
                    : ctx.client().resources(c).inNamespace(namespace).withName(r.getName()).get();
            return live != null && Objects.equals(live.getMetadata().getUid(), r.getUid()) ? live : null;
        }
        try {
            var res = ctx.client().genericKubernetesResources(r.getApiVersion(), r.getKind());
            var live = namespace == null ? res.withName(r.getName()).get() : res.inNamespace(namespace).withName(r.getName()).get();
            return live != null && Objects.equals(live.getMetadata().getUid(), r.getUid()) ? live : null;
        } catch (RuntimeException e) {
            // Unknown kind: the real GC also keeps such dependents (it cannot prove the owner absent).
            return new io.fabric8.kubernetes.api.model.GenericKubernetesResource();
        }
    }

    private static boolean isClusterScoped(Class<?> c) {
        return c == Node.class;
    }

    private void processDeletingDependents(String item, HasMetadata owner) {
        List<HasMetadata> deps = dependents(owner.getMetadata().getUid());
        boolean blocking = false;
        for (HasMetadata d : deps) {
            OwnerReference ref = d.getMetadata().getOwnerReferences().stream()
                    .filter(r -> r.getUid().equals(owner.getMetadata().getUid())).findFirst().orElse(null);
            if (ref != null && Boolean.TRUE.equals(ref.getBlockOwnerDeletion())) {
                blocking = true;
            }
            if (d.getMetadata().getDeletionTimestamp() == null) {
                enqueue(itemKey(d));
            }
        }
        if (!blocking) {
            removeFinalizer(owner, FOREGROUND);
        } else {
            // Dependents' deletion events requeue us; also re-check in case one was missed.
            enqueueAfter(item, Duration.ofSeconds(5));
        }
    }

    private void orphanDependents(HasMetadata owner) {
        for (HasMetadata d : dependents(owner.getMetadata().getUid())) {
            removeOwnerRefs(d, List.of(owner.getMetadata().getUid()));
        }
        removeFinalizer(owner, ORPHAN);
    }

    @SuppressWarnings("unchecked")
    private <T extends HasMetadata> Resource<T> resource(T obj) {
        Class<T> type = (Class<T>) obj.getClass();
        var ops = ctx.client().resources(type);
        String ns = obj.getMetadata().getNamespace();
        return ns == null ? ops.withName(obj.getMetadata().getName()) : ops.inNamespace(ns).withName(obj.getMetadata().getName());
    }

    private void removeOwnerRefs(HasMetadata obj, List<String> uids) {
        try {
            resource(obj).edit(h -> {
                if (h.getMetadata().getOwnerReferences() != null) {
                    h.getMetadata().setOwnerReferences(new ArrayList<>(h.getMetadata().getOwnerReferences().stream()
                            .filter(r -> !uids.contains(r.getUid())).toList()));
                }
                return h;
            });
        } catch (RuntimeException e) {
            if (!ApiErrors.isNotFound(e)) {
                throw e;
            }
        }
    }

    private void removeFinalizer(HasMetadata obj, String finalizer) {
        try {
            resource(obj).edit(h -> {
                if (h.getMetadata().getFinalizers() != null) {
                    h.getMetadata().setFinalizers(new ArrayList<>(h.getMetadata().getFinalizers().stream()
                            .filter(f -> !f.equals(finalizer)).toList()));
                }
                return h;
            });
        } catch (RuntimeException e) {
            if (!ApiErrors.isNotFound(e)) {
                throw e;
            }
        }
    }

    private void deleteObject(HasMetadata obj, DeletionPropagation policy) {
        resource(obj).withPropagationPolicy(policy).delete();
    }
}
