package dev.kubelab.apiserver.authorization;

import dev.kubelab.apiserver.registry.ObjectReader;
import java.util.List;

/** The authorizer chain kubeadm configures (--authorization-mode=Node,RBAC). */
public final class Authorizers {

    public static final String SYSTEM_MASTERS = "system:masters";

    private Authorizers() {}

    /** system:masters first (kube-apiserver's privileged group), then Node, then RBAC. */
    public static Authorizer standard(ObjectReader reader) {
        return new UnionAuthorizer(List.of(
                new PrivilegedGroupAuthorizer(List.of(SYSTEM_MASTERS)),
                new NodeAuthorizer(),
                new RbacAuthorizer(reader)));
    }
}
