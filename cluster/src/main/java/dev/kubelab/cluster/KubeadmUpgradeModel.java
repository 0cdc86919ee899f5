package dev.kubelab.cluster;

import dev.kubelab.kubelet.KubeadmImages;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A faithful model of {@code kubeadm upgrade} for providers without a real kubeadm (embedded, binaries): the plan
 * table, apply one minor version at a time with kubeadm's version-policy messages (kubeadm/app/phases/upgrade/policy.go),
 * and node upgrades that bump a drained node's kubelet. What "upgrading a component" means is the provider's
 * ({@link Target}); the rules and messages live here once.
 *
 * <p>Deliberate difference: real {@code kubeadm upgrade node} does not check that the node is drained (the docs ask
 * you to drain first); the model refuses an undrained node, to teach the order.
 */
public final class KubeadmUpgradeModel implements Upgrade {
    /** Oldest and newest minors kubelab models (kubectl on this machine dispatches to 1.27–1.33). */
    public static final int OLDEST_MINOR = 27;
    public static final int NEWEST_MINOR = 33;
    /** Kubelets may be up to three minors older than kube-apiserver (version-skew policy since v1.28). */
    static final int KUBELET_SKEW = 3;

    /** What the provider does when kubeadm upgrades something. */
    public interface Target {
        KubernetesVersion controlPlaneVersion();

        /** Restart the control-plane components at {@code version} (kubeadm rewrites their static pod manifests). */
        void upgradeControlPlane(KubernetesVersion version, Steps steps);

        /** Restart {@code node}'s kubelet at {@code version} (the package upgrade + systemctl restart kubelet). */
        void upgradeKubelet(String node, KubernetesVersion version);

        KubernetesClient client();

        String controlPlaneNode();
    }

    private final Target target;

    public KubeadmUpgradeModel(Target target) {
        this.target = target;
    }

    @Override
    public Plan plan() {
        KubernetesVersion current = target.controlPlaneVersion();
        List<KubernetesVersion> available = new ArrayList<>();
        if (current.minor() < NEWEST_MINOR) available.add(new KubernetesVersion(current.major(), current.minor() + 1, 0));
        List<Row> rows = new ArrayList<>();
        if (!available.isEmpty()) {
            KubernetesVersion to = available.get(available.size() - 1);
            for (Node n : target.client().nodes().list().getItems()) {
                rows.add(new Row("kubelet", n.getMetadata().getName(), kubelet(n), to.toString()));
            }
            String cp = target.controlPlaneNode();
            for (String c : List.of("kube-apiserver", "kube-controller-manager", "kube-scheduler")) {
                rows.add(new Row(c, cp, current.toString(), to.toString()));
            }
            rows.add(new Row("kube-proxy", "", current.toString().substring(1), to.toString()));
            rows.add(new Row("CoreDNS", "", "v" + KubeadmImages.corednsTag(current.toString()).replaceFirst("^v", ""),
                    "v" + KubeadmImages.corednsTag(to.toString()).replaceFirst("^v", "")));
            rows.add(new Row("etcd", cp, KubeadmImages.etcdTag(current.toString()), KubeadmImages.etcdTag(to.toString())));
        }
        return new Plan(current, available, rows, List.of());
    }

    private static String kubelet(Node n) {
        return n.getStatus() != null && n.getStatus().getNodeInfo() != null ? n.getStatus().getNodeInfo().getKubeletVersion() : "";
    }

    @Override
    public void apply(KubernetesVersion to, ProgressListener progress) {
        KubernetesVersion current = target.controlPlaneVersion();
        String fatal = "[upgrade/version] FATAL: the --version argument is invalid due to these errors: ";
        if (to.compareTo(current) < 0) {
            throw new ClusterException(fatal + "Specified version to upgrade to \"" + to + "\" is equal to or lower than the cluster version \""
                    + current + "\". Downgrades are not supported yet");
        }
        if (to.major() != current.major() || to.minor() > current.minor() + 1) {
            throw new ClusterException(fatal + "Specified version to upgrade to \"" + to
                    + "\" is too high; kubeadm can upgrade only 1 minor version at a time");
        }
        if (to.minor() > NEWEST_MINOR) {
            throw new ClusterException(fatal + "Specified version to upgrade to \"" + to + "\" is newer than kubelab models (v1."
                    + OLDEST_MINOR + "–v1." + NEWEST_MINOR + ")");
        }
        List<String> tooOld = new ArrayList<>();
        for (Node n : target.client().nodes().list().getItems()) {
            String v = kubelet(n);
            if (v.isEmpty()) continue;
            KubernetesVersion k = KubernetesVersion.parse(v);
            if (k.minor() < to.minor() - KUBELET_SKEW) tooOld.add(v);
        }
        if (!tooOld.isEmpty()) {
            throw new ClusterException(fatal + "There are kubelets in this cluster that are too old that have these versions " + tooOld);
        }
        Steps steps = new Steps(progress);
        steps.run("preflight", Text.of("[upgrade/preflight] Running pre-flight checks", "[upgrade/preflight] 사전 점검"), () -> {
            if (target.client().nodes().list().getItems().isEmpty()) throw new ClusterException("no nodes");
        });
        steps.run("versions", Text.of("[upgrade/version] You have chosen to change the cluster version to \"" + to + "\"",
                "[upgrade/version] 클러스터 버전을 \"" + to + "\"(으)로 변경"), () -> { });
        target.upgradeControlPlane(to, steps);
        steps.run("addons", Text.of("[upgrade/addons] Applied essential addons: CoreDNS, kube-proxy",
                "[upgrade/addons] 필수 애드온 적용: CoreDNS, kube-proxy"), () -> { });
    }

    @Override
    public void node(String nodeName, ProgressListener progress) {
        KubernetesClient client = target.client();
        Node n = client.nodes().withName(nodeName).get();
        if (n == null) throw new ClusterException("nodes \"" + nodeName + "\" not found");
        KubernetesVersion cp = target.controlPlaneVersion();
        String kv = kubelet(n);
        if (!kv.isEmpty() && KubernetesVersion.parse(kv).equals(cp)) {
            throw new ClusterException("the kubelet on " + nodeName + " is already at " + cp + " (the control plane's version): nothing to upgrade");
        }
        if (!Boolean.TRUE.equals(n.getSpec().getUnschedulable())) {
            throw new ClusterException("node " + nodeName + " is not drained: run %kubectl drain " + nodeName
                    + " --ignore-daemonsets first (and %kubectl uncordon " + nodeName + " after the upgrade)");
        }
        Steps steps = new Steps(progress);
        steps.run("node-config", Text.of("[upgrade] Reading configuration from the cluster; upgrading the kubelet configuration",
                "[upgrade] 클러스터 설정 읽기; kubelet 설정 업그레이드"), () -> { });
        steps.run("kubelet", Text.of("[upgrade/kubelet] Restarting the kubelet on " + nodeName + " at " + cp,
                "[upgrade/kubelet] " + nodeName + " 의 kubelet 을 " + cp + " 로 재시작"), () -> target.upgradeKubelet(nodeName, cp));
    }

    /** The node's kubelet version as the API shows it. */
    public static Optional<String> kubeletVersion(KubernetesClient client, String node) {
        Node n = client.nodes().withName(node).get();
        return n == null ? Optional.empty() : Optional.of(kubelet(n)).filter(s -> !s.isEmpty());
    }
}
