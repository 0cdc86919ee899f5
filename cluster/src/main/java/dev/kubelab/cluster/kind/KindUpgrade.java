package dev.kubelab.cluster.kind;

import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.ProgressListener;
import dev.kubelab.cluster.Steps;
import dev.kubelab.cluster.Text;
import dev.kubelab.cluster.Upgrade;

import java.util.List;

/**
 * The real kubeadm upgrade inside the kind node. The node image holds only its own version's kubeadm and
 * kubelet, so the target version's binaries are downloaded from dl.k8s.io first — this needs the internet.
 */
final class KindUpgrade implements Upgrade {
    private final NodeShell node;
    private final KindCluster cluster;

    KindUpgrade(NodeShell node, KindCluster cluster) {
        this.node = node;
        this.cluster = cluster;
    }

    @Override
    public Plan plan() {
        var r = node.exec(List.of("kubeadm", "upgrade", "plan"));
        List<String> notes = (r.stdout() + r.stderr()).lines().toList();
        return new Plan(cluster.version(), List.of(), List.of(), notes);
    }

    static String download(String binary, KubernetesVersion v) {
        return "set -e; arch=$(uname -m | sed 's/x86_64/amd64/;s/aarch64/arm64/'); "
                + "curl -fsSL -o /tmp/" + binary + " https://dl.k8s.io/release/" + v + "/bin/linux/$arch/" + binary
                + " && install -m 0755 /tmp/" + binary + " /usr/bin/" + binary;
    }

    @Override
    public void apply(KubernetesVersion target, ProgressListener progress) {
        Steps steps = new Steps(progress);
        steps.run("download-kubeadm", Text.of("Downloading kubeadm " + target + " (needs the internet)", "kubeadm " + target + " 다운로드 (인터넷 필요)"),
                () -> node.sh(download("kubeadm", target)).stdoutOrThrow("downloading kubeadm " + target));
        steps.run("kubeadm-upgrade-apply", Text.of("kubeadm upgrade apply " + target, "kubeadm upgrade apply " + target),
                () -> node.exec(List.of("kubeadm", "upgrade", "apply", target.toString(), "-y")).stdoutOrThrow("kubeadm upgrade apply"));
    }

    @Override
    public void node(String nodeName, ProgressListener progress) {
        if (!nodeName.equals(node.containerName()) && cluster.nodes().stream().noneMatch(n -> n.name().equals(nodeName) && !n.simulated())) {
            throw new ClusterException("node " + nodeName + " is not a kind node container; simulated nodes have no kubeadm");
        }
        Steps steps = new Steps(progress);
        String v = node.exec(List.of("kubeadm", "version", "-o", "short")).stdoutOrThrow("kubeadm version").strip();
        KubernetesVersion target = KubernetesVersion.parse(v);
        steps.run("kubeadm-upgrade-node", Text.of("kubeadm upgrade node", "kubeadm upgrade node"),
                () -> node.exec(List.of("kubeadm", "upgrade", "node")).stdoutOrThrow("kubeadm upgrade node"));
        steps.run("upgrade-kubelet", Text.of("Upgrading kubelet to " + target + " and restarting it", "kubelet을 " + target + "로 업그레이드 후 재시작"),
                () -> node.sh(download("kubelet", target) + "; systemctl daemon-reload; systemctl restart kubelet").stdoutOrThrow("upgrading kubelet"));
    }
}
