package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.TraceSource;
import dev.kubelab.cluster.audit.AuditLogFile;
import dev.kubelab.cluster.audit.AuditLogTraceSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * %%trace's steps and lanes from a kube-apiserver audit log (kind, binaries): a deployment rollout as a kind cluster's
 * audit log records it (src/test/resources/audit, timestamps filled in after the trace's mark), through the real
 * audit-log source and the report the magic draws.
 */
class AuditTraceTest {
    private static final DateTimeFormatter MICRO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

    @TempDir
    Path tmp;

    @Test
    void auditRecordsBecomeStepsInTheComponentsLanes() throws Exception {
        Path log = tmp.resolve("audit.log");
        try (AuditLogTraceSource source = new AuditLogTraceSource(AuditLogFile.local(log), null)) {
            long mark = source.mark();
            Files.writeString(log, withTimes(Instant.now().plusMillis(10)));
            List<TraceSource.Event> events = source.since(mark);
            List<TraceStep> steps = TraceReport.steps(events, mark, false, Map.of(), Map.of());
            // writes only: the lease heartbeat, the kubelet's read and the scheduler's watch are left out
            assertThat(steps).extracting(s -> s.from() + " → " + s.to() + ": " + s.label())
                    .containsExactly("user/kubectl → kube-apiserver: create deployments default/web",
                            "kube-controller-manager → kube-apiserver: create replicasets default/web-7d8f5c6b9",
                            "kube-controller-manager → kube-apiserver: create pods default/",
                            "kube-scheduler → kube-apiserver: create pods/binding default/web-7d8f5c6b9-x2x4q",
                            "kubelet@kind-control-plane → kube-apiserver: patch pods/status default/web-7d8f5c6b9-x2x4q");
            assertThat(steps.get(0).who()).isEqualTo("kubectl (kubernetes-admin)");
            assertThat(steps.get(3).millis()).isGreaterThan(steps.get(0).millis());
            assertThat(TraceReport.lanes(steps, List.of("kind-control-plane")))
                    .containsExactly("user/kubectl", "kube-apiserver", "etcd", "kube-scheduler", "kube-controller-manager", "kubelet@kind-control-plane");
            assertThat(TraceReport.steps(events, mark, true, Map.of(), Map.of())).extracting(TraceStep::label)
                    .contains("update leases kube-node-lease/kind-control-plane", "get pods default/web-7d8f5c6b9-x2x4q");
        }
    }

    /** The fixture's {{t+N}} placeholders as kube-apiserver's microsecond timestamps, N ms after t0. */
    private static String withTimes(Instant t0) throws Exception {
        String text = new String(AuditTraceTest.class.getResourceAsStream("/audit/deployment-rollout.log").readAllBytes(), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\{\\{t\\+(\\d+)}}").matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) m.appendReplacement(out, MICRO.format(t0.plusMillis(Long.parseLong(m.group(1)))));
        m.appendTail(out);
        return out.toString();
    }
}
