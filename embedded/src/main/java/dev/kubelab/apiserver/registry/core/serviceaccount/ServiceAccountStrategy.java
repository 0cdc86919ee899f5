package dev.kubelab.apiserver.registry.core.serviceaccount;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;

/** pkg/registry/core/serviceaccount/strategy.go: object meta plus named secret references. */
public final class ServiceAccountStrategy extends GenericStrategy {

    public ServiceAccountStrategy() {
        super(true);
    }

    @Override
    protected void validateObject(ObjectNode sa, FieldErrors errs) {
        for (String list : new String[] {"secrets", "imagePullSecrets"}) {
            JsonNode refs = sa.path(list);
            for (int i = 0; i < refs.size(); i++) {
                if (refs.get(i).path("name").asText("").isEmpty()) errs.required(FieldPath.of(list).index(i).child("name"), "");
            }
        }
    }
}
