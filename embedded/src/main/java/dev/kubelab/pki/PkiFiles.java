package dev.kubelab.pki;

import java.nio.file.Path;

/**
 * Where kubeadm puts things, relative to a directory standing for /etc/kubernetes: certificates under
 * {@code pki/} (etcd's under {@code pki/etcd/}) and the kubeconfig files beside it.
 */
public record PkiFiles(Path kubernetesDir) {

    public Path pkiDir() { return kubernetesDir.resolve("pki"); }
    public Path etcdPkiDir() { return pkiDir().resolve("etcd"); }

    public Path caCert() { return pkiDir().resolve("ca.crt"); }
    public Path caKey() { return pkiDir().resolve("ca.key"); }
    public Path apiserverCert() { return pkiDir().resolve("apiserver.crt"); }
    public Path apiserverKey() { return pkiDir().resolve("apiserver.key"); }
    public Path apiserverKubeletClientCert() { return pkiDir().resolve("apiserver-kubelet-client.crt"); }
    public Path apiserverKubeletClientKey() { return pkiDir().resolve("apiserver-kubelet-client.key"); }
    public Path frontProxyCaCert() { return pkiDir().resolve("front-proxy-ca.crt"); }
    public Path frontProxyClientCert() { return pkiDir().resolve("front-proxy-client.crt"); }
    public Path frontProxyClientKey() { return pkiDir().resolve("front-proxy-client.key"); }
    public Path apiserverEtcdClientCert() { return pkiDir().resolve("apiserver-etcd-client.crt"); }
    public Path apiserverEtcdClientKey() { return pkiDir().resolve("apiserver-etcd-client.key"); }
    /** The service-account token signing key (--service-account-signing-key-file) and its public half. */
    public Path serviceAccountKey() { return pkiDir().resolve("sa.key"); }
    public Path serviceAccountPub() { return pkiDir().resolve("sa.pub"); }

    public Path etcdCaCert() { return etcdPkiDir().resolve("ca.crt"); }
    public Path etcdCaKey() { return etcdPkiDir().resolve("ca.key"); }
    public Path etcdServerCert() { return etcdPkiDir().resolve("server.crt"); }
    public Path etcdServerKey() { return etcdPkiDir().resolve("server.key"); }
    public Path etcdPeerCert() { return etcdPkiDir().resolve("peer.crt"); }
    public Path etcdPeerKey() { return etcdPkiDir().resolve("peer.key"); }
    public Path etcdHealthcheckClientCert() { return etcdPkiDir().resolve("healthcheck-client.crt"); }
    public Path etcdHealthcheckClientKey() { return etcdPkiDir().resolve("healthcheck-client.key"); }

    public Path adminConf() { return kubernetesDir.resolve("admin.conf"); }
    public Path superAdminConf() { return kubernetesDir.resolve("super-admin.conf"); }
    public Path controllerManagerConf() { return kubernetesDir.resolve("controller-manager.conf"); }
    public Path schedulerConf() { return kubernetesDir.resolve("scheduler.conf"); }
    public Path kubeletConf() { return kubernetesDir.resolve("kubelet.conf"); }
}
