package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import java.util.List;

/**
 * Looks up the strategy of a served resource. Kinds without a strategy of their own get
 * {@link #GENERIC}, which defaults and validates nothing beyond what the generic store does.
 */
public final class Strategies {

    public static final ResourceStrategy GENERIC = new ResourceStrategy() {
        @Override public void applyDefaults(ObjectNode obj) {}
        @Override public void prepareForCreate(ObjectNode obj) {}
        @Override public void prepareForUpdate(ObjectNode newObj, ObjectNode oldObj) {}
        @Override public List<StatusError.Cause> validate(ObjectNode obj) { return List.of(); }
        @Override public List<StatusError.Cause> validateUpdate(ObjectNode newObj, ObjectNode oldObj) { return List.of(); }
    };

    private Strategies() {}

    public static ResourceStrategy forResource(ResourceInfo resource) {
        return GENERIC;
    }
}
