package dev.kubelab.apiserver.authorization;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.rbac.BootstrapPolicy;
import java.util.List;

/**
 * The Node authorizer (plugin/pkg/auth/authorizer/node), simplified: a kubelet — user {@code system:node:<name>}
 * in group {@code system:nodes} — may do what the {@code system:node} ClusterRole's rules allow (NodeRules()).
 * Not modelled: the node–pod–secret graph that limits a kubelet to the secrets, configmaps, PVCs and service
 * accounts of pods bound to it; that narrowing is left to NodeRestriction admission for writes.
 * Everyone else: no opinion.
 */
public final class NodeAuthorizer implements Authorizer {

    public static final String NODES_GROUP = "system:nodes";
    public static final String NODE_USER_PREFIX = "system:node:";
    private static final List<ObjectNode> RULES = BootstrapPolicy.nodeRules();

    @Override
    public Result authorize(Attributes a) {
        if (!isNode(a.user().name(), a.user().groups())) return new Result(Decision.NO_OPINION, "");
        for (ObjectNode rule : RULES) {
            if (PolicyRuleMatcher.allows(a, rule)) return new Result(Decision.ALLOW, "");
        }
        return new Result(Decision.NO_OPINION, "");
    }

    static boolean isNode(String user, List<String> groups) {
        return groups.contains(NODES_GROUP) && user.startsWith(NODE_USER_PREFIX) && user.length() > NODE_USER_PREFIX.length();
    }
}
