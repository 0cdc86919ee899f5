package dev.kubelab.apiserver.endpoints;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import dev.kubelab.apiserver.admission.AdmissionAttributes;
import dev.kubelab.apiserver.admission.AdmissionChain;
import dev.kubelab.apiserver.admission.AdmissionPlugin;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.patch.ManagedFields;
import dev.kubelab.apiserver.patch.Patches;
import dev.kubelab.apiserver.patch.ServerSideApply;
import dev.kubelab.apiserver.registry.GracefulDeletion;
import dev.kubelab.apiserver.registry.ResourceInfo;
import dev.kubelab.apiserver.registry.ResourceStrategy;
import dev.kubelab.apiserver.registry.core.service.ServiceAllocator;
import dev.kubelab.apiserver.openapi.FieldValidator;
import dev.kubelab.apiserver.registry.Strategies;
import dev.kubelab.apiserver.selectors.FieldSelector;
import dev.kubelab.apiserver.selectors.LabelSelector;
import dev.kubelab.apiserver.storage.ObjectStore;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The REST handlers of one served resource (k8s.io/apiserver/pkg/endpoints/handlers):
 * get, list, create, update, patch, delete, deletecollection, with kube-apiserver's pipeline —
 * decode and default → mutating admission → strategy (prepare, validate) → validating admission
 * → storage. Subresources are in {@link Subresources}.
 */
public final class ResourceHandler {

    /** The last second formatted by {@link #now()}: formatting an Instant is costly and writes share their second. */
    private static volatile Second lastSecond = new Second(Long.MIN_VALUE, "");

    private record Second(long epochSecond, String text) {}
    private static final String ALNUM = "bcdfghjklmnpqrstvwxz2456789";

    private final ObjectStore store;
    private final AdmissionChain admission;
    private final ServiceAllocator services;

    public ResourceHandler(ObjectStore store, AdmissionChain admission, ServiceAllocator services) {
        this.store = store;
        this.admission = admission;
        this.services = services;
    }

    public ObjectStore store() {
        return store;
    }

    // ------------------------------------------------------------------ reads

    public Response get(ApiRequest req, ResourceInfo ri) {
        ObjectNode obj = store.get(ri, req.info().namespace(), req.info().name());
        return switch (Tables.negotiate(req.accept())) {
            case TABLE -> Response.json(200, Tables.table(ri, List.of(obj), null, null, null, req.param("includeObject"), true));
            case PARTIAL_METADATA -> Response.json(200, Tables.partial(obj));
            default -> Response.json(200, obj);
        };
    }

    public Response list(ApiRequest req, ResourceInfo ri) {
        LabelSelector labels = LabelSelector.parse(req.param("labelSelector"));
        FieldSelector fields = FieldSelector.parse(req.param("fieldSelector"), ri);
        long limit = req.longParam("limit", 0);
        if (limit < 0) limit = 0;
        ObjectStore.ListResult r = store.list(ri, req.info().namespace(), labels, fields, limit, req.param("continue"));
        String rv = Long.toString(r.resourceVersion());
        return switch (Tables.negotiate(req.accept())) {
            case TABLE -> Response.json(200, Tables.table(ri, r.items(), rv, r.continueToken(), r.remainingItemCount(),
                    req.param("includeObject"), true));
            case PARTIAL_METADATA -> Response.json(200, Tables.partialList(r.items(), rv, r.continueToken()));
            default -> Response.json(200, listObject(ri, r.items(), rv, r.continueToken(), r.remainingItemCount()));
        };
    }

    static ObjectNode listObject(ResourceInfo ri, List<ObjectNode> items, String rv, String cont, Long remaining) {
        ObjectNode l = Json.MAPPER.createObjectNode();
        l.put("kind", ri.kind() + "List");
        l.put("apiVersion", ri.apiVersion());
        ObjectNode meta = l.putObject("metadata");
        meta.put("resourceVersion", rv);
        if (cont != null) meta.put("continue", cont);
        if (remaining != null) meta.put("remainingItemCount", remaining);
        ArrayNode arr = l.putArray("items");
        items.forEach(arr::add);
        return l;
    }

