package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apimachinery.LabelSelectors;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.patch.Patches;
import dev.kubelab.apiserver.registry.BuiltinResources;
import dev.kubelab.apiserver.registry.ResourceInfo;
import dev.kubelab.apiserver.selectors.LabelSelector;
import dev.kubelab.apiserver.storage.ObjectStore;
import java.util.Map;

/**
 * The subresources kube-apiserver serves for the built-in kinds: status, scale
 * (autoscaling/v1 Scale), pods/binding, pods/eviction (honouring PodDisruptionBudgets),
 * pods/log and namespaces/finalize.
 */
public final class Subresources {

    private final ResourceHandler rest;
    private final ObjectStore store;
    private final PodLogSource logs;

    public Subresources(ResourceHandler rest, PodLogSource logs) {
        this.rest = rest;
        this.store = rest.store();
        this.logs = logs;
    }

    public Response handle(ApiRequest req, ResourceInfo ri, String sub) {
        if (!ri.subresources().contains(sub)) throw notFound();
        String method = req.method();
        return switch (sub) {
            case "status" -> status(req, ri, method);
            case "scale" -> scale(req, ri, method);
            case "binding" -> { requireMethod(method, "POST", ri, sub); yield binding(req, ri); }
            case "eviction" -> { requireMethod(method, "POST", ri, sub); yield eviction(req, ri); }
            case "log" -> { requireMethod(method, "GET", ri, sub); yield log(req, ri); }
            case "finalize" -> { requireMethod(method, "PUT", ri, sub); yield finalizeNamespace(req, ri); }
            default -> throw notFound();
        };
    }

    static StatusError notFound() {
        return new StatusError(404, "NotFound", "the server could not find the requested resource", null, null, null, null, null);
    }

    private static void requireMethod(String method, String want, ResourceInfo ri, String sub) {
        if (!method.equals(want)) throw StatusError.methodNotSupported(ri.group(), ri.resource() + "/" + sub, method.toLowerCase(java.util.Locale.ROOT));
    }

    // ---- status: the whole object in, only .status taken ----
    private Response status(ApiRequest req, ResourceInfo ri, String method) {
        String ns = req.info().namespace();
        String name = req.info().name();
        if (method.equals("GET")) return Response.json(200, store.get(ri, ns, name));
        ObjectNode result;
        if (method.equals("PUT")) {
            ObjectNode body = Json.parseObject(req.body(), req.yamlBody());
            ResourceHandler.checkTypeMeta(body, ri);
            String rv = body.path("metadata").path("resourceVersion").asText("");
            result = store.guaranteedUpdate(ri, ns, name, rv.isEmpty(), req.dryRun(), cur -> {
                if (!rv.isEmpty() && !rv.equals(cur.path("metadata").path("resourceVersion").asText())) throw ObjectStore.conflict(ri, name);
                return rest.updatePipeline(req, ri, "status", withStatusOf(cur, body), cur);
            });
        } else if (method.equals("PATCH")) {
            String ct = req.contentType();
            result = store.guaranteedUpdate(ri, ns, name, true, req.dryRun(), cur -> {
                ObjectNode patched = Patches.apply(ri, ct, cur, req.body());
                return rest.updatePipeline(req, ri, "status", withStatusOf(cur, patched), cur);
            });
        } else {
            throw StatusError.methodNotSupported(ri.group(), ri.resource() + "/status", method.toLowerCase(java.util.Locale.ROOT));
        }
        return Response.json(200, result);
    }

    /** The current object with only status (and for status writers: conditions live there) replaced. */
    private static ObjectNode withStatusOf(ObjectNode current, ObjectNode incoming) {
        ObjectNode next = current.deepCopy();
        JsonNode st = incoming.get("status");
        if (st == null || st.isNull()) next.remove("status");
        else next.set("status", st.deepCopy());
        return next;
    }

