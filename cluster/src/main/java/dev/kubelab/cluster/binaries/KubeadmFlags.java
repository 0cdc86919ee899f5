package dev.kubelab.cluster.binaries;

import dev.kubelab.pki.PkiFiles;

import java.util.ArrayList;
import java.util.List;

/**
 * The command lines kubeadm writes into its static pod manifests (v1.31), for processes on this machine:
 * same flags and certificate files, paths under the cluster's data directory, ports chosen free. Differences
 * from kubeadm: no metrics listener for etcd (one fixed port fewer), an audit log for {@code %%trace}.
 */
public final class KubeadmFlags {
    private KubeadmFlags() {
    }

    public static List<String> etcd(String binary, ControlPlaneLayout l) {
        PkiFiles p = l.pki();
        String local = "https://127.0.0.1:" + l.ports().etcdClient();
        String client = l.etcdClientUrl();
        return List.of(binary,
                "--advertise-client-urls=" + client,
                "--cert-file=" + p.etcdServerCert(),
                "--client-cert-auth=true",
                "--data-dir=" + l.etcdDataDir(),
                "--experimental-initial-corrupt-check=true",
                "--experimental-watch-progress-notify-interval=5s",
                "--initial-advertise-peer-urls=" + l.etcdPeerUrl(),
                "--initial-cluster=" + l.nodeName() + "=" + l.etcdPeerUrl(),
                "--key-file=" + p.etcdServerKey(),
                "--listen-client-urls=" + (client.equals(local) ? local : local + "," + client),
                "--listen-peer-urls=" + l.etcdPeerUrl(),
                "--name=" + l.nodeName(),
                "--peer-cert-file=" + p.etcdPeerCert(),
                "--peer-client-cert-auth=true",
                "--peer-key-file=" + p.etcdPeerKey(),
                "--peer-trusted-ca-file=" + p.etcdCaCert(),
                "--snapshot-count=10000",
                "--trusted-ca-file=" + p.etcdCaCert());
    }

    public static List<String> kubeApiServer(String binary, ControlPlaneLayout l) {
        PkiFiles p = l.pki();
        List<String> f = new ArrayList<>(List.of(binary,
                "--advertise-address=" + l.advertiseAddress(),
                "--allow-privileged=true",
                "--authorization-mode=Node,RBAC",
                "--client-ca-file=" + p.caCert(),
                "--enable-admission-plugins=NodeRestriction",
                "--enable-bootstrap-token-auth=true",
                "--etcd-cafile=" + p.etcdCaCert(),
                "--etcd-certfile=" + p.apiserverEtcdClientCert(),
                "--etcd-keyfile=" + p.apiserverEtcdClientKey(),
                "--etcd-servers=https://127.0.0.1:" + l.ports().etcdClient(),
                "--kubelet-client-certificate=" + p.apiserverKubeletClientCert(),
                "--kubelet-client-key=" + p.apiserverKubeletClientKey(),
                "--kubelet-preferred-address-types=InternalIP,ExternalIP,Hostname",
                "--proxy-client-cert-file=" + p.frontProxyClientCert(),
                "--proxy-client-key-file=" + p.frontProxyClientKey(),
                "--requestheader-allowed-names=front-proxy-client",
                "--requestheader-client-ca-file=" + p.frontProxyCaCert(),
                "--requestheader-extra-headers-prefix=X-Remote-Extra-",
                "--requestheader-group-headers=X-Remote-Group",
                "--requestheader-username-headers=X-Remote-User",
                "--secure-port=" + l.ports().apiServer(),
                "--service-account-issuer=https://kubernetes.default.svc.cluster.local",
                "--service-account-key-file=" + p.serviceAccountPub(),
                "--service-account-signing-key-file=" + p.serviceAccountKey(),
                "--service-cluster-ip-range=" + l.serviceSubnet(),
                "--tls-cert-file=" + p.apiserverCert(),
                "--tls-private-key-file=" + p.apiserverKey()));
        f.add("--audit-policy-file=" + l.auditPolicy());
        f.add("--audit-log-path=" + l.auditLog());
        f.add("--audit-log-maxsize=100");
        f.add("--audit-log-maxbackup=1");
        return f;
    }

    public static List<String> kubeControllerManager(String binary, ControlPlaneLayout l) {
        PkiFiles p = l.pki();
        String conf = p.controllerManagerConf().toString();
        return List.of(binary,
                "--allocate-node-cidrs=true",
                "--authentication-kubeconfig=" + conf,
                "--authorization-kubeconfig=" + conf,
                "--bind-address=127.0.0.1",
                "--client-ca-file=" + p.caCert(),
                "--cluster-cidr=" + l.podSubnet(),
                "--cluster-name=" + l.clusterName(),
                "--cluster-signing-cert-file=" + p.caCert(),
                "--cluster-signing-key-file=" + p.caKey(),
                "--controllers=*,bootstrapsigner,tokencleaner",
                "--kubeconfig=" + conf,
                "--leader-elect=true",
                "--requestheader-client-ca-file=" + p.frontProxyCaCert(),
                "--root-ca-file=" + p.caCert(),
                "--secure-port=" + l.ports().controllerManager(),
                "--service-account-private-key-file=" + p.serviceAccountKey(),
                "--service-cluster-ip-range=" + l.serviceSubnet(),
                "--use-service-account-credentials=true");
    }

    public static List<String> kubeScheduler(String binary, ControlPlaneLayout l) {
        String conf = l.pki().schedulerConf().toString();
        return List.of(binary,
                "--authentication-kubeconfig=" + conf,
                "--authorization-kubeconfig=" + conf,
                "--bind-address=127.0.0.1",
                "--kubeconfig=" + conf,
                "--leader-elect=true",
                "--secure-port=" + l.ports().scheduler());
    }
}
