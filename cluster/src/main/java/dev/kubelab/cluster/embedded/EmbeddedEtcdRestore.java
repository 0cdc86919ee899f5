package dev.kubelab.cluster.embedded;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.ComponentStatus;
import dev.kubelab.cluster.EtcdAccess;
import dev.kubelab.cluster.ExecResult;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.Steps;
import dev.kubelab.cluster.Text;
import dev.kubelab.cluster.UnsupportedClusterOperationException;
import dev.kubelab.etcd.EtcdProcess;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * kubeadm's etcd restore procedure on the embedded cluster: stop kube-apiserver, stop etcd, {@code etcdctl snapshot
 * restore} into a new data directory, move it into etcd's place (the old data kept beside it), start etcd on the same
 * ports, start kube-apiserver, restart the components whose caches now run ahead of the restored revision
 * (kube-scheduler, kube-controller-manager — as the Kubernetes docs advise), verify through the API.
 */
final class EmbeddedEtcdRestore {
    private final Cluster cluster;
    private final Supplier<EtcdProcess> etcd;
    private final Supplier<EtcdAccess> access;

    EmbeddedEtcdRestore(Cluster cluster, Supplier<EtcdProcess> etcd, Supplier<EtcdAccess> access) {
        this.cluster = cluster;
        this.etcd = etcd;
        this.access = access;
    }

    void restore(String snapshot, ProgressListener progress) {
        Path snap = Path.of(snapshot).toAbsolutePath();
        if (!Files.isRegularFile(snap)) throw new ClusterException("snapshot " + snapshot + " not found");
        EtcdProcess e = etcd.get();
        EtcdAccess etcdctl = access.get();
        Path dataDir = e.dataDir();
        Path target = dataDir.resolveSibling(dataDir.getFileName() + ".restore-" + System.currentTimeMillis());
        Steps steps = new Steps(progress);
        steps.run("check-snapshot", Text.of("Checking the snapshot", "스냅샷 확인"),
                () -> etcdctl.etcdctl(List.of("snapshot", "status", snap.toString(), "-w", "table")).stdoutOrThrow("etcdctl snapshot status"));
        steps.run("stop-kube-apiserver", Text.of("Stopping kube-apiserver", "kube-apiserver 중지"),
                () -> cluster.stop(Component.KUBE_APISERVER, Optional.empty()));
        steps.run("restore-snapshot", Text.of("Restoring the snapshot into " + target.getFileName(), "스냅샷을 " + target.getFileName() + "에 복원"), () -> {
            ExecResult r = etcdctl.etcdctl(List.of("snapshot", "restore", snap.toString(), "--data-dir=" + target,
                    "--name=" + e.memberName(), "--initial-cluster=" + e.memberName() + "=" + e.peerUrl(),
                    "--initial-advertise-peer-urls=" + e.peerUrl()));
            r.stdoutOrThrow("etcdctl snapshot restore");
        });
        steps.run("stop-etcd", Text.of("Stopping etcd", "etcd 중지"), () -> cluster.stop(Component.ETCD, Optional.empty()));
        steps.run("swap-data-dir", Text.of("Pointing etcd at the restored data (old data kept as a backup)",
                "etcd가 복원된 데이터를 쓰도록 교체 (이전 데이터는 백업으로 보관)"), () -> {
            Files.move(dataDir, dataDir.resolveSibling(dataDir.getFileName() + ".before-restore-" + System.currentTimeMillis()));
            Files.move(target, dataDir);
        });
        steps.run("start-etcd", Text.of("Starting etcd", "etcd 시작"), () -> cluster.start(Component.ETCD, Optional.empty()));
        steps.run("start-kube-apiserver", Text.of("Starting kube-apiserver", "kube-apiserver 시작"),
                () -> cluster.start(Component.KUBE_APISERVER, Optional.empty()));
        for (Component c : List.of(Component.KUBE_CONTROLLER_MANAGER, Component.KUBE_SCHEDULER)) {
            boolean running = cluster.components().stream().anyMatch(s -> s.component() == c && s.state() == ComponentStatus.State.RUNNING);
            if (!running) continue;
            steps.run("restart-" + c.binary(), Text.of("Restarting " + c.binary() + " (its cache predates the restore)",
                    c.binary() + " 재시작 (캐시가 복원 이전 상태)"), () -> {
                try {
                    cluster.restart(c, Optional.empty());
                } catch (UnsupportedClusterOperationException ignored) {
                    // not part of this build: nothing to restart
                }
            });
        }
        steps.run("verify", Text.of("Verifying: the API serves the restored objects", "확인: API가 복원된 객체를 제공"), () -> {
            int n = cluster.client().namespaces().list().getItems().size();
            if (n == 0) throw new ClusterException("no namespaces after restore");
        });
    }
}