    // ---- scale ----
    private Response scale(ApiRequest req, ResourceInfo ri, String method) {
        String ns = req.info().namespace();
        String name = req.info().name();
        if (method.equals("GET")) return Response.json(200, toScale(store.get(ri, ns, name)));
        ObjectNode result = store.guaranteedUpdate(ri, ns, name, true, req.dryRun(), cur -> {
            ObjectNode scale = toScale(cur);
            ObjectNode wanted;
            if (method.equals("PUT")) {
                wanted = Json.parseObject(req.body(), req.yamlBody());
                String rv = wanted.path("metadata").path("resourceVersion").asText("");
                if (!rv.isEmpty() && !rv.equals(cur.path("metadata").path("resourceVersion").asText())) throw ObjectStore.conflict(ri, name);
            } else if (method.equals("PATCH")) {
                wanted = Patches.apply(null, req.contentType(), scale, req.body());
            } else {
                throw StatusError.methodNotSupported(ri.group(), ri.resource() + "/scale", method.toLowerCase(java.util.Locale.ROOT));
            }
            JsonNode replicas = wanted.path("spec").path("replicas");
            if (!replicas.isIntegralNumber() && !replicas.isMissingNode()) {
                throw StatusError.badRequest("json: cannot unmarshal " + Json.jsonType(replicas) + " into Go struct field ScaleSpec.spec.replicas of type int32");
            }
            int n = replicas.asInt(0);
            if (n < 0) {
                throw StatusError.invalid("autoscaling", "Scale", name, java.util.List.of(new StatusError.Cause("FieldValueInvalid",
                        "Invalid value: " + n + ": must be greater than or equal to 0", "spec.replicas")));
            }
            ObjectNode next = cur.deepCopy();
            next.with("spec").put("replicas", n);
            return rest.updatePipeline(req, ri, "scale", next, cur);
        });
        return Response.json(200, toScale(result));
    }

    static ObjectNode toScale(ObjectNode obj) {
        ObjectNode s = Json.MAPPER.createObjectNode();
        s.put("kind", "Scale");
        s.put("apiVersion", "autoscaling/v1");
        JsonNode m = obj.path("metadata");
        ObjectNode meta = s.putObject("metadata");
        for (String f : new String[] {"name", "namespace", "uid", "resourceVersion", "creationTimestamp"}) {
            if (m.has(f)) meta.set(f, m.get(f));
        }
        s.putObject("spec").put("replicas", obj.path("spec").path("replicas").asInt(0));
        ObjectNode st = s.putObject("status");
        st.put("replicas", obj.path("status").path("replicas").asInt(0));
        // metav1.LabelSelectorAsSelector(spec.selector).String(), as the workloads' scale subresources fill it
        String sel = dev.kubelab.apiserver.printers.Selectors.selector(obj.path("spec").path("selector"));
        if (!sel.isEmpty()) st.put("selector", sel);
        return s;
    }

    // ---- pods/binding: what kube-scheduler posts ----
    private Response binding(ApiRequest req, ResourceInfo ri) {
        ObjectNode b = Json.parseObject(req.body(), req.yamlBody());
        String node = b.path("target").path("name").asText("");
        String name = req.info().name();
        if (node.isEmpty()) {
            throw StatusError.invalid("", "Binding", name, java.util.List.of(new StatusError.Cause("FieldValueRequired", "Required value", "target.name")));
        }
        store.guaranteedUpdate(ri, req.info().namespace(), name, true, req.dryRun(), cur -> {
            if (cur.path("metadata").hasNonNull("deletionTimestamp")) {
                throw StatusError.conflict("", "pods/binding", name, "pod " + name + " is being deleted, cannot be assigned to a host");
            }
            String existing = cur.path("spec").path("nodeName").asText("");
            if (!existing.isEmpty()) {
                throw StatusError.conflict("", "pods/binding", name, "pod " + name + " is already assigned to node \"" + existing + "\"");
            }
            cur.with("spec").put("nodeName", node);
            ArrayNode conds = cur.with("status").withArray("conditions");
            for (int i = conds.size() - 1; i >= 0; i--) if ("PodScheduled".equals(conds.get(i).path("type").asText())) conds.remove(i);
            ObjectNode c = conds.addObject();
            c.put("type", "PodScheduled");
            c.put("status", "True");
            c.putNull("lastProbeTime");
            c.put("lastTransitionTime", ResourceHandler.now());
            return cur;
        });
        return Response.json(201, Status.success("", "pods", null, null));
    }

