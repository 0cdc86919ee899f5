package dev.kubelab.apiserver.authentication;

import java.util.List;

/** The authenticated requester (k8s.io/apiserver/pkg/authentication/user.Info). */
public record UserInfo(String name, List<String> groups) {
    public static final UserInfo ANONYMOUS = new UserInfo("system:anonymous", List.of("system:unauthenticated"));
}
