package dev.kubelab.apiserver.authorization;

import java.util.ArrayList;
import java.util.List;

/**
 * The authorizer chain (k8s.io/apiserver/pkg/authorization/union): the first ALLOW or DENY decides; if all
 * have no opinion, their non-empty reasons are joined with newlines.
 */
public final class UnionAuthorizer implements Authorizer {

    private final List<Authorizer> authorizers;

    public UnionAuthorizer(List<Authorizer> authorizers) {
        this.authorizers = List.copyOf(authorizers);
    }

    @Override
    public Result authorize(Attributes attributes) {
        List<String> reasons = new ArrayList<>();
        for (Authorizer a : authorizers) {
            Result r = a.authorize(attributes);
            if (r.decision() != Decision.NO_OPINION) return r;
            if (r.reason() != null && !r.reason().isEmpty()) reasons.add(r.reason());
        }
        return new Result(Decision.NO_OPINION, String.join("\n", reasons));
    }
}
