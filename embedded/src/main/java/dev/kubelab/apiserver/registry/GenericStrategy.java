package dev.kubelab.apiserver.registry;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.NameValidation;
import dev.kubelab.apiserver.validation.ObjectMetaValidation;
import dev.kubelab.apiserver.validation.ObjectMetaValidation.NameValidator;
import java.util.List;

/**
 * What every kube-apiserver strategy shares (k8s.io/apiserver/pkg/registry/rest create/update + the per-kind
 * strategy.go conventions): object-meta validation, the spec/status split (status reset on create, kept on update,
 * spec kept on status update) and metadata.generation (1 on create, +1 on spec change only).
 * Subclasses add their kind's defaults and field validation.
 */
public abstract class GenericStrategy implements ResourceStrategy {

    private final boolean namespaced;

    protected GenericStrategy(boolean namespaced) {
        this.namespaced = namespaced;
    }

    /** The kind's name validator (ValidateXxxName); DNS-1123 subdomain for most kinds. */
    protected NameValidator names() {
        return NameValidation::dns1123Subdomain;
    }

    /** Whether the kind has a status that clients other than the status subresource may not write. */
    protected boolean hasStatus() {
        return false;
    }

    /** Whether metadata.generation tracks spec changes (workloads, PDBs, …). */
    protected boolean tracksGeneration() {
        return false;
    }

    /** The status a new object starts with (kube-apiserver resets it on create). */
    protected void resetStatus(ObjectNode obj) {
        obj.putObject("status");
    }

    @Override
    public void applyDefaults(ObjectNode obj) {}

    @Override
    public void prepareForCreate(ObjectNode obj) {
        if (hasStatus()) resetStatus(obj);
        if (tracksGeneration()) meta(obj).put("generation", 1);
    }

    @Override
    public void prepareForUpdate(ObjectNode newObj, ObjectNode oldObj) {
        if (hasStatus()) copyField(oldObj, newObj, "status");
        if (tracksGeneration()) {
            long generation = oldObj.path("metadata").path("generation").asLong(1);
            if (!newObj.path("spec").equals(oldObj.path("spec"))) generation++;
            meta(newObj).put("generation", generation);
        }
    }

    @Override
    public void prepareForStatusUpdate(ObjectNode newObj, ObjectNode oldObj) {
        copyField(oldObj, newObj, "spec");
        if (oldObj.path("metadata").has("generation")) meta(newObj).set("generation", oldObj.path("metadata").get("generation"));
    }

    @Override
    public final List<StatusError.Cause> validate(ObjectNode obj) {
        FieldErrors errs = new FieldErrors();
        ObjectMetaValidation.validate(obj, namespaced, names(), errs);
        validateObject(obj, errs);
        return errs.causes();
    }

    @Override
    public final List<StatusError.Cause> validateUpdate(ObjectNode newObj, ObjectNode oldObj) {
        FieldErrors errs = new FieldErrors();
        ObjectMetaValidation.validateUpdate(newObj, oldObj, errs);
        validateObject(newObj, errs);
        validateObjectUpdate(newObj, oldObj, errs);
        return errs.causes();
    }

    @Override
    public List<StatusError.Cause> validateStatusUpdate(ObjectNode newObj, ObjectNode oldObj) {
        FieldErrors errs = new FieldErrors();
        ObjectMetaValidation.validateUpdate(newObj, oldObj, errs);
        return errs.causes();
    }

    /** The kind's own field validation (spec etc.), shared by create and update. */
    protected void validateObject(ObjectNode obj, FieldErrors errs) {}

    /** Update-only rules: immutable fields and allowed transitions. */
    protected void validateObjectUpdate(ObjectNode newObj, ObjectNode oldObj, FieldErrors errs) {}

    protected static ObjectNode meta(ObjectNode obj) {
        return obj.has("metadata") && obj.get("metadata").isObject() ? (ObjectNode) obj.get("metadata") : obj.putObject("metadata");
    }

    protected static void copyField(ObjectNode from, ObjectNode to, String field) {
        JsonNode value = from.get(field);
        if (value == null) to.remove(field);
        else to.set(field, value.deepCopy());
    }
}
