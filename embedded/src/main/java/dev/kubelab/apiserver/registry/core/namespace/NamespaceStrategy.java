package dev.kubelab.apiserver.registry.core.namespace;

import static dev.kubelab.apiserver.registry.Defaulting.object;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.NameValidation;
import dev.kubelab.apiserver.validation.ObjectMetaValidation.NameValidator;

/**
 * pkg/registry/core/namespace/strategy.go: a namespace starts Active with the "kubernetes" finalizer, carries the
 * kubernetes.io/metadata.name label (SetDefaults_Namespace), and its finalizers only change through /finalize.
 */
public final class NamespaceStrategy extends GenericStrategy {

    public static final String NAME_LABEL = "kubernetes.io/metadata.name";

    public NamespaceStrategy() {
        super(false);
    }

    @Override protected NameValidator names() { return NameValidation::dns1123Label; }
    @Override protected boolean hasStatus() { return true; }

    @Override
    public void applyDefaults(ObjectNode ns) {
        String name = ns.path("metadata").path("name").asText("");
        if (!name.isEmpty()) object(meta(ns), "labels").put(NAME_LABEL, name);
    }

    @Override
    protected void resetStatus(ObjectNode ns) {
        ns.putObject("status").put("phase", "Active");
    }

    @Override
    public void prepareForCreate(ObjectNode ns) {
        super.prepareForCreate(ns);
        ArrayNode finalizers = object(ns, "spec").withArray("finalizers");
        boolean has = false;
        for (JsonNode f : finalizers) has |= f.asText().equals("kubernetes");
        if (!has) finalizers.add("kubernetes");
    }

    @Override
    public void prepareForUpdate(ObjectNode n, ObjectNode o) {
        super.prepareForUpdate(n, o);
        copyField(o, n, "spec");
    }

    @Override
    protected void validateObject(ObjectNode ns, FieldErrors errs) {
        JsonNode finalizers = ns.path("spec").path("finalizers");
        for (int i = 0; i < finalizers.size(); i++) {
            String f = finalizers.get(i).asText();
            if (!f.contains("/") && !f.equals("kubernetes")) {
                errs.invalid(FieldPath.of("spec", "finalizers"), f, "name is neither a standard finalizer name nor is it fully qualified");
            }
        }
    }
}
