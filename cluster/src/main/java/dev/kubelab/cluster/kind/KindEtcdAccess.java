package dev.kubelab.cluster.kind;

import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.EtcdAccess;
import dev.kubelab.cluster.ExecResult;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.Steps;
import dev.kubelab.cluster.Text;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * etcd on kind: etcdctl runs inside the etcd static pod's container ({@code crictl exec} in the node container),
 * with kubeadm's certificates under /etc/kubernetes/pki/etcd — the command every CKA guide shows.
 * Files: /var/lib/etcd and /etc/kubernetes/pki/etcd are hostPath mounts, so they have the same paths in the
 * etcd container and the node container; snapshots are kept under /var/lib/etcd.
 */
final class KindEtcdAccess implements EtcdAccess {
    static final String ENDPOINT = "https://127.0.0.1:2379";
    static final Tls TLS = new Tls("/etc/kubernetes/pki/etcd/ca.crt", "/etc/kubernetes/pki/etcd/server.crt",
            "/etc/kubernetes/pki/etcd/server.key");

    private final NodeShell node;
    private final KindCluster cluster;

    KindEtcdAccess(NodeShell node, KindCluster cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    @Override
    public List<String> endpoints() {
        return List.of(ENDPOINT);
    }

    @Override
    public Optional<Tls> tls() {
        return Optional.of(TLS);
    }

    @Override
    public Text location() {
        return Text.of("inside the etcd container of the etcd static pod on kind node " + node.containerName(),
                "kind 노드 " + node.containerName() + "의 etcd 스태틱 파드 컨테이너 안");
    }

    @Override
    public boolean local() {
        return false;
    }

    /** etcdctl with kubeadm's endpoint and certificates, as typed inside the etcd container. */
    static List<String> etcdctlCommand(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("etcdctl", "--endpoints=" + ENDPOINT, "--cacert=" + TLS.caFile(),
                "--cert=" + TLS.certFile(), "--key=" + TLS.keyFile()));
        cmd.addAll(args);
        return cmd;
    }

    @Override
    public List<String> commandLine(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of("docker", "exec", node.containerName(), "crictl", "exec", "$(crictl ps -q --name ^etcd$)"));
        cmd.addAll(etcdctlCommand(args));
        return cmd;
    }

    @Override
    public ExecResult etcdctl(List<String> args) {
        String id = node.runningContainer("etcd");
        if (id.isEmpty()) {
            return new ExecResult(1, "", "etcd is not running on " + node.containerName()
                    + " (is its manifest out of " + StaticPods.MANIFESTS + "? start it with %start etcd)");
        }
        List<String> cmd = new ArrayList<>(List.of("crictl", "exec", id));
        cmd.addAll(etcdctlCommand(args));
        return node.exec(cmd);
    }

    @Override
    public void copyOut(String etcdSidePath, Path localPath) {
        node.copyOut(etcdSidePath, localPath);
    }

    @Override
    public void copyIn(Path localPath, String etcdSidePath) {
        node.copyIn(localPath, etcdSidePath);
    }

    /**
     * The kubeadm restore procedure: stop kube-apiserver (manifest out), {@code etcdctl snapshot restore} into a
     * new directory under /var/lib/etcd, point the etcd manifest's etcd-data hostPath at it (the kubelet restarts
     * etcd on the restored data), start kube-apiserver, wait for it to answer.
     */
    @Override
    public void restore(String snapshot, ProgressListener progress) {
        Steps steps = new Steps(progress);
        String target = "/var/lib/etcd/restore-" + System.currentTimeMillis();
        steps.run("stop-apiserver", Text.of("Stopping kube-apiserver", "kube-apiserver 중지"),
                () -> cluster.stop(Component.KUBE_APISERVER, Optional.empty()));
        steps.run("restore-snapshot", Text.of("Restoring " + snapshot + " into " + target, snapshot + "를 " + target + "에 복원"),
                () -> etcdctl(List.of("snapshot", "restore", snapshot, "--data-dir=" + target)).stdoutOrThrow("etcdctl snapshot restore"));
        String oldEtcd = node.runningContainer("etcd");
        steps.run("point-etcd", Text.of("Pointing etcd's data volume at " + target, "etcd 데이터 볼륨을 " + target + "로 변경"), () -> {
            String manifest = node.readFile(EtcdManifest.PATH);
            node.writeFile(EtcdManifest.PATH, EtcdManifest.withDataHostPath(manifest, target));
        });
        steps.run("restart-etcd", Text.of("Waiting for the kubelet to restart etcd", "kubelet이 etcd를 재시작하기를 대기"), () -> {
            KindCluster.await(Duration.ofMinutes(2), "etcd to restart on the restored data", () -> {
                String now = node.runningContainer("etcd");
                return !now.isEmpty() && !now.equals(oldEtcd) && etcdctl(List.of("endpoint", "health")).ok();
            });
        });
        steps.run("start-apiserver", Text.of("Starting kube-apiserver", "kube-apiserver 시작"),
                () -> cluster.start(Component.KUBE_APISERVER, Optional.empty()));
    }
}
