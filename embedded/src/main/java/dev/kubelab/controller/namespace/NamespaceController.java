package dev.kubelab.controller.namespace;

import dev.kubelab.controller.framework.ApiErrors;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.QueueController;
import io.fabric8.kubernetes.api.model.APIResource;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NamespaceCondition;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * kube-controller-manager's namespace controller: when a Namespace is Terminating it deletes every namespaced
 * object in it (discovered through the API's discovery documents), reports progress in the
 * NamespaceContentRemaining/NamespaceFinalizersRemaining conditions, and once the namespace is empty removes the
 * {@code kubernetes} finalizer through the {@code namespaces/finalize} subresource, letting the API server delete it.
 */
public final class NamespaceController extends QueueController {
    static final String FINALIZER = "kubernetes";

    public NamespaceController(ControllerContext ctx) {
        super("namespace", ctx, ctx.intFlag("concurrent-namespace-syncs", 10));
    }

    @Override
    protected void registerHandlers() {
        watchAll(Namespace.class, ns -> {
            if (ns.getMetadata().getDeletionTimestamp() != null) {
                enqueue(ns.getMetadata().getName());
            }
        });
    }

    private record Gvr(String group, String version, APIResource resource) {
        String groupResource() {
            return group.isEmpty() ? resource.getName() : resource.getName() + "." + group;
        }
    }

    private List<Gvr> namespacedResources() {
        List<Gvr> out = new ArrayList<>();
        addResources(out, "", "v1");
        for (var g : ctx.client().getApiGroups().getGroups()) {
            var pv = g.getPreferredVersion();
            addResources(out, g.getName(), pv.getVersion());
        }
        return out;
    }

    private void addResources(List<Gvr> out, String group, String version) {
        var list = ctx.client().getApiResources(group.isEmpty() ? version : group + "/" + version);
        if (list == null) {
            return;
        }
        for (APIResource r : list.getResources()) {
            if (r.getName().contains("/") || !Boolean.TRUE.equals(r.getNamespaced()) || r.getVerbs() == null
                    || !r.getVerbs().contains("list") || !r.getVerbs().contains("delete")) {
                continue;
            }
            if ("events.k8s.io".equals(group)) {
                continue; // the same objects as core/v1 events
            }
            out.add(new Gvr(group, version, r));
        }
    }

    @Override
    protected void sync(String name) {
        Namespace cached = ctx.informers().get(Namespace.class, name);
        if (cached == null || cached.getMetadata().getDeletionTimestamp() == null) {
            return;
        }
        Namespace ns = new NamespaceBuilder(cached).build();
        if (ns.getSpec() == null || ns.getSpec().getFinalizers() == null || !ns.getSpec().getFinalizers().contains(FINALIZER)) {
            return;
        }
        Map<String, Integer> remaining = new TreeMap<>();
        Map<String, Integer> finalizers = new TreeMap<>();
        for (Gvr gvr : namespacedResources()) {
            var ctxDef = new ResourceDefinitionContext.Builder().withGroup(gvr.group()).withVersion(gvr.version())
                    .withPlural(gvr.resource().getName()).withKind(gvr.resource().getKind()).withNamespaced(true).build();
            var ops = ctx.client().genericKubernetesResources(ctxDef).inNamespace(name);
            List<GenericKubernetesResource> items = ops.list().getItems();
            if (items.isEmpty()) {
                continue;
            }
            for (GenericKubernetesResource item : items) {
                if (item.getMetadata().getDeletionTimestamp() == null) {
                    try {
                        ops.withName(item.getMetadata().getName()).delete();
                    } catch (RuntimeException e) {
                        if (!ApiErrors.isNotFound(e)) {
                            throw e;
                        }
                    }
                }
                if (item.getMetadata().getFinalizers() != null) {
                    item.getMetadata().getFinalizers().forEach(f -> finalizers.merge(f, 1, Integer::sum));
                }
            }
            // Re-list: most kinds are gone at once, pods may wait for their grace period.
            int left = ops.list().getItems().size();
            if (left > 0) {
                remaining.put(gvr.groupResource(), left);
            }
        }
        updateConditions(ns, remaining, finalizers);
        if (!remaining.isEmpty()) {
            enqueueAfter(name, Duration.ofSeconds(remaining.containsKey("pods") ? 2 : 1));
            return;
        }
        Namespace latest = ctx.client().namespaces().withName(name).get();
        if (latest == null) {
            return;
        }
        List<String> fins = new ArrayList<>(latest.getSpec().getFinalizers());
        fins.remove(FINALIZER);
        latest.getSpec().setFinalizers(fins);
        ctx.client().namespaces().resource(latest).subresource("finalize").update();
    }

    private void updateConditions(Namespace ns, Map<String, Integer> remaining, Map<String, Integer> finalizers) {
        String now = ctx.clock().instant().truncatedTo(ChronoUnit.SECONDS).toString();
        List<NamespaceCondition> conds = new ArrayList<>();
        conds.add(cond("NamespaceDeletionDiscoveryFailure", "False", "ResourcesDiscovered", "All resources successfully discovered", now));
        conds.add(cond("NamespaceDeletionGroupVersionParsingFailure", "False", "ParsedGroupVersions", "All legacy kube types successfully parsed", now));
        conds.add(cond("NamespaceDeletionContentFailure", "False", "ContentDeleted", "All content successfully deleted, may be waiting on finalization", now));
        if (remaining.isEmpty()) {
            conds.add(cond("NamespaceContentRemaining", "False", "ContentRemoved", "All content successfully removed", now));
        } else {
            List<String> parts = new ArrayList<>();
            remaining.forEach((gr, n) -> parts.add(gr + " has " + n + " resource instances"));
            conds.add(cond("NamespaceContentRemaining", "True", "SomeResourcesRemain", "Some resources are remaining: " + String.join(", ", parts), now));
        }
        if (finalizers.isEmpty() || remaining.isEmpty()) {
            conds.add(cond("NamespaceFinalizersRemaining", "False", "ContentHasNoFinalizers", "All content-preserving finalizers finished", now));
        } else {
            List<String> parts = new ArrayList<>();
            finalizers.forEach((f, n) -> parts.add(f + " in " + n + " resource instances"));
            conds.add(cond("NamespaceFinalizersRemaining", "True", "SomeFinalizersRemain",
                    "Some content in the namespace has finalizers remaining: " + String.join(", ", parts), now));
        }
        List<NamespaceCondition> old = ns.getStatus() == null || ns.getStatus().getConditions() == null ? List.of() : ns.getStatus().getConditions();
        boolean same = old.size() == conds.size();
        for (int i = 0; same && i < conds.size(); i++) {
            NamespaceCondition a = old.get(i);
            NamespaceCondition b = conds.get(i);
            same = Objects.equals(a.getType(), b.getType()) && Objects.equals(a.getStatus(), b.getStatus())
                    && Objects.equals(a.getMessage(), b.getMessage());
        }
        if (same) {
            return;
        }
        for (int i = 0; i < conds.size(); i++) {
            NamespaceCondition b = conds.get(i);
            old.stream().filter(a -> a.getType().equals(b.getType()) && Objects.equals(a.getStatus(), b.getStatus()))
                    .findFirst().ifPresent(a -> b.setLastTransitionTime(a.getLastTransitionTime()));
        }
        ns.getStatus().setConditions(conds);
        try {
            ctx.client().namespaces().resource(ns).updateStatus();
        } catch (RuntimeException e) {
            if (!ApiErrors.isNotFound(e) && !ApiErrors.isConflict(e)) {
                throw e;
            }
        }
    }

    private static NamespaceCondition cond(String type, String status, String reason, String message, String now) {
        return new NamespaceCondition(now, message, reason, status, type);
    }
}
