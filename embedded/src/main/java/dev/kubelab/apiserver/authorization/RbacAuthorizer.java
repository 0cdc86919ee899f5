package dev.kubelab.apiserver.authorization;

import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.ArrayList;
import java.util.List;

/**
 * The RBAC authorizer (plugin/pkg/auth/authorizer/rbac): allows when any rule reachable through the user's
 * bindings covers the request (reason {@code RBAC: allowed by ClusterRoleBinding "…" of ClusterRole "…" to
 * Group "…"}); otherwise it has no opinion, with a reason listing the errors met on the way (missing roles).
 */
public final class RbacAuthorizer implements Authorizer {

    private final RuleResolver resolver;

    public RbacAuthorizer(ObjectReader reader) {
        this.resolver = new RuleResolver(reader);
    }

    public RuleResolver resolver() {
        return resolver;
    }

    @Override
    public Result authorize(Attributes attributes) {
        String[] allowedBy = {null};
        List<String> errors = new ArrayList<>();
        resolver.visitRulesFor(attributes.user(), attributes.namespace(), (source, rule, error) -> {
            if (error != null) errors.add(error);
            if (rule != null && PolicyRuleMatcher.allows(attributes, rule)) {
                allowedBy[0] = source;
                return false;
            }
            return true;
        });
        if (allowedBy[0] != null) return new Result(Decision.ALLOW, "RBAC: allowed by " + allowedBy[0]);
        if (errors.isEmpty()) return new Result(Decision.NO_OPINION, "");
        return new Result(Decision.NO_OPINION, "RBAC: " + aggregate(errors));
    }

    /** utilerrors.NewAggregate(...).Error(): one message alone, several as "[a, b]". */
    static String aggregate(List<String> errors) {
        List<String> distinct = errors.stream().distinct().toList();
        return distinct.size() == 1 ? distinct.get(0) : "[" + String.join(", ", distinct) + "]";
    }
}
