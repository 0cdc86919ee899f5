package dev.kubelab.cluster.binaries;

import dev.kubelab.cluster.Availability;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.KubelabVersions;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.Realism;
import dev.kubelab.cluster.Text;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

/**
 * Real etcd, kube-apiserver, kube-controller-manager and kube-scheduler processes from PATH or $KUBELAB_K8S_BIN.
 * The version is the binaries' own ({@code kube-apiserver --version}): a different one needs different binaries.
 */
public final class BinariesProvider extends LocalProvider {
    static final Realism REALISM = Realism.withSimulatedNodes(ProviderName.BINARIES,
            Text.of("The real Kubernetes control-plane binaries run as processes on this machine; nodes are simulated.",
                    "실제 쿠버네티스 컨트롤 플레인 바이너리가 이 머신에서 프로세스로 실행됩니다. 노드는 시뮬레이션입니다."),
            Realism.real("etcd", "the real etcd binary, TLS with kubeadm's certificates", "실제 etcd 바이너리, kubeadm 인증서로 TLS"),
            Realism.real("kube-apiserver", "the real kube-apiserver binary with kubeadm's flags", "kubeadm 플래그로 실행한 실제 kube-apiserver"),
            Realism.real("kube-scheduler", "the real kube-scheduler binary", "실제 kube-scheduler 바이너리"),
            Realism.real("kube-controller-manager", "the real kube-controller-manager binary", "실제 kube-controller-manager 바이너리"));

    private volatile KubernetesVersion detected;

    public BinariesProvider(BinaryLocator locator) {
        super(ProviderName.BINARIES, REALISM, locator);
    }

    public BinariesProvider() {
        this(BinaryLocator.fromEnvironment());
    }

    @Override
    public Availability availability() {
        BinaryLocator.Found f = locator.locate();
        String where = whereSearched();
        if (f.complete()) {
            return Availability.yes(Text.of("etcd, kube-apiserver, kube-controller-manager and kube-scheduler found " + where,
                    "etcd, kube-apiserver, kube-controller-manager, kube-scheduler를 " + where + "에서 찾음"));
        }
        String missing = String.join(", ", f.missing());
        return Availability.no(Text.of(missing + " not found " + where, missing + "를 " + where + "에서 찾지 못함"),
                Text.of("install them (conda install -c conda-forge kubernetes-server etcd) or unpack the official kubernetes-server "
                                + "tarball and set KUBELAB_K8S_BIN to its kubernetes/server/bin, or use --provider embedded",
                        "설치하거나(conda install -c conda-forge kubernetes-server etcd) 공식 kubernetes-server tarball을 풀고 "
                                + "KUBELAB_K8S_BIN을 kubernetes/server/bin으로 지정하세요. 또는 --provider embedded를 사용하세요"));
    }

    private String whereSearched() {
        List<Path> dirs = locator.searchPath();
        String bin = System.getenv(BinaryLocator.BIN_ENV);
        return dirs.isEmpty() ? "(nothing to search)" : "under $" + BinaryLocator.BIN_ENV + " or on PATH ("
                + dirs.stream().limit(3).map(Path::toString).collect(Collectors.joining(":")) + (dirs.size() > 3 ? ":…" : "") + ")"
                + (bin == null ? "" : "");
    }

    /** The binaries' version, or kubelab's default Kubernetes version when they are not installed. */
    @Override
    public KubernetesVersion defaultVersion() {
        if (detected != null) return detected;
        var apiserver = locator.find("kube-apiserver");
        if (apiserver.isEmpty()) return KubelabVersions.kubernetes();
        detected = versionOf(apiserver.get());
        return detected;
    }

    static KubernetesVersion versionOf(Path binary) {
        try {
            Process p = new ProcessBuilder(binary.toString(), "--version").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            // "Kubernetes v1.31.4"
            return KubernetesVersion.parse(out.replaceFirst("^Kubernetes\\s+", "").replaceFirst("[-+].*$", ""));
        } catch (Exception e) {
            throw new ClusterException("cannot tell the version of " + binary + ": " + e.getMessage(), e);
        }
    }

    @Override
    public List<KubernetesVersion> supportedVersions() {
        return List.of(defaultVersion());
    }

    @Override
    public Cluster create(ClusterSpec spec) {
        KubernetesVersion v = resolveVersion(spec.version());
        BinaryLocator.Found f = locator.locate();
        if (!f.complete()) {
            throw unavailable();
        }
        Path etcdctl = require("etcdctl", "etcdctl not found next to etcd — install it with etcd (conda install -c conda-forge etcd)");
        return new BinariesCluster(spec, v, f, etcdctl);
    }
}
