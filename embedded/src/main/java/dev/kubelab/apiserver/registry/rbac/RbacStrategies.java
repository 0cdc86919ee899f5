package dev.kubelab.apiserver.registry.rbac;

import static dev.kubelab.apiserver.registry.Defaulting.objects;
import static dev.kubelab.apiserver.registry.Defaulting.optionalObject;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.GoFormat;
import dev.kubelab.apiserver.validation.NameValidation;
import dev.kubelab.apiserver.validation.ObjectMetaValidation.NameValidator;
import java.util.List;

/**
 * The four RBAC strategies (pkg/registry/rbac/{role,clusterrole,rolebinding,clusterrolebinding}/strategy.go) with
 * pkg/apis/rbac/validation: names are path segments, rules need verbs, bindings need a valid, unchangeable roleRef.
 */
public final class RbacStrategies {

    public static final String GROUP = "rbac.authorization.k8s.io";

    private RbacStrategies() {}

    public static GenericStrategy role() { return new RoleStrategy(true); }
    public static GenericStrategy clusterRole() { return new RoleStrategy(false); }
    public static GenericStrategy roleBinding() { return new BindingStrategy(true); }
    public static GenericStrategy clusterRoleBinding() { return new BindingStrategy(false); }

    /** Role and ClusterRole. */
    static final class RoleStrategy extends GenericStrategy {
        private final boolean namespaced;

        RoleStrategy(boolean namespaced) {
            super(namespaced);
            this.namespaced = namespaced;
        }

        @Override protected NameValidator names() { return NameValidation::pathSegmentName; }

        @Override
        protected void validateObject(ObjectNode role, FieldErrors errs) {
            JsonNode rules = role.path("rules");
            for (int i = 0; i < rules.size(); i++) rule(rules.get(i), namespaced, FieldPath.of("rules").index(i), errs);
        }
    }

    /** ValidatePolicyRule. */
    static void rule(JsonNode rule, boolean namespaced, FieldPath p, FieldErrors errs) {
        if (rule.path("verbs").isEmpty()) errs.required(p.child("verbs"), "verbs must contain at least one value");
        JsonNode urls = rule.path("nonResourceURLs");
        if (!urls.isEmpty()) {
            if (namespaced) errs.invalid(p.child("nonResourceURLs"), new GoFormat.Raw(GoFormat.stringSlice(urls)), "namespaced rules cannot apply to non-resource URLs");
            if (!rule.path("apiGroups").isEmpty() || !rule.path("resources").isEmpty() || !rule.path("resourceNames").isEmpty()) {
                errs.invalid(p.child("nonResourceURLs"), new GoFormat.Raw(GoFormat.stringSlice(urls)), "rules cannot apply to both regular resources and non-resource URLs");
            }
            return;
        }
        if (rule.path("apiGroups").isEmpty()) errs.required(p.child("apiGroups"), "resource rules must supply at least one api group");
        if (rule.path("resources").isEmpty()) errs.required(p.child("resources"), "resource rules must supply at least one resource");
    }

    /** RoleBinding and ClusterRoleBinding. */
    static final class BindingStrategy extends GenericStrategy {
        private final boolean namespaced;

        BindingStrategy(boolean namespaced) {
            super(namespaced);
            this.namespaced = namespaced;
        }

        @Override protected NameValidator names() { return NameValidation::pathSegmentName; }

        @Override
        public void applyDefaults(ObjectNode binding) {
            ObjectNode roleRef = optionalObject(binding, "roleRef");
            if (roleRef != null) put(roleRef, "apiGroup", GROUP);
            for (ObjectNode s : objects(binding, "subjects")) {
                String kind = s.path("kind").asText("");
                if (kind.equals("User") || kind.equals("Group")) put(s, "apiGroup", GROUP);
                else if (kind.equals("ServiceAccount") && !s.has("apiGroup")) s.put("apiGroup", "");
            }
        }

        @Override
        protected void validateObject(ObjectNode binding, FieldErrors errs) {
            JsonNode ref = binding.path("roleRef");
            FieldPath rp = FieldPath.of("roleRef");
            String apiGroup = ref.path("apiGroup").asText("");
            if (!apiGroup.equals(GROUP)) errs.notSupported(rp.child("apiGroup"), apiGroup, List.of(GROUP));
            String kind = ref.path("kind").asText("");
            List<String> kinds = namespaced ? List.of("Role", "ClusterRole") : List.of("ClusterRole");
            if (!kinds.contains(kind)) errs.notSupported(rp.child("kind"), kind, kinds);
            String name = ref.path("name").asText("");
            if (name.isEmpty()) errs.required(rp.child("name"), "");
            else for (String m : NameValidation.pathSegmentName(name)) errs.invalid(rp.child("name"), name, m);
            JsonNode subjects = binding.path("subjects");
            for (int i = 0; i < subjects.size(); i++) subject(subjects.get(i), namespaced, FieldPath.of("subjects").index(i), errs);
        }

        @Override
        protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
            JsonNode ref = n.path("roleRef");
            if (!ref.equals(o.path("roleRef"))) {
                errs.invalid(FieldPath.of("roleRef"), new GoFormat.Raw("rbac.RoleRef{APIGroup:" + GoFormat.quote(ref.path("apiGroup").asText(""))
                        + ", Kind:" + GoFormat.quote(ref.path("kind").asText("")) + ", Name:" + GoFormat.quote(ref.path("name").asText("")) + "}"),
                        "cannot change roleRef");
            }
        }
    }

    /** ValidateRoleBindingSubject. */
    static void subject(JsonNode s, boolean namespaced, FieldPath p, FieldErrors errs) {
        String name = s.path("name").asText("");
        String kind = s.path("kind").asText("");
        String apiGroup = s.path("apiGroup").asText("");
        if (name.isEmpty()) errs.required(p.child("name"), "");
        switch (kind) {
            case "ServiceAccount" -> {
                if (!name.isEmpty()) for (String m : NameValidation.dns1123Subdomain(name)) errs.invalid(p.child("name"), name, m);
                if (!apiGroup.isEmpty()) errs.notSupported(p.child("apiGroup"), apiGroup, List.of(""));
                if (!namespaced && s.path("namespace").asText("").isEmpty()) errs.required(p.child("namespace"), "");
            }
            case "User", "Group" -> {
                if (!apiGroup.equals(GROUP)) errs.notSupported(p.child("apiGroup"), apiGroup, List.of(GROUP));
            }
            default -> errs.notSupported(p.child("kind"), kind, List.of("ServiceAccount", "User", "Group"));
        }
    }
}
