package dev.kubelab.apiserver.registry.core.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.NameValidation;
import java.util.List;

/**
 * pkg/registry/core/event/strategy.go with ValidateEventCreate (legacyValidateEvent) for core/v1 and the strict
 * rules of events.k8s.io/v1. Both views validate against the internal field names (involvedObject, …),
 * as kube-apiserver does, so events.k8s.io errors also say involvedObject.namespace.
 */
public final class EventStrategy extends GenericStrategy {

    private final boolean eventsApi;

    /** @param eventsApi true for events.k8s.io/v1 (regarding/note/…), false for core/v1. */
    public EventStrategy(boolean eventsApi) {
        super(true);
        this.eventsApi = eventsApi;
    }

    @Override
    protected void validateObject(ObjectNode ev, FieldErrors errs) {
        String namespace = ev.path("metadata").path("namespace").asText("");
        JsonNode involved = ev.path(eventsApi ? "regarding" : "involvedObject");
        String involvedNs = involved.path("namespace").asText("");
        boolean hasEventTime = !ev.path("eventTime").asText("").isEmpty();
        String controllerField = eventsApi ? "reportingController" : "reportingComponent";
        String controller = ev.path(eventsApi ? "reportingController" : "reportingComponent").asText("");
        FieldPath involvedNsPath = FieldPath.of("involvedObject", "namespace");
        if (!hasEventTime) {
            if (involvedNs.isEmpty()) {
                if (!namespace.isEmpty() && !namespace.equals("default")) errs.invalid(involvedNsPath, involvedNs, "does not match event.namespace");
            } else if (!namespace.equals(involvedNs)) {
                errs.invalid(involvedNsPath, involvedNs, "does not match event.namespace");
            }
        } else {
            if (involvedNs.isEmpty() && !namespace.equals("default") && !namespace.equals("kube-system")) {
                errs.invalid(involvedNsPath, involvedNs, "does not match event.namespace");
            }
            if (controller.isEmpty()) errs.required(FieldPath.of(controllerField), "");
            else for (String m : NameValidation.qualifiedName(controller)) errs.invalid(FieldPath.of(controllerField), controller, m);
            if (ev.path("reportingInstance").asText("").isEmpty()) errs.required(FieldPath.of("reportingInstance"), "");
            if (ev.path("action").asText("").isEmpty()) errs.required(FieldPath.of("action"), "");
            if (ev.path("reason").asText("").isEmpty()) errs.required(FieldPath.of("reason"), "");
        }
        for (String m : NameValidation.dns1123Subdomain(namespace)) errs.invalid(FieldPath.of("namespace"), namespace, m);
        if (eventsApi) {
            if (!hasEventTime) errs.required(FieldPath.of("eventTime"), "");
            String type = ev.path("type").asText("");
            if (!List.of("Normal", "Warning").contains(type)) errs.invalid(FieldPath.of("type"), "", "has invalid value: " + type);
            if (!ev.path("deprecatedFirstTimestamp").asText("").isEmpty()) errs.invalid(FieldPath.of("deprecatedFirstTimestamp"), "", "needs to be unset");
            if (!ev.path("deprecatedLastTimestamp").asText("").isEmpty()) errs.invalid(FieldPath.of("deprecatedLastTimestamp"), "", "needs to be unset");
        }
    }
}
