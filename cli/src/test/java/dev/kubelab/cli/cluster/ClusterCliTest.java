package dev.kubelab.cli.cluster;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kubelab cluster up|status|stop|start|down} as a user runs them (each a JVM of its own): up runs the full
 * cluster in a background JVM, component drills go through its control endpoint, and SIGKILL of that JVM leaves no etcd.
 */
class ClusterCliTest {
    @TempDir
    Path tmp;

    record Run(int code, String out) {}

    private Run kubelab(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), "dev.kubelab.cli.Main"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KUBELAB_HOME", tmp.resolve("home").toString());
        pb.environment().put("KUBECONFIG", tmp.resolve("kubeconfig").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(3, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }

    @Test
    void upDrillsAndNoOrphansAfterSigkill() throws Exception {
        assumeEtcd();
        // a context of the user's own, which up must keep
        Files.writeString(tmp.resolve("kubeconfig"), """
                apiVersion: v1
                kind: Config
                clusters: [{name: other, cluster: {server: "https://10.0.0.1:6443"}}]
                contexts: [{name: other, context: {cluster: other, user: other}}]
                users: [{name: other, user: {token: abc}}]
                current-context: other
                """);
        Run up = kubelab("cluster", "up", "--workers", "1", "--name", "cli");
        assertThat(up.code()).as(up.out()).isZero();
        assertThat(up.out()).contains("cluster 'cli' is up (embedded, 2 nodes)");
        // kubeadm's admin.conf credentials merged as context kubelab-cli: HTTPS, the cluster CA, a client certificate
        assertThat(Files.readString(tmp.resolve("kubeconfig"))).contains("kubelab-cli", "https://127.0.0.1:",
                "certificate-authority-data", "client-certificate-data", "client-key-data", "https://10.0.0.1:6443", "abc");
        Run whoami = kubectl("auth", "whoami", "-o", "jsonpath={.status.userInfo.username} {.status.userInfo.groups}");
        assertThat(whoami.out()).as(whoami.out()).isEqualTo("kubernetes-admin [\"kubeadm:cluster-admins\",\"system:authenticated\"]");
        Run forbidden = kubectl("get", "pods", "--as=jane");
        assertThat(forbidden.code()).isEqualTo(1);
        assertThat(forbidden.out().strip()).isEqualTo("Error from server (Forbidden): pods is forbidden: User \"jane\" cannot list resource "
                + "\"pods\" in API group \"\" in the namespace \"default\"");
        long serve = -1, etcd = -1;
        try {
            Run status = kubelab("cluster", "status", "--name", "cli");
            assertThat(status.out()).containsPattern("kube-scheduler +cli-control-plane +RUNNING")
                    .containsPattern("kubelet +cli-worker +RUNNING");
            serve = Long.parseLong(find(status.out(), "pid (\\d+)\\n"));
            etcd = Long.parseLong(find(status.out(), "etcd +cli-control-plane +RUNNING +pid (\\d+)"));

            Run stop = kubelab("cluster", "stop", "kube-scheduler", "--name", "cli");
            assertThat(stop.code()).as(stop.out()).isZero();
            assertThat(stop.out()).contains("kube-scheduler stopped");
            assertThat(kubelab("cluster", "status", "--name", "cli").out()).containsPattern("kube-scheduler +cli-control-plane +STOPPED");
            assertThat(kubelab("cluster", "start", "kube-scheduler", "--name", "cli").out()).contains("kube-scheduler started");

            Run noNode = kubelab("cluster", "stop", "kubelet", "--name", "cli");
            assertThat(noNode.code()).isEqualTo(2);
            assertThat(noNode.out()).contains("kubelab: kubelet runs on every node: name one with --node (cli-control-plane, cli-worker)");
            Run unknown = kubelab("cluster", "restart", "kubeproxy", "--name", "cli");
            assertThat(unknown.code()).isEqualTo(2);
            assertThat(unknown.out()).contains("unknown component \"kubeproxy\": valid components are etcd, kube-apiserver");
            assertThat(kubelab("cluster", "restart", "kubelet", "--node", "cli-worker", "--name", "cli").out())
                    .contains("kubelet on cli-worker restarted");
        } finally {
            if (serve > 0) ProcessHandle.of(serve).ifPresent(ProcessHandle::destroyForcibly);   // kill -9
        }
        long etcdPid = etcd;
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (ProcessHandle.of(etcdPid).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) Thread.sleep(100);
        assertThat(ProcessHandle.of(etcdPid).map(ProcessHandle::isAlive).orElse(false)).as("etcd outlived the killed serve JVM").isFalse();
        assertThat(kubelab("cluster", "status", "--name", "cli").code()).isEqualTo(3);
        assertThat(kubelab("cluster", "down", "--name", "cli").code()).isZero();
    }

    /** The real kubectl with the merged kubeconfig (KUBECONFIG as the user has it). */
    private Run kubectl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kubectl"));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("KUBECONFIG", tmp.resolve("kubeconfig").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes());
        assertThat(p.waitFor(2, TimeUnit.MINUTES)).isTrue();
        return new Run(p.exitValue(), out);
    }

    private static String find(String s, String regex) {
        Matcher m = Pattern.compile(regex).matcher(s);
        assertThat(m.find()).as(regex + " in " + s).isTrue();
        return m.group(1);
    }

    private static void assumeEtcd() {
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/etcd")), "etcd is not installed");
    }
}