    // ------------------------------------------------------------------ create

    public Response create(ApiRequest req, ResourceInfo ri) {
        ObjectNode obj = Json.parseObject(req.body(), req.yamlBody());
        validateFields(req, ri, obj, req.yamlBody() ? null : req.body());
        return Response.json(201, createObject(req, ri, obj, null));
    }

    /** The create pipeline, shared by POST and by apply-patch on a missing object. */
    ObjectNode createObject(ApiRequest req, ResourceInfo ri, ObjectNode obj, JsonNode presetManagedFields) {
        checkTypeMeta(obj, ri);
        ObjectNode meta = obj.with("metadata");
        String ns = checkNamespace(req, ri, meta);
        ResourceStrategy strategy = Strategies.forResource(ri);
        strategy.applyDefaults(obj);
        AdmissionAttributes attrs = new AdmissionAttributes("CREATE", ri, null, ns, meta.path("name").asText(""), obj, null,
                req.user(), req.dryRun());
        for (AdmissionPlugin p : admission.plugins()) p.admit(attrs);
        // rest.BeforeCreate: system fields, generateName, strategy preparation, validation
        if (meta.path("name").asText("").isEmpty() && !meta.path("generateName").asText("").isEmpty()) {
            meta.put("name", generateName(meta.path("generateName").asText()));
        }
        String name = meta.path("name").asText("");
        meta.put("uid", UUID.randomUUID().toString());
        meta.put("creationTimestamp", now());
        meta.remove(List.of("deletionTimestamp", "deletionGracePeriodSeconds", "resourceVersion", "selfLink"));
        if (!ri.namespaced()) meta.remove("namespace");  // rest.BeforeCreate clears it for cluster-scoped kinds
        strategy.prepareForCreate(obj);
        // the service REST storage's BeginCreate allocates ClusterIPs and node ports before validation
        if (services != null && ri.groupResource().equals("services")) services.allocateOnCreate(obj);
        List<StatusError.Cause> causes = strategy.validate(obj);
        if (!causes.isEmpty()) throw StatusError.invalid(ri.group(), ri.kind(), name, causes);
        AdmissionAttributes validated = new AdmissionAttributes("CREATE", ri, null, ns, name, obj, null, req.user(), req.dryRun());
        for (AdmissionPlugin p : admission.plugins()) p.validate(validated);
        if (presetManagedFields != null && presetManagedFields.isArray()) meta.set("managedFields", presetManagedFields);
        else ManagedFields.recordUpdate(obj, null, fieldManager(req, false), ri.apiVersion(), now());
        return store.create(ri, ns, name, obj, req.dryRun());
    }

    // ------------------------------------------------------------------ update / patch

    public Response update(ApiRequest req, ResourceInfo ri) {
        ObjectNode body = Json.parseObject(req.body(), req.yamlBody());
        validateFields(req, ri, body, req.yamlBody() ? null : req.body());
        checkTypeMeta(body, ri);
        ObjectNode meta = body.with("metadata");
        checkNamespace(req, ri, meta);
        String name = req.info().name();
        if (!meta.path("name").asText("").isEmpty() && !meta.path("name").asText().equals(name)) {
            throw StatusError.badRequest("the name of the object (" + meta.path("name").asText() + ") does not match the name on the URL (" + name + ")");
        }
        meta.put("name", name);
        String rv = meta.path("resourceVersion").asText("");
        ResourceStrategy strategy = Strategies.forResource(ri);
        strategy.applyDefaults(body);
        ObjectNode result = store.guaranteedUpdate(ri, req.info().namespace(), name, rv.isEmpty(), req.dryRun(), current -> {
            if (!rv.isEmpty() && !rv.equals(current.path("metadata").path("resourceVersion").asText())) {
                throw ObjectStore.conflict(ri, name);
            }
            return updatePipeline(req, ri, null, body.deepCopy(), current);
        });
        return Response.json(200, result);
    }

