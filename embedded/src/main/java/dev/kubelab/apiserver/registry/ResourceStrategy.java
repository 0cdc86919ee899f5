package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import java.util.List;

/**
 * Per-kind create/update behaviour, as kube-apiserver's registry strategies
 * (pkg/registry/&lt;group&gt;/&lt;kind&gt;/strategy.go): defaulting, field resets, validation.
 * The generic store calls these; it never knows a kind's fields itself.
 */
public interface ResourceStrategy {

    /** Apply the scheme defaults (restartPolicy, dnsPolicy, strategy 25%/25%, …) in place. */
    void applyDefaults(ObjectNode obj);

    /** Before create: e.g. clear status, set generation = 1. */
    void prepareForCreate(ObjectNode obj);

    /** Before update of the main resource: keep old status, bump generation when spec changed. */
    void prepareForUpdate(ObjectNode newObj, ObjectNode oldObj);

    /** Before update of the status subresource: keep old spec/metadata except what status may change. */
    default void prepareForStatusUpdate(ObjectNode newObj, ObjectNode oldObj) {}

    /** Field errors for a new object; empty when valid. */
    List<StatusError.Cause> validate(ObjectNode obj);

    /** Field errors for an update (immutable fields etc.); empty when valid. */
    List<StatusError.Cause> validateUpdate(ObjectNode newObj, ObjectNode oldObj);

    /** Field errors for an update of the status subresource (after prepareForStatusUpdate); empty when valid. */
    default List<StatusError.Cause> validateStatusUpdate(ObjectNode newObj, ObjectNode oldObj) {
        return List.of();
    }
}
