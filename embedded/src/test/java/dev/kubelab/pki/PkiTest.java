package dev.kubelab.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.fabric8.kubernetes.api.model.Config;
import io.fabric8.kubernetes.client.utils.Serialization;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PkiTest {

    @TempDir static Path dir;
    static Pki pki;

    @BeforeAll
    static void generate() {
        pki = Pki.ensure(dir, PkiOptions.defaults("control-plane"));
        pki.writeKubeconfigs("https://127.0.0.1:6443");
    }

    @Test
    void laysOutFilesLikeKubeadm() {
        PkiFiles f = pki.files();
        for (Path p : List.of(f.caCert(), f.caKey(), f.apiserverCert(), f.apiserverKey(), f.apiserverKubeletClientCert(),
                f.frontProxyCaCert(), f.frontProxyClientCert(), f.apiserverEtcdClientCert(), f.serviceAccountKey(),
                f.serviceAccountPub(), f.etcdCaCert(), f.etcdServerCert(), f.etcdPeerCert(), f.etcdHealthcheckClientCert(),
                f.adminConf(), f.superAdminConf(), f.controllerManagerConf(), f.schedulerConf(), f.kubeletConf())) {
            assertThat(p).isRegularFile();
        }
        assertThat(dir.resolve("pki/etcd/server.key")).isRegularFile();
    }

    @Test
    void adminConfFollowsTheKubeadmGenerationAndIsReissuedWhenItChanges(@TempDir Path other) {
        Pki p = Pki.ensure(other, PkiOptions.defaults("control-plane"));
        // before 1.29: admin.conf itself is system:masters and there is no super-admin.conf
        p.writeKubeconfigs("https://127.0.0.1:6443", false);
        assertThat(CertificateSubject.of(adminCertificate(p))).isEqualTo(new CertificateSubject("kubernetes-admin", List.of("system:masters")));
        assertThat(p.files().superAdminConf()).doesNotExist();
        // an upgrade to 1.29+ moves admin.conf to kubeadm:cluster-admins and adds super-admin.conf
        p.writeKubeconfigs("https://127.0.0.1:6444", true);
        assertThat(CertificateSubject.of(adminCertificate(p)))
                .isEqualTo(new CertificateSubject("kubernetes-admin", List.of(Pki.CLUSTER_ADMINS_GROUP)));
        assertThat(p.files().superAdminConf()).isRegularFile();
        assertThat(dev.kubelab.embedded.EmbeddedControlPlane.separateSuperAdmin("v1.28.9")).isFalse();
        assertThat(dev.kubelab.embedded.EmbeddedControlPlane.separateSuperAdmin("v1.31.4")).isTrue();
    }

    private static X509Certificate adminCertificate(Pki p) {
        try {
            return Kubeconfig.clientCertificate(Files.readString(p.files().adminConf())).certificate();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void chainsVerifyAndCarryKubeadmNames() throws Exception {
        X509Certificate ca = read(pki.files().caCert());
        X509Certificate api = read(pki.files().apiserverCert());
        api.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=kubernetes");
        assertThat(ca.getBasicConstraints()).isGreaterThanOrEqualTo(0);
        assertThat(api.getSubjectX500Principal().getName()).isEqualTo("CN=kube-apiserver");
        assertThat(api.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1");
        assertThat(sans(api)).contains("kubernetes", "kubernetes.default", "kubernetes.default.svc",
                "kubernetes.default.svc.cluster.local", "localhost", "control-plane", "127.0.0.1", "10.96.0.1");
        X509Certificate kubeletClient = read(pki.files().apiserverKubeletClientCert());
        assertThat(kubeletClient.getSubjectX500Principal().getName())
                .isEqualTo("CN=kube-apiserver-kubelet-client,O=kubeadm:cluster-admins");
        X509Certificate etcdServer = read(pki.files().etcdServerCert());
        etcdServer.verify(read(pki.files().etcdCaCert()).getPublicKey());
        assertThat(etcdServer.getExtendedKeyUsage()).contains("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
        assertThat(sans(etcdServer)).contains("localhost", "control-plane", "127.0.0.1");
        read(pki.files().frontProxyClientCert()).verify(read(pki.files().frontProxyCaCert()).getPublicKey());
        long years = (ca.getNotAfter().getTime() - ca.getNotBefore().getTime()) / (365L * 24 * 3600 * 1000);
        assertThat(years).isEqualTo(10);
    }

    @Test
    void opensslAgrees() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/openssl")), "openssl not installed");
        assertThat(run("openssl", "verify", "-CAfile", pki.files().caCert().toString(),
                pki.files().apiserverCert().toString(), pki.files().apiserverKubeletClientCert().toString()))
                .contains("apiserver.crt: OK").contains("apiserver-kubelet-client.crt: OK");
        assertThat(run("openssl", "verify", "-CAfile", pki.files().etcdCaCert().toString(),
                pki.files().etcdServerCert().toString(), pki.files().etcdPeerCert().toString(),
                pki.files().etcdHealthcheckClientCert().toString(), pki.files().apiserverEtcdClientCert().toString()))
                .doesNotContain("error");
        // the key matches the certificate
        String certPub = run("openssl", "x509", "-noout", "-pubkey", "-in", pki.files().apiserverCert().toString());
        String keyPub = run("openssl", "pkey", "-pubout", "-in", pki.files().apiserverKey().toString());
        assertThat(keyPub).isEqualTo(certPub);
        // sa.key of the cluster's key type, as kubeadm makes it with encryptionAlgorithm ECDSA-P256
        assertThat(run("openssl", "pkey", "-pubin", "-noout", "-text", "-in", pki.files().serviceAccountPub().toString()))
                .contains("256 bit").contains("prime256v1");
    }

    @Test
    void restartReusesEverything() throws Exception {
        String before = Files.readString(pki.files().caCert());
        String adminBefore = Files.readString(pki.files().adminConf());
        Pki again = Pki.ensure(dir, PkiOptions.defaults("control-plane"));
        again.writeKubeconfigs("https://127.0.0.1:7443");
        assertThat(Files.readString(pki.files().caCert())).isEqualTo(before);
        assertThat(again.serviceAccountKeys().getPublic()).isEqualTo(pki.serviceAccountKeys().getPublic());
        String adminAfter = Files.readString(pki.files().adminConf());
        assertThat(adminAfter).contains("server: https://127.0.0.1:7443");
        assertThat(Kubeconfig.clientCertificate(adminAfter).certificate())
                .isEqualTo(Kubeconfig.clientCertificate(adminBefore).certificate());
        again.writeKubeconfigs("https://127.0.0.1:6443");
    }

    @Test
    void kubeconfigsParseWithFabric8AndNameKubeadmUsers() throws Exception {
        Config admin = Serialization.unmarshal(Files.readString(pki.files().adminConf()), Config.class);
        assertThat(admin.getCurrentContext()).isEqualTo("kubernetes-admin@kubernetes");
        assertThat(admin.getClusters().get(0).getCluster().getServer()).isEqualTo("https://127.0.0.1:6443");
        String cert = new String(Base64.getDecoder().decode(admin.getUsers().get(0).getUser().getClientCertificateData()),
                StandardCharsets.UTF_8);
        assertThat(Pem.parseCertificate(cert).getSubjectX500Principal().getName())
                .isEqualTo("CN=kubernetes-admin,O=kubeadm:cluster-admins");
        assertThat(subject(pki.files().superAdminConf())).isEqualTo("CN=kubernetes-super-admin,O=system:masters");
        assertThat(subject(pki.files().kubeletConf())).isEqualTo("CN=system:node:control-plane,O=system:nodes");
        assertThat(subject(pki.files().schedulerConf())).isEqualTo("CN=system:kube-scheduler");
        assertThat(subject(pki.files().controllerManagerConf())).isEqualTo("CN=system:kube-controller-manager");
        String jane = pki.userKubeconfig("jane", List.of("developers", "qa"));
        assertThat(Kubeconfig.clientCertificate(jane).certificate().getSubjectX500Principal().getName())
                .isEqualTo("CN=jane,O=qa,O=developers");
    }

    @Test
    void kubectlReadsTheKubeconfig() throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl not installed");
        String out = run("kubectl", "config", "view", "--kubeconfig=" + pki.files().adminConf(),
                "-o", "jsonpath={.current-context} {.users[0].name} {.clusters[0].cluster.server}");
        assertThat(out.trim()).isEqualTo("kubernetes-admin@kubernetes kubernetes-admin https://127.0.0.1:6443");
    }

    static String subject(Path kubeconfig) throws Exception {
        return Kubeconfig.clientCertificate(Files.readString(kubeconfig)).certificate().getSubjectX500Principal().getName();
    }

    static X509Certificate read(Path p) throws Exception {
        return Pem.parseCertificate(Files.readString(p));
    }

    static List<String> sans(X509Certificate c) throws Exception {
        List<String> out = new ArrayList<>();
        for (List<?> san : c.getSubjectAlternativeNames()) out.add(String.valueOf(san.get(1)));
        return out;
    }

    static String run(String... cmd) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true)
                .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null"))).start();
        boolean done = p.waitFor(60, TimeUnit.SECONDS);
        if (!done) p.destroyForcibly();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(done).as(String.join(" ", cmd) + " finished").isTrue();
        assertThat(p.exitValue()).as(String.join(" ", cmd) + "\n" + out).isZero();
        return out;
    }
}