    public Response patch(ApiRequest req, ResourceInfo ri) {
        String ct = req.contentType();
        String name = req.info().name();
        if (ct.equals(Patches.APPLY)) {
            return applyPatch(req, ri);
        }
        if (!ct.equals(Patches.JSON_PATCH) && !ct.equals(Patches.MERGE_PATCH) && !ct.equals(Patches.STRATEGIC)) {
            throw StatusError.unsupportedMediaType(ct);
        }
        ObjectNode result = store.guaranteedUpdate(ri, req.info().namespace(), name, true, req.dryRun(), current -> {
            ObjectNode patched = Patches.apply(ri, ct, current, req.body());
            validateFields(req, ri, patched, null);
            checkPatchedIdentity(ri, patched, current);
            Strategies.forResource(ri).applyDefaults(patched);
            return updatePipeline(req, ri, null, patched, current);
        });
        return Response.json(200, result);
    }

    private Response applyPatch(ApiRequest req, ResourceInfo ri) {
        String manager = req.param("fieldManager");
        if (manager == null || manager.isEmpty()) {
            throw StatusError.badRequest("PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch");
        }
        ObjectNode applied = Json.parseObject(req.body(), true);
        validateFields(req, ri, applied, null);
        checkTypeMeta(applied, ri);
        String name = req.info().name();
        if (!applied.path("metadata").path("name").asText(name).equals(name)) {
            throw StatusError.badRequest("the name of the object (" + applied.path("metadata").path("name").asText() + ") does not match the name on the URL (" + name + ")");
        }
        boolean force = req.flag("force");
        ObjectNode existing = store.find(ri, req.info().namespace(), name);
        if (existing == null) {
            ObjectNode obj = ServerSideApply.apply(null, applied, manager, ri.apiVersion(), force, now());
            obj.with("metadata").put("name", name);
            try {
                return Response.json(201, createObject(req, ri, obj, obj.path("metadata").path("managedFields").deepCopy()));
            } catch (StatusError e) {
                if (e.code() != 409 || !"AlreadyExists".equals(e.reason())) throw e;
                // lost a race with another creator: fall through to an update
            }
        }
        ObjectNode result = store.guaranteedUpdate(ri, req.info().namespace(), name, true, req.dryRun(), current -> {
            ObjectNode merged = ServerSideApply.apply(current, applied, manager, ri.apiVersion(), force, now());
            checkPatchedIdentity(ri, merged, current);
            Strategies.forResource(ri).applyDefaults(merged);
            return updatePipeline(req, ri, null, merged, current, true);
        });
        return Response.json(200, result);
    }

    ObjectNode updatePipeline(ApiRequest req, ResourceInfo ri, String subresource, ObjectNode next, ObjectNode current) {
        return updatePipeline(req, ri, subresource, next, current, false);
    }

    /** rest.BeforeUpdate + admission for one attempt of an update; returns the object to write. */
    ObjectNode updatePipeline(ApiRequest req, ResourceInfo ri, String subresource, ObjectNode next, ObjectNode current,
                              boolean managedFieldsDone) {
        ObjectNode meta = next.with("metadata");
        JsonNode curMeta = current.path("metadata");
        // system-owned metadata is not the client's to change
        for (String f : List.of("uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation")) {
            if (curMeta.has(f)) meta.set(f, curMeta.get(f));
            else meta.remove(f);
        }
        if (ri.namespaced()) meta.put("namespace", curMeta.path("namespace").asText());
        meta.put("resourceVersion", curMeta.path("resourceVersion").asText());
        ResourceStrategy strategy = Strategies.forResource(ri);
        String name = req.info().name();
        AdmissionAttributes attrs = new AdmissionAttributes("UPDATE", ri, subresource, req.info().namespace(), name, next, current,
                req.user(), req.dryRun());
        for (AdmissionPlugin p : admission.plugins()) p.admit(attrs);
        List<StatusError.Cause> causes;
        if ("status".equals(subresource)) {
            strategy.prepareForStatusUpdate(next, current);
            causes = strategy.validateStatusUpdate(next, current);
        } else {
            strategy.prepareForUpdate(next, current);
            if (services != null && ri.groupResource().equals("services") && subresource == null) services.allocateOnUpdate(next, current);
            causes = strategy.validateUpdate(next, current);
        }
        if (!causes.isEmpty()) throw StatusError.invalid(ri.group(), ri.kind(), name, causes);
        for (AdmissionPlugin p : admission.plugins()) p.validate(attrs);
        if (!managedFieldsDone) {
            ManagedFields.recordUpdate(next, current, fieldManager(req, "status".equals(subresource)), ri.apiVersion(), now());
        }
        return next;
    }

