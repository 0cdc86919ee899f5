package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * LimitRanger (plugin/pkg/admission/limitranger) for the {@code Container} limit type: on pod creation, fills in
 * missing container requests/limits from the namespace's LimitRanges (defaultRequest / default) and records what
 * it set in the {@code kubernetes.io/limit-ranger} annotation; then checks min and max per container
 * ({@code maximum cpu usage per Container is 1, but limit is 2}). Not modelled: the Pod and
 * PersistentVolumeClaim limit types and maxLimitRequestRatio.
 */
public final class LimitRanger implements AdmissionPlugin {

    static final String ANNOTATION = "kubernetes.io/limit-ranger";
    private final ObjectReader reader;

    public LimitRanger(ObjectReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "LimitRanger";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        if (!applies(a)) return;
        List<JsonNode> items = containerItems(a.namespace());
        if (items.isEmpty()) return;
        Map<String, String> defaultRequests = new LinkedHashMap<>(), defaultLimits = new LinkedHashMap<>();
        for (JsonNode item : items) {
            // LimitRangeItem defaulting: default ← max, defaultRequest ← default, then ← min
            Map<String, String> max = map(item.path("max")), min = map(item.path("min"));
            Map<String, String> def = map(item.path("default"));
            max.forEach(def::putIfAbsent);
            Map<String, String> defReq = map(item.path("defaultRequest"));
            def.forEach(defReq::putIfAbsent);
            min.forEach(defReq::putIfAbsent);
            defaultLimits.putAll(def);
            defaultRequests.putAll(defReq);
        }
        List<String> notes = new ArrayList<>();
        ObjectNode spec = Admission.spec(a.object());
        merge(spec.path("containers"), "container", defaultRequests, defaultLimits, notes);
        merge(spec.path("initContainers"), "init container", defaultRequests, defaultLimits, notes);
        if (!notes.isEmpty()) {
            a.object().with("metadata").with("annotations").put(ANNOTATION, "LimitRanger plugin set: " + String.join("; ", notes));
        }
    }

    @Override
    public void validate(AdmissionAttributes a) {
        if (!applies(a)) return;
        List<String> errors = new ArrayList<>();
        for (JsonNode item : containerItems(a.namespace())) {
            for (String list : List.of("containers", "initContainers")) {
                for (JsonNode c : a.object().path("spec").path(list)) {
                    Map<String, String> req = map(c.path("resources").path("requests"));
                    Map<String, String> lim = map(c.path("resources").path("limits"));
                    map(item.path("min")).forEach((res, enforced) -> minConstraint(res, enforced, req, lim, errors));
                    map(item.path("max")).forEach((res, enforced) -> maxConstraint(res, enforced, req, lim, errors));
                }
            }
        }
        if (!errors.isEmpty()) {
            throw Admission.forbidden(a, errors.size() == 1 ? errors.get(0) : "[" + String.join(", ", errors) + "]");
        }
    }

    private static boolean applies(AdmissionAttributes a) {
        return Admission.isPod(a) && a.operation().equals(Admission.CREATE) && a.object() != null;
    }

    private List<JsonNode> containerItems(String namespace) {
        List<JsonNode> items = new ArrayList<>();
        for (ObjectNode lr : Admission.listIfServed(reader, "limitranges", namespace)) {
            for (JsonNode item : lr.path("spec").path("limits")) if ("Container".equals(item.path("type").asText())) items.add(item);
        }
        return items;
    }

    private static void merge(JsonNode containers, String type, Map<String, String> requests, Map<String, String> limits,
                              List<String> notes) {
        for (JsonNode c : containers) {
            ObjectNode resources = ((ObjectNode) c).with("resources");
            TreeSet<String> setRequests = new TreeSet<>(), setLimits = new TreeSet<>();
            limits.forEach((k, v) -> {
                if (!resources.path("limits").has(k)) {
                    resources.with("limits").put(k, v);
                    setLimits.add(k);
                }
            });
            requests.forEach((k, v) -> {
                if (!resources.path("requests").has(k)) {
                    resources.with("requests").put(k, v);
                    setRequests.add(k);
                }
            });
            String name = c.path("name").asText();
            if (!setRequests.isEmpty()) notes.add(String.join(", ", setRequests) + " request for " + type + " " + name);
            if (!setLimits.isEmpty()) notes.add(String.join(", ", setLimits) + " limit for " + type + " " + name);
            if (resources.isEmpty()) ((ObjectNode) c).remove("resources");
        }
    }

    private static void minConstraint(String res, String enforced, Map<String, String> req, Map<String, String> lim, List<String> errors) {
        Quantity e = Quantity.parse(enforced);
        if (!req.containsKey(res)) {
            errors.add("minimum " + res + " usage per Container is " + enforced + ".  No request is specified");
        } else if (Quantity.parse(req.get(res)).compareTo(e) < 0) {
            errors.add("minimum " + res + " usage per Container is " + enforced + ", but request is " + req.get(res));
        } else if (lim.containsKey(res) && Quantity.parse(lim.get(res)).compareTo(e) < 0) {
            errors.add("minimum " + res + " usage per Container is " + enforced + ", but limit is " + lim.get(res));
        }
    }

    private static void maxConstraint(String res, String enforced, Map<String, String> req, Map<String, String> lim, List<String> errors) {
        Quantity e = Quantity.parse(enforced);
        if (!lim.containsKey(res)) {
            errors.add("maximum " + res + " usage per Container is " + enforced + ".  No limit is specified");
        } else if (Quantity.parse(lim.get(res)).compareTo(e) > 0) {
            errors.add("maximum " + res + " usage per Container is " + enforced + ", but limit is " + lim.get(res));
        } else if (req.containsKey(res) && Quantity.parse(req.get(res)).compareTo(e) > 0) {
            errors.add("maximum " + res + " usage per Container is " + enforced + ", but request is " + req.get(res));
        }
    }

    static Map<String, String> map(JsonNode node) {
        Map<String, String> out = new LinkedHashMap<>();
        Iterator<Map.Entry<String, JsonNode>> it = node.fields();
        while (it.hasNext()) {
            Map.Entry<String, JsonNode> e = it.next();
            out.put(e.getKey(), e.getValue().asText());
        }
        return out;
    }
}
