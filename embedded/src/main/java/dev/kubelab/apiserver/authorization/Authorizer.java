package dev.kubelab.apiserver.authorization;

/** Decides one request (k8s.io/apiserver/pkg/authorization/authorizer.Authorizer). */
public interface Authorizer {

    enum Decision { ALLOW, DENY, NO_OPINION }

    record Result(Decision decision, String reason) {}

    Result authorize(Attributes attributes);
}