    // ------------------------------------------------------------------ delete

    public Response delete(ApiRequest req, ResourceInfo ri) {
        DeleteOptions opts = DeleteOptions.from(req);
        return deleteOne(req, ri, req.info().namespace(), req.info().name(), opts);
    }

    Response deleteOne(ApiRequest req, ResourceInfo ri, String ns, String name, DeleteOptions opts) {
        ObjectNode current = store.get(ri, ns, name);
        JsonNode meta = current.path("metadata");
        if (opts.uid() != null && !opts.uid().equals(meta.path("uid").asText())) {
            throw StatusError.conflict(ri.group(), ri.resource(), name, "Precondition failed: UID in precondition: " + opts.uid()
                    + ", UID in object meta: " + meta.path("uid").asText());
        }
        if (opts.resourceVersion() != null && !opts.resourceVersion().equals(meta.path("resourceVersion").asText())) {
            throw StatusError.conflict(ri.group(), ri.resource(), name, "Precondition failed: ResourceVersion in precondition: "
                    + opts.resourceVersion() + ", ResourceVersion in object meta: " + meta.path("resourceVersion").asText());
        }
        AdmissionAttributes attrs = new AdmissionAttributes("DELETE", ri, null, ns, name, null, current, req.user(), req.dryRun());
        for (AdmissionPlugin p : admission.plugins()) p.admit(attrs);
        for (AdmissionPlugin p : admission.plugins()) p.validate(attrs);
        long grace = GracefulDeletion.gracePeriod(ri, current, opts.gracePeriodSeconds());
        boolean hasFinalizers = meta.path("finalizers").size() > 0;
        boolean namespaceFinalizers = ri.groupResource().equals("namespaces") && current.path("spec").path("finalizers").size() > 0;
        String propagation = opts.propagationPolicy();
        boolean addFinalizer = "Foreground".equals(propagation) || "Orphan".equals(propagation);
        if (grace == 0 && !hasFinalizers && !namespaceFinalizers && !addFinalizer) {
            ObjectNode deleted = store.delete(ri, ns, name, 0, req.dryRun());
            return Response.json(200, deleted);
        }
        ObjectNode updated = store.guaranteedUpdate(ri, ns, name, true, req.dryRun(), cur -> {
            ObjectNode m = cur.with("metadata");
            String deadline = Instant.now().plusSeconds(grace).truncatedTo(ChronoUnit.SECONDS).toString();
            if (!m.hasNonNull("deletionTimestamp")) {
                m.put("deletionTimestamp", deadline);
                m.put("deletionGracePeriodSeconds", grace);
            } else if (m.path("deletionGracePeriodSeconds").asLong(0) > grace) {
                m.put("deletionTimestamp", deadline);
                m.put("deletionGracePeriodSeconds", grace);
            }
            if (addFinalizer) {
                String f = "Foreground".equals(propagation) ? "foregroundDeletion" : "orphan";
                ArrayNode fins = m.has("finalizers") ? (ArrayNode) m.get("finalizers") : m.putArray("finalizers");
                boolean present = false;
                for (JsonNode x : fins) present |= x.asText().equals(f);
                if (!present) fins.add(f);
            }
            if (ri.groupResource().equals("namespaces")) cur.with("status").put("phase", "Terminating");
            return cur;
        });
        boolean pendingFinalizers = hasFinalizers || namespaceFinalizers || addFinalizer;
        return Response.json(pendingFinalizers && grace == 0 ? 202 : 200, updated);
    }

