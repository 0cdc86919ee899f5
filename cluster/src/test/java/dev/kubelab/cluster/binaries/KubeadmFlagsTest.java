package dev.kubelab.cluster.binaries;

import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.ExecResult;
import dev.kubelab.cluster.EtcdAccess;
import dev.kubelab.cluster.LocalEtcdAccess;
import dev.kubelab.pki.Pki;
import io.fabric8.kubernetes.client.Config;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The binaries provider's generated configuration, without the kube-* binaries: every flag kubeadm sets, every
 * file a flag names exists after the PKI step, the certificates' SANs, the kubeconfigs — and the generated etcd
 * command line run with the real etcd binary, read back through the provider's etcd access.
 */
class KubeadmFlagsTest {
    @TempDir
    Path tmp;
    ControlPlaneLayout layout;

    @BeforeEach
    void pki() throws Exception {
        ClusterSpec spec = ClusterSpec.defaults().withName("lab").withDataDir(tmp);
        layout = BinariesCluster.layout(spec, BinariesCluster.freePorts());
        Pki pki = BinariesCluster.certificates(layout);
        pki.writeKubeconfigs(layout.apiServerUrl());
    }

    private static Map<String, String> flags(List<String> command) {
        Map<String, String> m = new java.util.LinkedHashMap<>();
        for (String a : command.subList(1, command.size())) {
            int eq = a.indexOf('=');
            m.put(a.substring(0, eq), a.substring(eq + 1));
        }
        return m;
    }

    /** Every flag whose value is one of our files must name a file that exists (catches a wrong path at once). */
    private void filesExist(Map<String, String> flags) {
        for (var e : flags.entrySet()) {
            if (e.getValue().startsWith(tmp.toString()) && !e.getKey().contains("audit-log-path") && !e.getKey().equals("--data-dir")) {
                assertThat(Path.of(e.getValue())).as(e.getKey()).exists();
            }
        }
    }

    @Test
    void kubeApiServerHasKubeadmsFlags() {
        Map<String, String> f = flags(KubeadmFlags.kubeApiServer("kube-apiserver", layout));
        assertThat(f).containsEntry("--authorization-mode", "Node,RBAC")
                .containsEntry("--enable-admission-plugins", "NodeRestriction")
                .containsEntry("--etcd-servers", "https://127.0.0.1:" + layout.ports().etcdClient())
                .containsEntry("--secure-port", String.valueOf(layout.ports().apiServer()))
                .containsEntry("--service-cluster-ip-range", "10.96.0.0/12")
                .containsEntry("--service-account-issuer", "https://kubernetes.default.svc.cluster.local")
                .containsEntry("--client-ca-file", tmp.resolve("kubernetes/pki/ca.crt").toString())
                .containsEntry("--etcd-certfile", tmp.resolve("kubernetes/pki/apiserver-etcd-client.crt").toString())
                .containsEntry("--requestheader-allowed-names", "front-proxy-client")
                .containsEntry("--audit-log-path", tmp.resolve("log/audit/audit.log").toString())
                .containsKeys("--tls-cert-file", "--tls-private-key-file", "--kubelet-client-certificate", "--proxy-client-cert-file",
                        "--service-account-key-file", "--service-account-signing-key-file");
        filesExist(f);
    }

    @Test
    void controllerManagerAndSchedulerUseTheirOwnKubeconfigs() throws Exception {
        Map<String, String> kcm = flags(KubeadmFlags.kubeControllerManager("kube-controller-manager", layout));
        assertThat(kcm).containsEntry("--kubeconfig", tmp.resolve("kubernetes/controller-manager.conf").toString())
                .containsEntry("--controllers", "*,bootstrapsigner,tokencleaner")
                .containsEntry("--use-service-account-credentials", "true")
                .containsEntry("--cluster-cidr", "10.244.0.0/16")
                .containsEntry("--allocate-node-cidrs", "true")
                .containsEntry("--cluster-signing-key-file", tmp.resolve("kubernetes/pki/ca.key").toString())
                .containsEntry("--leader-elect", "true");
        filesExist(kcm);
        Map<String, String> sched = flags(KubeadmFlags.kubeScheduler("kube-scheduler", layout));
        assertThat(sched).containsEntry("--kubeconfig", tmp.resolve("kubernetes/scheduler.conf").toString())
                .containsEntry("--bind-address", "127.0.0.1").containsEntry("--secure-port", String.valueOf(layout.ports().scheduler()));
        filesExist(sched);

        // the kubeconfigs point at this cluster's API server, as the right users
        Config cm = Config.fromKubeconfig(Files.readString(tmp.resolve("kubernetes/controller-manager.conf")));
        assertThat(cm.getMasterUrl()).startsWith(layout.apiServerUrl());
        X509Certificate cmCert = cert(cm.getClientCertData());
        assertThat(cmCert.getSubjectX500Principal().getName()).contains("CN=system:kube-controller-manager");
        Config sc = Config.fromKubeconfig(Files.readString(tmp.resolve("kubernetes/scheduler.conf")));
        assertThat(cert(sc.getClientCertData()).getSubjectX500Principal().getName()).contains("CN=system:kube-scheduler");
    }