    // ---- pods/eviction: a delete guarded by PodDisruptionBudgets ----
    private Response eviction(ApiRequest req, ResourceInfo ri) {
        ObjectNode ev = Json.parseObject(req.body(), req.yamlBody());
        String ns = req.info().namespace();
        String name = req.info().name();
        ObjectNode pod = store.get(ri, ns, name);
        ResourceInfo pdbs = BuiltinResources.find("policy/v1", "poddisruptionbudgets").orElseThrow();
        String phase = pod.path("status").path("phase").asText("");
        boolean terminal = phase.equals("Succeeded") || phase.equals("Failed") || phase.equals("Pending") || phase.isEmpty();
        if (!terminal && !pod.path("metadata").hasNonNull("deletionTimestamp")) {
            for (ObjectNode pdb : store.list(pdbs, ns, LabelSelector.EVERYTHING, dev.kubelab.apiserver.selectors.FieldSelector.EVERYTHING, 0, null).items()) {
                if (!LabelSelectors.matches(pdb.path("spec").path("selector"), pod.path("metadata").path("labels"))) continue;
                String pdbName = pdb.path("metadata").path("name").asText();
                // Concurrent evictions (kubectl drain evicts in parallel) race on the budget: re-read and re-check it
                // on a conflict, as kube-apiserver's eviction REST does (retry.RetryOnConflict(EvictionsRetry, …)).
                store.guaranteedUpdate(pdbs, ns, pdbName, true, req.dryRun(), cur -> {
                    JsonNode st = cur.path("status");
                    long allowed = st.path("disruptionsAllowed").asLong(0);
                    if (allowed <= 0) {
                        String msg = "The disruption budget " + pdbName + " needs " + st.path("desiredHealthy").asLong(0)
                                + " healthy pods and has " + st.path("currentHealthy").asLong(0) + " currently";
                        // no Retry-After, as kube-apiserver (NewTooManyRequests(msg, 0)): client-go would otherwise retry the
                        // 429 itself up to 10 times, and kubectl drain --timeout could not show the PDB blocking
                        throw new StatusError(429, "TooManyRequests", "Cannot evict pod as it would violate the pod's disruption budget.",
                                "", "pods", name, java.util.List.of(new StatusError.Cause("DisruptionBudget", msg, null)), null);
                    }
                    ObjectNode s = cur.with("status");
                    s.put("disruptionsAllowed", allowed - 1);
                    s.with("disruptedPods").put(name, ResourceHandler.now());
                    return cur;
                });
            }
        }
        DeleteOptions opts = DeleteOptions.fromEviction(ev, req);
        rest.deleteOne(req, ri, ns, name, opts);
        return Response.json(201, Status.success("", "pods", name, null));
    }

    // ---- pods/log ----
    private Response log(ApiRequest req, ResourceInfo ri) {
        ObjectNode pod = store.get(ri, req.info().namespace(), req.info().name());
        String container = req.param("container");
        ArrayNode containers = (ArrayNode) pod.path("spec").path("containers");
        String podName = pod.path("metadata").path("name").asText();
        if (container == null || container.isEmpty()) {
            if (containers == null || containers.size() != 1) {
                StringBuilder names = new StringBuilder();
                if (containers != null) for (JsonNode c : containers) names.append(names.length() > 0 ? " " : "").append(c.path("name").asText());
                throw StatusError.badRequest("a container name must be specified for pod " + podName + ", choose one of: [" + names + "]");
            }
            container = containers.get(0).path("name").asText();
        } else {
            boolean found = false;
            if (containers != null) for (JsonNode c : containers) found |= c.path("name").asText().equals(container);
            if (!found) throw StatusError.badRequest("container " + container + " is not valid for pod " + podName);
        }
        Long tail = req.param("tailLines") == null ? null : req.longParam("tailLines", 0);
        var text = logs.logs(pod, container, tail, req.flag("previous"));
        if (text.isEmpty()) {
            String reason = pod.path("spec").path("nodeName").asText("").isEmpty() ? "ContainerCreating" : "ContainerCreating";
            throw StatusError.badRequest("container \"" + container + "\" in pod \"" + podName + "\" is waiting to start: " + reason);
        }
        return Response.plain(200, text.get());
    }

    // ---- namespaces/finalize: the namespace controller's last step ----
    private Response finalizeNamespace(ApiRequest req, ResourceInfo ri) {
        ObjectNode body = Json.parseObject(req.body(), req.yamlBody());
        String name = req.info().name();
        ObjectNode result = store.guaranteedUpdate(ri, null, name, true, req.dryRun(), cur -> {
            ObjectNode next = cur.deepCopy();
            JsonNode fins = body.path("spec").path("finalizers");
            if (fins.isMissingNode() || fins.isNull()) next.with("spec").remove("finalizers");
            else next.with("spec").set("finalizers", fins.deepCopy());
            return next;
        });
        if (result.path("metadata").hasNonNull("deletionTimestamp") && result.path("spec").path("finalizers").size() == 0
                && result.path("metadata").path("finalizers").size() == 0 && !req.dryRun()) {
            try {
                store.delete(ri, null, name, 0, false);
            } catch (StatusError e) {
                if (e.code() != 404) throw e;
            }
        }
        return Response.json(200, result);
    }

    static Map<String, String> none() {
        return Map.of();
    }
}
