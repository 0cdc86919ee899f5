package dev.kubelab.apiserver.admission;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * NamespaceLifecycle (k8s.io/apiserver/pkg/admission/plugin/namespace/lifecycle): the immortal namespaces
 * default, kube-system and kube-public cannot be deleted; nothing can be created or updated in a namespace that
 * does not exist ({@code namespaces "x" not found}); nothing new can be created in a namespace being terminated.
 * Deletes of other objects and LocalSubjectAccessReviews always pass.
 */
public final class NamespaceLifecycle implements AdmissionPlugin {

    public static final Set<String> IMMORTAL = Set.of("default", "kube-system", "kube-public");
    private final ObjectReader reader;

    public NamespaceLifecycle(ObjectReader reader) {
        this.reader = reader;
    }

    @Override
    public String name() {
        return "NamespaceLifecycle";
    }

    @Override
    public void admit(AdmissionAttributes a) {
        boolean isNamespace = a.resource().group().isEmpty() && a.resource().resource().equals("namespaces");
        if (a.operation().equals(Admission.DELETE) && isNamespace && IMMORTAL.contains(a.name())
                && Admission.subresource(a).isEmpty()) {
            throw StatusError.forbidden("", "namespaces", a.name(),
                    "namespaces \"" + a.name() + "\" is forbidden: this namespace may not be deleted");
        }
        if (isNamespace) return; // all other operations on namespaces are allowed
        if (a.namespace() == null || a.namespace().isEmpty()) return; // cluster-scoped
        if (a.operation().equals(Admission.DELETE)) return;
        if (a.resource().group().equals("authorization.k8s.io") && a.resource().resource().equals("localsubjectaccessreviews")) return;

        Optional<ObjectNode> ns = reader.get("namespaces", null, a.namespace());
        if (ns.isEmpty()) throw StatusError.notFound("", "namespaces", a.namespace());
        if (a.operation().equals(Admission.CREATE)
                && "Terminating".equals(ns.get().path("status").path("phase").asText())) {
            StatusError e = Admission.forbidden(a, "unable to create new content in namespace " + a.namespace()
                    + " because it is being terminated");
            throw new StatusError(e.code(), e.reason(), e.getMessage(), e.group(), e.kind(), e.name(),
                    List.of(new StatusError.Cause("NamespaceTerminating", "namespace " + a.namespace() + " is being terminated",
                            "metadata.namespace")), null);
        }
    }
}
