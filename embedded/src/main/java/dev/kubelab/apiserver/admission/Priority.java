package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.Optional;

/**
 * Priority (plugin/pkg/admission/priority). On pod creation, resolves spec.priorityClassName — or, without one,
 * the globalDefault class (else priority 0) — into spec.priority and spec.preemptionPolicy; an unknown class is
 * rejected ({@code no PriorityClass with name x was found}), and so is a spec.priority that disagrees with the
 * class. On update, the values set at creation are carried over. For PriorityClasses, only one may be the global
 * default.
 */
public final class Priority implements AdmissionPlugin {

    static final String PRIORITY_CLASSES = "priorityclasses.scheduling.k8s.io";
    private final ObjectReader reader;

    public Priority(ObjectReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "Priority";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        if (!Admission.isPod(a) || a.object() == null) return;
        ObjectNode spec = Admission.spec(a.object());
        if (a.operation().equals(Admission.UPDATE)) {
            JsonNode old = a.oldObject() == null ? null : a.oldObject().path("spec");
            if (old != null && !spec.has("priority") && old.has("priority")) spec.set("priority", old.get("priority"));
            if (old != null && !spec.has("preemptionPolicy") && old.has("preemptionPolicy")) spec.set("preemptionPolicy", old.get("preemptionPolicy"));
            return;
        }
        if (!a.operation().equals(Admission.CREATE)) return;
        String className = spec.path("priorityClassName").asText("");
        int priority;
        String policy;
        if (className.isEmpty()) {
            Optional<ObjectNode> def = defaultClass();
            priority = def.map(pc -> pc.path("value").asInt()).orElse(0);
            policy = def.map(pc -> pc.path("preemptionPolicy").asText("PreemptLowerPriority")).orElse("PreemptLowerPriority");
            if (def.isPresent()) spec.put("priorityClassName", def.get().path("metadata").path("name").asText());
        } else {
            Optional<ObjectNode> pc = Admission.getIfServed(reader, PRIORITY_CLASSES, null, className);
            if (pc.isPresent()) {
                priority = pc.get().path("value").asInt();
                policy = pc.get().path("preemptionPolicy").asText("PreemptLowerPriority");
            } else if (SystemPriorityClasses.VALUES.containsKey(className)) {
                priority = SystemPriorityClasses.VALUES.get(className); // built in even before the hook stored them
                policy = "PreemptLowerPriority";
            } else {
                throw Admission.forbidden(a, "no PriorityClass with name " + className + " was found");
            }
        }
        if (spec.hasNonNull("priority") && spec.get("priority").asInt() != priority) {
            throw Admission.forbidden(a, "the integer value of priority (" + spec.get("priority").asInt()
                    + ") must not be provided in pod spec; priority admission controller computed " + priority
                    + " from the given PriorityClass name");
        }
        spec.put("priority", priority);
        if (spec.hasNonNull("preemptionPolicy") && !spec.get("preemptionPolicy").asText().equals(policy)) {
            throw Admission.forbidden(a, "the string value of PreemptionPolicy (" + spec.get("preemptionPolicy").asText()
                    + ") must not be provided in pod spec; priority admission controller computed " + policy
                    + " from the given PriorityClass name");
        }
        spec.put("preemptionPolicy", policy);
    }

    @Override
    public void validate(AdmissionAttributes a) {
        if (!Admission.is(a, "scheduling.k8s.io", "priorityclasses") || a.object() == null) return;
        if (!a.operation().equals(Admission.CREATE) && !a.operation().equals(Admission.UPDATE)) return;
        if (!a.object().path("globalDefault").asBoolean(false)) return;
        Optional<ObjectNode> def = defaultClass();
        String self = a.object().path("metadata").path("name").asText();
        if (def.isPresent() && (a.operation().equals(Admission.CREATE) || !def.get().path("metadata").path("name").asText().equals(self))) {
            throw Admission.forbidden(a, "PriorityClass " + def.get().path("metadata").path("name").asText()
                    + " is already marked as default. Only one default can exist");
        }
    }

    /** The global default; with several (a race), the one with the lowest value, as getDefaultPriorityClass. */
    private Optional<ObjectNode> defaultClass() {
        ObjectNode best = null;
        for (ObjectNode pc : Admission.listIfServed(reader, PRIORITY_CLASSES, null)) {
            if (pc.path("globalDefault").asBoolean(false) && (best == null || pc.path("value").asInt() < best.path("value").asInt())) best = pc;
        }
        return Optional.ofNullable(best);
    }
}
