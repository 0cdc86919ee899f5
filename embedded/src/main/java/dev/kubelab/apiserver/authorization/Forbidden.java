package dev.kubelab.apiserver.authorization;

import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.validation.GoFormat;

/**
 * The 403 kube-apiserver answers when authorization does not allow a request
 * (k8s.io/apiserver/pkg/endpoints/handlers/responsewriters: forbiddenMessage + Forbidden), e.g.
 * {@code pods is forbidden: User "jane" cannot list resource "pods" in API group "" in the namespace "default"}.
 */
public final class Forbidden {

    private Forbidden() {}

    /** forbiddenMessage(attributes). */
    public static String message(Attributes a) {
        String user = a.user() == null ? "" : a.user().name();
        if (!a.resourceRequest()) {
            return "User " + quote(user) + " cannot " + a.verb() + " path " + quote(a.path());
        }
        String resource = a.resource();
        if (a.subresource() != null && !a.subresource().isEmpty()) resource = resource + "/" + a.subresource();
        String group = a.apiGroup() == null ? "" : a.apiGroup();
        if (a.namespace() != null && !a.namespace().isEmpty()) {
            return "User " + quote(user) + " cannot " + a.verb() + " resource " + quote(resource) + " in API group "
                    + quote(group) + " in the namespace " + quote(a.namespace());
        }
        return "User " + quote(user) + " cannot " + a.verb() + " resource " + quote(resource) + " in API group "
                + quote(group) + " at the cluster scope";
    }

    /**
     * The StatusError: apierrors.NewForbidden(group/resource, name, message[: reason]) — so the full text is
     * {@code <resource>[.<group>] ["<name>"] is forbidden: <message>}, or {@code forbidden: <message>} for paths.
     */
    public static StatusError error(Attributes a, String reason) {
        String detail = message(a);
        if (reason != null && !reason.isEmpty()) detail = detail + ": " + reason;
        String group = a.apiGroup() == null ? "" : a.apiGroup();
        String resource = a.resourceRequest() ? a.resource() : "";
        String name = a.name() == null ? "" : a.name();
        String qualified = group.isEmpty() ? nz(resource) : resource + "." + group;
        String full;
        if (qualified.isEmpty()) full = "forbidden: " + detail;
        else if (name.isEmpty()) full = qualified + " is forbidden: " + detail;
        else full = qualified + " " + quote(name) + " is forbidden: " + detail;
        if (!a.resourceRequest()) return new StatusError(403, "Forbidden", full, null, null, null, null, null);
        return new StatusError(403, "Forbidden", full, group, resource, name.isEmpty() ? null : name, null, null);
    }

    /** Go's %q (a missing name as ""). */
    static String quote(String s) {
        return GoFormat.quote(s == null ? "" : s);
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }
}