    public Response deleteCollection(ApiRequest req, ResourceInfo ri) {
        if (!ri.verbs().contains("deletecollection")) throw StatusError.methodNotSupported(ri.group(), ri.resource(), "deletecollection");
        DeleteOptions opts = DeleteOptions.from(req);
        LabelSelector labels = LabelSelector.parse(req.param("labelSelector"));
        FieldSelector fields = FieldSelector.parse(req.param("fieldSelector"), ri);
        ObjectStore.ListResult r = store.list(ri, req.info().namespace(), labels, fields, 0, null);
        List<ObjectNode> out = new ArrayList<>();
        for (ObjectNode o : r.items()) {
            JsonNode m = o.path("metadata");
            try {
                out.add((ObjectNode) deleteOne(req, ri, m.path("namespace").asText(null), m.path("name").asText(), opts).body());
            } catch (StatusError e) {
                if (e.code() != 404) throw e;
            }
        }
        return Response.json(200, listObject(ri, out, Long.toString(r.resourceVersion()), null, null));
    }

    // ------------------------------------------------------------------ helpers

    /**
     * Server-side field validation (?fieldValidation=Strict|Warn|Ignore, default Warn) against the kind's OpenAPI
     * schema: Strict rejects unknown and duplicate fields with kube-apiserver's 400 strict decoding error, Warn
     * answers with one Warning header per field. Either way unknown fields are dropped, as decoding into the Go
     * types drops them. rawJson (null for YAML and patches) is where duplicates are looked for.
     */
    static void validateFields(ApiRequest req, ResourceInfo ri, ObjectNode obj, byte[] rawJson) {
        String mode = req.param("fieldValidation");
        if (mode == null || mode.isEmpty()) mode = "Warn";
        if (!mode.equals("Strict") && !mode.equals("Warn") && !mode.equals("Ignore")) {
            throw StatusError.badRequest("fieldValidation: Unsupported value: \"" + mode + "\": supported values: \"Ignore\", \"Strict\", \"Warn\"");
        }
        List<String> unknown = FieldValidator.unknownFields(ri, obj);
        List<String> duplicates = rawJson == null || mode.equals("Ignore") ? List.of() : FieldValidator.duplicateFields(rawJson);
        if (unknown.isEmpty() && duplicates.isEmpty()) return;
        if (mode.equals("Strict")) throw StatusError.badRequest(FieldValidator.strictDecodingMessage(ri, unknown, duplicates));
        if (mode.equals("Warn")) FieldValidator.warnings(unknown, duplicates).forEach(req::warn);
        for (String path : unknown) prune(obj, path);
    }

    /** Removes the field at a FieldValidator path such as "spec.containers[0].foo". */
    private static void prune(ObjectNode obj, String path) {
        JsonNode node = obj;
        String[] parts = path.split("\\.");
        for (int i = 0; i < parts.length; i++) {
            String part = parts[i];
            java.util.List<Integer> indices = new ArrayList<>();
            int b = part.indexOf('[');
            String field = b < 0 ? part : part.substring(0, b);
            while (b >= 0) {
                int e = part.indexOf(']', b);
                if (e < 0) return;
                String index = part.substring(b + 1, e);
                // a field name with brackets of its own (fuzzed YAML) is not an index path: nothing to prune there
                if (!index.matches("[0-9]{1,9}")) return;
                indices.add(Integer.parseInt(index));
                b = part.indexOf('[', e);
            }
            if (i == parts.length - 1 && indices.isEmpty()) {
                if (node instanceof ObjectNode o) o.remove(field);
                return;
            }
            node = node.path(field);
            for (int idx : indices) node = node.path(idx);
            if (node.isMissingNode()) return;
        }
    }

