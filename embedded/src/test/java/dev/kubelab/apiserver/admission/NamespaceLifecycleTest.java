package dev.kubelab.apiserver.admission;

import static dev.kubelab.apiserver.admission.Fixtures.*;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.InMemoryObjectReader;
import org.junit.jupiter.api.Test;

class NamespaceLifecycleTest {

    final InMemoryObjectReader reader = namespaces("default", "kube-system", "dev");
    final NamespaceLifecycle plugin = new NamespaceLifecycle(reader);

    @Test
    void createInMissingNamespaceIsNotFound() {
        StatusError e = rejects(plugin, create(CONFIGMAPS, "nope", json("{'metadata':{'name':'c','namespace':'nope'}}")));
        assertThat(e.code()).isEqualTo(404);
        assertThat(e.reason()).isEqualTo("NotFound");
        assertThat(e.getMessage()).isEqualTo("namespaces \"nope\" not found");
    }

    @Test
    void createInTerminatingNamespaceIsForbidden() {
        reader.putJson("namespaces", "{'metadata':{'name':'dev','deletionTimestamp':'2026-01-01T00:00:00Z'},'status':{'phase':'Terminating'}}");
        StatusError e = rejects(plugin, create(PODS, "dev", pod("web")));
        assertThat(e.code()).isEqualTo(403);
        assertThat(e.getMessage()).isEqualTo("pods \"web\" is forbidden: unable to create new content in namespace dev because it is being terminated");
        assertThat(e.causes()).extracting(StatusError.Cause::reason).containsExactly("NamespaceTerminating");
        // updates and deletes in a terminating namespace still pass (controllers must finish their work)
        assertThatCode(() -> run(plugin, as(ADMIN, "UPDATE", PODS, null, "dev", "web", pod("web"), pod("web")))).doesNotThrowAnyException();
        assertThatCode(() -> run(plugin, as(ADMIN, "DELETE", PODS, null, "dev", "web", null, pod("web")))).doesNotThrowAnyException();
    }

    @Test
    void immortalNamespacesCannotBeDeleted() {
        for (String ns : new String[] {"default", "kube-system", "kube-public"}) {
            StatusError e = rejects(plugin, as(ADMIN, "DELETE", NAMESPACES, null, "", ns, null, null));
            assertThat(e.code()).isEqualTo(403);
            assertThat(e.getMessage()).isEqualTo("namespaces \"" + ns + "\" is forbidden: this namespace may not be deleted");
        }
        assertThatCode(() -> run(plugin, as(ADMIN, "DELETE", NAMESPACES, null, "", "dev", null, null))).doesNotThrowAnyException();
    }

    @Test
    void clusterScopedAndExistingNamespacesPass() {
        assertThatCode(() -> run(plugin, create(NODES, null, json("{'metadata':{'name':'n1'}}")))).doesNotThrowAnyException();
        assertThatCode(() -> run(plugin, create(PODS, "dev", pod("web")))).doesNotThrowAnyException();
        assertThatCode(() -> run(plugin, create(NAMESPACES, null, json("{'metadata':{'name':'new'}}")))).doesNotThrowAnyException();
    }
}
