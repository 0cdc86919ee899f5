package dev.kubelab.apiserver.authorization;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.authentication.UserInfo;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PolicyCacheTest {

    @Test
    void cachesRbacReadsUntilInvalidated() {
        InMemoryObjectReader store = RbacAuthorizationTest.policyStore();
        AtomicInteger reads = new AtomicInteger();
        dev.kubelab.apiserver.registry.ObjectReader counting = new dev.kubelab.apiserver.registry.ObjectReader() {
            @Override public Optional<ObjectNode> get(String gr, String ns, String name) { reads.incrementAndGet(); return store.get(gr, ns, name); }
            @Override public List<ObjectNode> list(String gr, String ns) { reads.incrementAndGet(); return store.list(gr, ns); }
        };
        PolicyCache cache = new PolicyCache(counting, Duration.ofMinutes(5));
        Authorizer authz = Authorizers.standard(cache);
        UserInfo bob = new UserInfo("bob", List.of("system:authenticated"));
        Attributes a = new Attributes(bob, "list", "dev", "", "secrets", "", "", true, null);
        assertThat(authz.authorize(a).decision()).isEqualTo(Authorizer.Decision.NO_OPINION);
        int afterFirst = reads.get();
        authz.authorize(a);
        assertThat(reads.get()).isEqualTo(afterFirst);

        store.putJson("rolebindings.rbac.authorization.k8s.io", "{'metadata':{'name':'bob-edit','namespace':'dev'},"
                + "'roleRef':{'apiGroup':'rbac.authorization.k8s.io','kind':'ClusterRole','name':'edit'},'subjects':[{'kind':'User','name':'bob'}]}");
        assertThat(authz.authorize(a).decision()).isEqualTo(Authorizer.Decision.NO_OPINION); // still cached
        assertThat(PolicyCache.caches("rolebindings.rbac.authorization.k8s.io")).isTrue();
        cache.invalidate();
        assertThat(authz.authorize(a).decision()).isEqualTo(Authorizer.Decision.ALLOW);
        assertThat(cache.get("namespaces", null, "dev")).isEmpty(); // not cached: straight through
    }
}
