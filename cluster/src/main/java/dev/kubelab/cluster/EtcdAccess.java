package dev.kubelab.cluster;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * How to reach this cluster's etcd — the real etcd on every provider. {@code %etcdctl} runs through
 * {@link #etcdctl(List)}: on this machine with the endpoints and client certificates as flags (embedded,
 * binaries), or inside the etcd static pod's container on kind, with the kubeadm certificates under
 * /etc/kubernetes/pki/etcd — exactly the command a CKA candidate types.
 */
public interface EtcdAccess {
    /** Client certificate files, as paths where etcdctl runs (host paths, or paths inside the etcd container). */
    record Tls(String caFile, String certFile, String keyFile) {
    }

    /** Client URLs, as seen from where etcdctl runs ({@code https://127.0.0.1:2379} inside kind's node). */
    List<String> endpoints();

    /** The client certificates, empty if etcd serves plain HTTP (embedded without PKI). */
    Optional<Tls> tls();

    /** Where etcdctl runs, for learners: "this machine" / "inside the etcd container of pod etcd-kind-control-plane". */
    Text location();

    /** True if files etcdctl reads and writes (snapshots) are on this machine. */
    boolean local();

    /**
     * The full command line that {@link #etcdctl(List)} runs for {@code args}, with endpoints and certificate
     * flags added (and {@code docker exec …} in front on kind) — shown to learners so they can type it themselves.
     */
    List<String> commandLine(List<String> args);

    /** Runs {@code etcdctl ARGS} (API v3) against this cluster's etcd and returns its exit code and output. */
    ExecResult etcdctl(List<String> args);

    /** Copies a file from where etcdctl runs to this machine (a snapshot taken inside kind's node). Local: plain copy. */
    void copyOut(String etcdSidePath, Path localPath);

    /** Copies a file from this machine to where etcdctl runs (a snapshot to restore). Local: plain copy. */
    void copyIn(Path localPath, String etcdSidePath);

    /**
     * The whole restore procedure for this provider, each step reported: stop kube-apiserver, restore the snapshot
     * into a new data directory, point etcd at it, restart etcd, start kube-apiserver, verify.
     *
     * @param snapshot path of the snapshot where etcdctl runs
     */
    void restore(String snapshot, ProgressListener progress);
}
