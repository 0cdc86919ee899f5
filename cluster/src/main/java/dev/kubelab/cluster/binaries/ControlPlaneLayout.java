package dev.kubelab.cluster.binaries;

import dev.kubelab.pki.PkiFiles;

import java.nio.file.Path;

/**
 * Where one binaries cluster keeps its files and which ports it uses — kubeadm's layout moved under the cluster's
 * data directory ({@code DATA/kubernetes} plays /etc/kubernetes, {@code DATA/etcd} plays /var/lib/etcd), and free
 * ports instead of kubeadm's fixed 2379/2380/6443/10257/10259, because other clusters may run beside this one.
 */
public record ControlPlaneLayout(Path dataDir, String nodeName, String advertiseAddress, Ports ports,
                                 String serviceSubnet, String podSubnet, String clusterName) {
    public record Ports(int etcdClient, int etcdPeer, int apiServer, int controllerManager, int scheduler) {
    }

    public static final String SERVICE_SUBNET = "10.96.0.0/12";
    public static final String POD_SUBNET = "10.244.0.0/16";

    public PkiFiles pki() {
        return new PkiFiles(kubernetesDir());
    }

    public Path kubernetesDir() {
        return dataDir.resolve("kubernetes");
    }

    public Path etcdDataDir() {
        return dataDir.resolve("etcd");
    }

    /** Pid and log files of the processes. */
    public Path runDir() {
        return dataDir.resolve("run");
    }

    public Path auditPolicy() {
        return kubernetesDir().resolve("audit-policy.yaml");
    }

    public Path auditLog() {
        return dataDir.resolve("log").resolve("audit").resolve("audit.log");
    }

    public String etcdClientUrl() {
        return "https://" + advertiseAddress + ":" + ports.etcdClient();
    }

    public String etcdPeerUrl() {
        return "https://" + advertiseAddress + ":" + ports.etcdPeer();
    }

    public String apiServerUrl() {
        return "https://" + advertiseAddress + ":" + ports.apiServer();
    }
}
