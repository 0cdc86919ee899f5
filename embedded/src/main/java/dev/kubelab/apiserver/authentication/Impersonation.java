package dev.kubelab.apiserver.authentication;

import dev.kubelab.apiserver.authorization.Attributes;
import dev.kubelab.apiserver.authorization.Authorizer;
import dev.kubelab.apiserver.authorization.Forbidden;
import dev.kubelab.apiserver.errors.StatusError;
import java.util.ArrayList;
import java.util.List;

/**
 * kube-apiserver's impersonation filter (k8s.io/apiserver/pkg/endpoints/filters/impersonation.go): with
 * {@code Impersonate-User} / {@code Impersonate-Group} headers ({@code kubectl --as=jane --as-group=dev}) the request
 * runs as that user, provided the requester may {@code impersonate} users (service accounts: serviceaccounts in their
 * namespace) and each group. The impersonated user gets system:authenticated (and a service account its
 * system:serviceaccounts groups), as the filter adds them.
 */
public final class Impersonation {

    private Impersonation() {}

    /** The effective user: requester itself without headers; 403 when the requester may not impersonate. */
    public static UserInfo apply(UserInfo requester, String user, List<String> groups, Authorizer authorizer) {
        if ((user == null || user.isEmpty()) && groups.isEmpty()) return requester;
        if (user == null || user.isEmpty()) {
            throw StatusError.internal("requested [" + String.join(" ", groups) + "] without impersonating a user");
        }
        if (user.startsWith(ServiceAccountTokens.PREFIX)) {
            String[] parts = user.substring(ServiceAccountTokens.PREFIX.length()).split(":", 2);
            check(requester, parts.length == 2 ? parts[0] : "", "serviceaccounts", parts.length == 2 ? parts[1] : user, authorizer);
        } else {
            check(requester, "", "users", user, authorizer);
        }
        for (String g : groups) check(requester, "", "groups", g, authorizer);
        List<String> effective = new ArrayList<>(groups);
        if (user.startsWith(ServiceAccountTokens.PREFIX)) {
            String ns = user.substring(ServiceAccountTokens.PREFIX.length()).split(":", 2)[0];
            if (!effective.contains("system:serviceaccounts")) effective.add("system:serviceaccounts");
            if (!effective.contains("system:serviceaccounts:" + ns)) effective.add("system:serviceaccounts:" + ns);
        }
        if (!user.equals(UserInfo.ANONYMOUS.name()) && !effective.contains(AuthenticationChain.AUTHENTICATED)) {
            effective.add(AuthenticationChain.AUTHENTICATED);
        }
        return new UserInfo(user, List.copyOf(effective));
    }

    private static void check(UserInfo requester, String namespace, String resource, String name, Authorizer authorizer) {
        Attributes a = new Attributes(requester, "impersonate", namespace, "", resource, "", name, true, null);
        Authorizer.Result r = authorizer.authorize(a);
        if (r.decision() != Authorizer.Decision.ALLOW) throw Forbidden.error(a, r.reason());
    }
}