    @Test
    void apiServerCertificateCoversEveryNameClientsUse() throws Exception {
        X509Certificate c;
        try (InputStream in = Files.newInputStream(tmp.resolve("kubernetes/pki/apiserver.crt"))) {
            c = (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        }
        List<String> sans = new ArrayList<>();
        c.getSubjectAlternativeNames().forEach(s -> sans.add(String.valueOf(s.get(1))));
        assertThat(sans).contains("kubernetes", "kubernetes.default", "kubernetes.default.svc", "kubernetes.default.svc.cluster.local",
                "lab-control-plane", "10.96.0.1", "127.0.0.1");
    }

    private static X509Certificate cert(String base64Pem) throws Exception {
        byte[] pem = java.util.Base64.getDecoder().decode(base64Pem);
        return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new java.io.ByteArrayInputStream(pem));
    }

    @Test
    void generatedEtcdCommandRunsTheRealEtcdWithTlsAndStopsCleanly() throws Exception {
        BinaryLocator here = BinaryLocator.fromEnvironment();
        Optional<Path> etcd = here.find("etcd");
        Optional<Path> etcdctl = here.find("etcdctl");
        assumeTrue(etcd.isPresent() && etcdctl.isPresent(), "etcd and etcdctl are not installed");
        Map<String, String> f = flags(KubeadmFlags.etcd(etcd.get().toString(), layout));
        assertThat(f).containsEntry("--client-cert-auth", "true").containsEntry("--peer-client-cert-auth", "true")
                .containsEntry("--name", "lab-control-plane")
                .containsEntry("--initial-cluster", "lab-control-plane=https://127.0.0.1:" + layout.ports().etcdPeer());
        filesExist(f);

        SupervisedProcess p = new SupervisedProcess("etcd", KubeadmFlags.etcd(etcd.get().toString(), layout), layout.runDir());
        var files = layout.pki();
        EtcdAccess access = new LocalEtcdAccess(etcdctl.get(), List.of("https://127.0.0.1:" + layout.ports().etcdClient()),
                Optional.of(new EtcdAccess.Tls(files.etcdCaCert().toString(), files.etcdHealthcheckClientCert().toString(),
                        files.etcdHealthcheckClientKey().toString())), (s, l) -> { });
        try {
            p.start();
            long deadline = System.nanoTime() + 30_000_000_000L;
            while (!access.etcdctl(List.of("endpoint", "health")).ok()) {
                assertThat(p.isRunning()).as("etcd exited: " + p.lastLogLine()).isTrue();
                assertThat(System.nanoTime()).as("etcd health").isLessThan(deadline);
                Thread.sleep(200);
            }
            assertThat(access.etcdctl(List.of("put", "/registry/kubelab/probe", "v1")).ok()).isTrue();
            ExecResult get = access.etcdctl(List.of("get", "/registry/kubelab/probe", "--print-value-only"));
            assertThat(get.stdout().strip()).isEqualTo("v1");
            // without a client certificate etcd refuses: client-cert-auth is really on
            ExecResult anonymous = new LocalEtcdAccess(etcdctl.get(), access.endpoints(),
                    Optional.of(new EtcdAccess.Tls(files.etcdCaCert().toString(), "", "")), (s, l) -> { })
                    .etcdctl(List.of("get", "/registry/kubelab/probe", "--command-timeout=3s"));
            assertThat(anonymous.ok()).isFalse();
            assertThat(Files.exists(layout.runDir().resolve("etcd.pid"))).isTrue();
        } finally {
            long pid = p.pid().orElse(-1L);
            p.stop();
            assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)).isFalse();
            assertThat(portOpen(layout.ports().etcdClient())).isFalse();
            assertThat(Files.exists(layout.runDir().resolve("etcd.pid"))).isFalse();
        }
    }

    static boolean portOpen(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 300);
            return true;
        } catch (Exception e) {
            return false;
        }
    }
}
