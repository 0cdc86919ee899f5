package dev.kubelab.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The cluster's PKI as {@code kubeadm init phase certs all} and {@code kubeconfig all} create it:
 * the cluster CA ({@code kubernetes}), the API server's serving and kubelet-client certificates, the front-proxy
 * CA and client, the etcd CA with server/peer/healthcheck-client certificates and the apiserver-etcd-client,
 * the service-account signing key pair, and the kubeconfig files of admin, super-admin, controller-manager,
 * scheduler and the control-plane kubelet.
 *
 * <p>{@link #ensure} generates whatever is missing and reuses what exists, like kubeadm ("Using existing ca
 * certificate authority"), so a cluster directory pays for key generation once and restarts are cheap.
 */
public final class Pki {

    private static final Logger LOG = LoggerFactory.getLogger(Pki.class);

    /** kubeadm's group bound to cluster-admin by the kubeadm:cluster-admins ClusterRoleBinding (since 1.29). */
    public static final String CLUSTER_ADMINS_GROUP = "kubeadm:cluster-admins";
    /** The group kube-apiserver always authorizes (user.SystemPrivilegedGroup). */
    public static final String SYSTEM_MASTERS = "system:masters";
    public static final String NODES_GROUP = "system:nodes";

    private final PkiFiles files;
    private final PkiOptions options;
    private final CertificateAuthority ca;
    private final CertificateAuthority frontProxyCa;
    private final CertificateAuthority etcdCa;
    private final KeyPair serviceAccountKeys;
    private volatile String serverUrl;

    private Pki(PkiFiles files, PkiOptions options, CertificateAuthority ca, CertificateAuthority frontProxyCa,
                CertificateAuthority etcdCa, KeyPair serviceAccountKeys) {
        this.files = files;
        this.options = options;
        this.ca = ca;
        this.frontProxyCa = frontProxyCa;
        this.etcdCa = etcdCa;
        this.serviceAccountKeys = serviceAccountKeys;
    }

    /** Creates the missing parts of the PKI under kubernetesDir (the /etc/kubernetes equivalent) and loads it. */
    public static Pki ensure(Path kubernetesDir, PkiOptions options) {
        long start = System.nanoTime();
        PkiFiles files = new PkiFiles(kubernetesDir);
        KeyAlgorithm alg = options.keyAlgorithm();
        CertificateAuthority ca = ca(files.pkiDir(), "ca", "kubernetes", alg);
        CertificateAuthority frontProxyCa = ca(files.pkiDir(), "front-proxy-ca", "front-proxy-ca", alg);
        CertificateAuthority etcdCa = ca(files.etcdPkiDir(), "ca", "etcd-ca", alg);
        Pki pki = new Pki(files, options, ca, frontProxyCa, etcdCa, serviceAccountKeys(files, alg));

        List<String> apiDns = new ArrayList<>(List.of(options.nodeName(), "kubernetes", "kubernetes.default",
                "kubernetes.default.svc", "kubernetes.default.svc." + options.dnsDomain(), "localhost"));
        List<String> apiIps = new ArrayList<>(List.of(options.kubernetesServiceIp(), options.advertiseAddress()));
        if (!apiIps.contains("127.0.0.1")) apiIps.add("127.0.0.1");
        for (String san : options.extraSans()) (isIp(san) ? apiIps : apiDns).add(san);
        leaf(files.pkiDir(), "apiserver", ca, CertConfig.server("kube-apiserver", apiDns, apiIps), alg);
        leaf(files.pkiDir(), "apiserver-kubelet-client", ca,
                CertConfig.client("kube-apiserver-kubelet-client", List.of(CLUSTER_ADMINS_GROUP)), alg);
        leaf(files.pkiDir(), "front-proxy-client", frontProxyCa, CertConfig.client("front-proxy-client", List.of()), alg);

        List<String> etcdDns = List.of("localhost", options.nodeName());
        List<String> etcdIps = distinct(options.advertiseAddress(), "127.0.0.1", "::1");
        leaf(files.etcdPkiDir(), "server", etcdCa, CertConfig.serverAndClient(options.nodeName(), etcdDns, etcdIps), alg);
        leaf(files.etcdPkiDir(), "peer", etcdCa, CertConfig.serverAndClient(options.nodeName(), etcdDns, etcdIps), alg);
        leaf(files.etcdPkiDir(), "healthcheck-client", etcdCa, CertConfig.client("kube-etcd-healthcheck-client", List.of()), alg);
        leaf(files.pkiDir(), "apiserver-etcd-client", etcdCa, CertConfig.client("kube-apiserver-etcd-client", List.of()), alg);
        LOG.debug("PKI ready in {} ms under {}", (System.nanoTime() - start) / 1_000_000, files.pkiDir());
        return pki;
    }

    public PkiFiles files() { return files; }
    public PkiOptions options() { return options; }
    public CertificateAuthority ca() { return ca; }
    public CertificateAuthority frontProxyCa() { return frontProxyCa; }
    public CertificateAuthority etcdCa() { return etcdCa; }

    /** The service-account token signing key pair (sa.key / sa.pub). */
    public KeyPair serviceAccountKeys() { return serviceAccountKeys; }

    /** The server URL written into kubeconfig files by the last {@link #writeKubeconfigs}. */
    public String serverUrl() { return serverUrl; }

    // ---- PEM for TLS wiring (Vert.x PemKeyCertOptions/PemTrustOptions accept these strings as they are) ----

    public String caPem() { return ca.pair().certPem(); }
    /** kube-apiserver's --tls-cert-file/--tls-private-key-file. */
    public PemPair apiserverServing() { return pem(files.pkiDir(), "apiserver"); }
    /** kube-apiserver's --kubelet-client-certificate/key. */
    public PemPair apiserverKubeletClient() { return pem(files.pkiDir(), "apiserver-kubelet-client"); }
    public String etcdCaPem() { return etcdCa.pair().certPem(); }
    public PemPair etcdServer() { return pem(files.etcdPkiDir(), "server"); }
    public PemPair etcdPeer() { return pem(files.etcdPkiDir(), "peer"); }
    /** kube-apiserver's --etcd-certfile/--etcd-keyfile. */
    public PemPair apiserverEtcdClient() { return pem(files.pkiDir(), "apiserver-etcd-client"); }

    // ---- kubeconfig files ----

    /**
     * Writes admin.conf, super-admin.conf, controller-manager.conf, scheduler.conf and kubelet.conf for serverUrl,
     * as kubeadm ≥ 1.29 does (admin.conf in kubeadm:cluster-admins, super-admin.conf in system:masters).
     * Existing files keep their client certificates and only get the new server URL.
     */
    public void writeKubeconfigs(String serverUrl) {
        writeKubeconfigs(serverUrl, true);
    }

    /**
     * The same for a given kubeadm generation: from 1.29 on (separateSuperAdmin) admin.conf's user is in
     * kubeadm:cluster-admins (bound to cluster-admin by RBAC, so it can be revoked) and super-admin.conf holds the
     * system:masters break-glass identity; before 1.29 admin.conf itself is in system:masters and there is no
     * super-admin.conf. An existing file whose certificate names other groups is reissued (kubeadm upgrade does so).
     */
    public void writeKubeconfigs(String serverUrl, boolean separateSuperAdmin) {
        this.serverUrl = Objects.requireNonNull(serverUrl);
        kubeconfigFile(files.adminConf(), "kubernetes-admin", List.of(separateSuperAdmin ? CLUSTER_ADMINS_GROUP : SYSTEM_MASTERS));
        if (separateSuperAdmin) kubeconfigFile(files.superAdminConf(), "kubernetes-super-admin", List.of(SYSTEM_MASTERS));
        kubeconfigFile(files.controllerManagerConf(), "system:kube-controller-manager", List.of());
        kubeconfigFile(files.schedulerConf(), "system:kube-scheduler", List.of());
        kubeconfigFile(files.kubeletConf(), "system:node:" + options.nodeName(), List.of(NODES_GROUP));
    }

    /** A client certificate signed by the cluster CA: CN = user, O = groups (what the x509 authenticator reads). */
    public CertKeyPair clientCertificate(String user, List<String> groups) {
        return ca.issue(CertConfig.client(user, groups), options.keyAlgorithm());
    }

    /** A kubeconfig for any user and groups against the server of the last {@link #writeKubeconfigs}. */
    public String userKubeconfig(String user, List<String> groups) {
        if (serverUrl == null) throw new IllegalStateException("the API server URL is not known yet: call writeKubeconfigs(serverUrl) first");
        return userKubeconfig(user, groups, serverUrl);
    }

    public String userKubeconfig(String user, List<String> groups, String serverUrl) {
        return Kubeconfig.withClientCertificate(options.clusterName(), serverUrl, caPem(), user, clientCertificate(user, groups));
    }

    /** kubelet.conf for another (simulated) node: user system:node:&lt;name&gt; in group system:nodes. */
    public String nodeKubeconfig(String nodeName) {
        return userKubeconfig("system:node:" + nodeName, List.of(NODES_GROUP));
    }

    private void kubeconfigFile(Path file, String user, List<String> groups) {
        String yaml = null;
        if (Files.isRegularFile(file)) {
            try {
                String existing = Files.readString(file);
                CertKeyPair client = Kubeconfig.clientCertificate(existing);
                if (client != null && signedByCa(client) && names(client, user, groups)) yaml = Kubeconfig.withServer(existing, serverUrl);
            } catch (IOException | IllegalArgumentException e) {
                LOG.debug("regenerating {}: {}", file, e.getMessage());
            }
        }
        if (yaml == null) yaml = userKubeconfig(user, groups, serverUrl);
        Kubeconfig.writeFile(file, yaml);
    }

    /** Whether the certificate's subject is CN=user with exactly these O= groups. */
    private static boolean names(CertKeyPair client, String user, List<String> groups) {
        try {
            CertificateSubject s = CertificateSubject.of(client.certificate());
            return user.equals(s.commonName()) && new java.util.HashSet<>(s.organizations()).equals(new java.util.HashSet<>(groups));
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private boolean signedByCa(CertKeyPair client) {
        try {
            client.certificate().verify(ca.certificate().getPublicKey());
            client.certificate().checkValidity();
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static PemPair pem(Path dir, String base) {
        try {
            return new PemPair(Files.readString(dir.resolve(base + ".crt")), Files.readString(dir.resolve(base + ".key")));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static CertificateAuthority ca(Path dir, String base, String commonName, KeyAlgorithm alg) {
        if (CertKeyPair.exists(dir, base)) return new CertificateAuthority(CertKeyPair.read(dir, base));
        CertificateAuthority ca = CertificateAuthority.selfSigned(commonName, alg);
        ca.pair().write(dir, base);
        return ca;
    }

    private static void leaf(Path dir, String base, CertificateAuthority ca, CertConfig config, KeyAlgorithm alg) {
        if (CertKeyPair.exists(dir, base)) return;
        ca.issue(config, alg).write(dir, base);
    }

    /**
     * sa.key and sa.pub, created once like kubeadm's "sa" phase, of the cluster's key type as kubeadm makes it
     * (ECDSA P-256 keys sign ES256 tokens; an RSA sa.key kept from an earlier cluster still signs RS256).
     */
    private static KeyPair serviceAccountKeys(PkiFiles files, KeyAlgorithm alg) {
        try {
            if (Files.isRegularFile(files.serviceAccountKey())) {
                return Pem.parseKeyPair(Files.readString(files.serviceAccountKey()));
            }
            KeyPair kp = alg.generate();
            Files.createDirectories(files.pkiDir());
            CertKeyPair.writePrivate(files.serviceAccountKey(), Pem.encodePrivateKey(kp.getPrivate(), kp.getPublic()));
            Files.writeString(files.serviceAccountPub(), Pem.encode(kp.getPublic()));
            return kp;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static boolean isIp(String s) {
        return s.matches("[0-9.]+") || s.contains(":");
    }

    private static List<String> distinct(String... values) {
        List<String> out = new ArrayList<>();
        for (String v : values) if (!out.contains(v)) out.add(v);
        return out;
    }

    /** A certificate and key in PEM, ready for {@code PemKeyCertOptions.setCertValue/setKeyValue}. */
    public record PemPair(String certPem, String keyPem) {
        /** The same pair with the key as PKCS#8 ("PRIVATE KEY"), which Netty/gRPC (jetcd) key managers require. */
        public PemPair pkcs8() {
            return new PemPair(certPem, Pem.encodePkcs8(Pem.parsePrivateKey(keyPem)));
        }
    }

}
