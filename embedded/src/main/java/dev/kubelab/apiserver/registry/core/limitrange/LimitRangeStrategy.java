package dev.kubelab.apiserver.registry.core.limitrange;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.Quantities;
import java.math.BigDecimal;
import java.util.List;
import java.util.Optional;

/** pkg/registry/core/limitrange/strategy.go: typed limits with valid quantities, min ≤ default ≤ max. */
public final class LimitRangeStrategy extends GenericStrategy {

    private static final List<String> TYPES = List.of("Container", "Pod", "PersistentVolumeClaim");

    public LimitRangeStrategy() {
        super(true);
    }

    @Override
    protected void validateObject(ObjectNode lr, FieldErrors errs) {
        JsonNode limits = lr.path("spec").path("limits");
        for (int i = 0; i < limits.size(); i++) {
            JsonNode item = limits.get(i);
            FieldPath p = FieldPath.of("spec", "limits").index(i);
            String type = item.path("type").asText("");
            if (type.isEmpty()) errs.required(p.child("type"), "");
            for (String bag : new String[] {"max", "min", "default", "defaultRequest", "maxLimitRequestRatio"}) {
                item.path(bag).fields().forEachRemaining(e -> {
                    if (!Quantities.isValid(e.getValue().asText())) errs.invalid(p.child(bag).key(e.getKey()), e.getValue().asText(), Quantities.FORMAT_ERROR);
                });
            }
            item.path("min").fields().forEachRemaining(e -> {
                Optional<BigDecimal> min = Quantities.parse(e.getValue().asText());
                Optional<BigDecimal> max = Quantities.parse(item.path("max").path(e.getKey()).asText(""));
                if (min.isPresent() && max.isPresent() && min.get().compareTo(max.get()) > 0) {
                    errs.invalid(p.child("min").key(e.getKey()), e.getValue().asText(),
                            "min value " + e.getValue().asText() + " is greater than max value " + item.path("max").path(e.getKey()).asText());
                }
            });
            if (!type.isEmpty() && !TYPES.contains(type) && !type.contains("/")) {
                errs.notSupported(p.child("type"), type, TYPES);
            }
        }
    }
}
