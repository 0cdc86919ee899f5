package dev.kubelab.cluster.audit;

import dev.kubelab.cluster.TraceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The audit-log trace source over a real file, fed with lines shaped as kube-apiserver's JSON log backend writes them. */
class AuditLogTraceSourceTest {
    @TempDir
    Path tmp;

    @Test
    void readsResponseCompleteRecordsWrittenAfterTheMarkInOrder() throws Exception {
        Path log = tmp.resolve("audit.log");
        Files.writeString(log, AuditLogLines.podCreation(Instant.now().minusSeconds(60), "old-node"));
        try (AuditLogTraceSource source = new AuditLogTraceSource(AuditLogFile.local(log), null)) {
            long mark = source.mark();
            Instant t0 = Instant.now().plusMillis(5);
            append(log, AuditLogLines.podCreation(t0, "kind-worker"));
            List<TraceSource.Event> events = source.since(mark);
            // the record before the mark, the ResponseStarted watch and the non-resource /readyz are left out
            assertThat(events).extracting(e -> e.verb() + " " + e.resource() + " " + e.namespace() + "/" + e.name() + " " + e.code() + " " + e.user())
                    .containsExactly("create pods default/web 201 kubernetes-admin",
                            "create pods/binding default/web 201 system:kube-scheduler",
                            "create replicasets default/web-5d4f 201 system:serviceaccount:kube-system:replicaset-controller",
                            "patch pods/status default/web 200 system:node:kind-worker");
            TraceSource.Event create = events.get(0);
            assertThat(create.kind()).isEqualTo(TraceSource.Kind.REQUEST);
            assertThat(create.userAgent()).startsWith("kubectl/v1.31.0");
            assertThat(create.epochMillis()).isEqualTo(t0.toEpochMilli());
            // received-time order on the monotonic scale: 10 ms between the create and the binding, as written
            assertThat(events.get(1).nanos() - create.nanos()).isEqualTo(10_000_000L);
            assertThat(create.nanos()).isGreaterThanOrEqualTo(mark);
            assertThat(source.origin().en()).startsWith("kube-apiserver's audit log (" + log + ")");
        }
    }

    @Test
    void keepsAPartialLineUntilItsNewlineAndFollowsARotation() throws Exception {
        Path log = tmp.resolve("audit.log");
        try (AuditLogTraceSource source = new AuditLogTraceSource(AuditLogFile.local(log), null)) {
            long mark = source.mark(); // the file does not exist yet: kube-apiserver creates it with its first record
            Instant t0 = Instant.now().plusMillis(5);
            String lines = AuditLogLines.podCreation(t0, "kind-worker");
            int half = lines.indexOf('\n') / 2;
            append(log, lines.substring(0, half));
            assertThat(source.since(mark)).isEmpty();
            append(log, lines.substring(half));
            assertThat(source.since(mark)).hasSize(4);

            // --audit-log-maxsize: the log is renamed away and a new, shorter file started
            Files.move(log, tmp.resolve("audit-2026-11-21T23-00-00.000.log"));
            append(log, AuditLogLines.line(t0.plusMillis(100), "ResponseComplete", "delete", "/api/v1/namespaces/default/pods/web",
                    "kubernetes-admin", "kubectl/v1.31.0 (linux/amd64) kubernetes/9edcffc", "pods", null, "default", "web", 200));
            assertThat(source.since(mark)).extracting(TraceSource.Event::verb).containsExactly("create", "create", "create", "patch", "delete");
        }
    }

    /** A watch notification's resourceVersion is the etcd revision of the write; the key follows kube-apiserver's layout. */
    @Test
    void watchNotificationsBecomeEtcdWritesWithTheirKeyAndRevision() {
        WatchedWrites writes = new WatchedWrites();
        writes.record("/registry/pods/", io.fabric8.kubernetes.client.Watcher.Action.ADDED, new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withNamespace("default").withName("web").withResourceVersion("1234").endMetadata().build());
        writes.record("/registry/services/specs/", io.fabric8.kubernetes.client.Watcher.Action.DELETED, new io.fabric8.kubernetes.api.model.ServiceBuilder()
                .withNewMetadata().withNamespace("default").withName("web").withResourceVersion("1240").endMetadata().build());
        writes.record("/registry/pods/", io.fabric8.kubernetes.client.Watcher.Action.BOOKMARK, new io.fabric8.kubernetes.api.model.PodBuilder()
                .withNewMetadata().withResourceVersion("1250").endMetadata().build());
        assertThat(writes.events()).extracting(e -> e.kind() + " " + e.verb() + " " + e.key() + " " + e.revision())
                .containsExactly("STORAGE create /registry/pods/default/web 1234", "STORAGE delete /registry/services/specs/default/web 1240");
    }

    @Test
    void ignoresLinesThatAreNotAuditEvents() {
        TraceClock clock = TraceClock.now();
        assertThat(AuditEventJson.parse("", clock)).isEmpty();
        assertThat(AuditEventJson.parse("{\"kind\":\"Event\",\"apiVersion\":\"audit.k8s.io/v1\",\"stage\":\"Respo", clock)).isEmpty();
        assertThat(AuditEventJson.parse("{\"kind\":\"Pod\",\"apiVersion\":\"v1\"}", clock)).isEmpty();
        assertThat(AuditEventJson.parse(AuditLogLines.line(Instant.now(), "Panic", "get", "/api/v1/pods", "u", "a", "pods", null, null, null, 500),
                clock)).isEmpty();
    }

    private static void append(Path log, String text) throws Exception {
        Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