    static void checkTypeMeta(ObjectNode obj, ResourceInfo ri) {
        String apiVersion = obj.path("apiVersion").asText("");
        String kind = obj.path("kind").asText("");
        if (!kind.isEmpty() && !kind.equals(ri.kind())) {
            throw StatusError.badRequest("the object provided is unrecognized (must be of type " + ri.kind() + "): "
                    + "object kind " + kind + " does not match the expected kind " + ri.kind());
        }
        if (!apiVersion.isEmpty() && !apiVersion.equals(ri.apiVersion())) {
            throw StatusError.badRequest("the API version in the data (" + apiVersion + ") does not match the expected API version (" + ri.apiVersion() + ")");
        }
        obj.put("apiVersion", ri.apiVersion());
        obj.put("kind", ri.kind());
        JsonNode meta = obj.get("metadata");
        if (meta != null && !meta.isObject() && !meta.isNull()) {
            throw StatusError.badRequest("json: cannot unmarshal " + Json.jsonType(meta) + " into Go struct field " + ri.kind() + ".metadata of type v1.ObjectMeta");
        }
        // reorder so kind/apiVersion lead, as kube-apiserver serialises them (moving the children, not copying them)
        java.util.Map<String, JsonNode> rest = new java.util.LinkedHashMap<>();
        obj.fields().forEachRemaining(e -> { if (!e.getKey().equals("kind") && !e.getKey().equals("apiVersion")) rest.put(e.getKey(), e.getValue()); });
        obj.removeAll();
        obj.put("kind", ri.kind());
        obj.put("apiVersion", ri.apiVersion());
        obj.setAll(rest);
    }

    private static String checkNamespace(ApiRequest req, ResourceInfo ri, ObjectNode meta) {
        if (!ri.namespaced()) return null;
        String urlNs = req.info().namespace();
        String bodyNs = meta.path("namespace").asText("");
        if (urlNs == null) throw StatusError.badRequest("the server could not find the requested resource");
        if (!bodyNs.isEmpty() && !bodyNs.equals(urlNs)) {
            throw StatusError.badRequest("the namespace of the provided object does not match the namespace sent on the request");
        }
        meta.put("namespace", urlNs);
        return urlNs;
    }

    private static void checkPatchedIdentity(ResourceInfo ri, ObjectNode patched, ObjectNode current) {
        JsonNode pm = patched.path("metadata");
        JsonNode cm = current.path("metadata");
        if (!pm.path("name").asText("").equals(cm.path("name").asText())) {
            throw StatusError.badRequest("metadata.name: Invalid value: \"" + pm.path("name").asText("") + "\": field is immutable");
        }
        String rv = pm.path("resourceVersion").asText("");
        if (!rv.isEmpty() && !rv.equals(cm.path("resourceVersion").asText())) {
            throw ObjectStore.conflict(ri, cm.path("name").asText());
        }
        checkTypeMeta(patched, ri);
    }

    static String fieldManager(ApiRequest req, boolean status) {
        String m = req.param("fieldManager");
        if (m != null && !m.isEmpty()) return m;
        String ua = req.userAgent();
        int slash = ua.indexOf('/');
        String base = ua.isEmpty() ? "unknown" : (slash > 0 ? ua.substring(0, slash) : ua);
        return base;
    }

    /** names.SimpleNameGenerator: five characters from utilrand (math/rand, not a secret), so no SecureRandom. */
    static String generateName(String base) {
        String b = base.length() > 58 ? base.substring(0, 58) : base;
        StringBuilder sb = new StringBuilder(b);
        for (int i = 0; i < 5; i++) sb.append(ALNUM.charAt(java.util.concurrent.ThreadLocalRandom.current().nextInt(ALNUM.length())));
        return sb.toString();
    }

    public static String now() {
        long second = Instant.now().getEpochSecond();
        Second last = lastSecond;
        if (last.epochSecond() == second) return last.text();
        String text = Instant.ofEpochSecond(second).toString();
        lastSecond = new Second(second, text);
        return text;
    }
}
