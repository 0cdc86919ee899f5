package dev.kubelab.cluster.embedded;

import dev.kubelab.cluster.Availability;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.KubelabVersions;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.Realism;
import dev.kubelab.cluster.Text;
import dev.kubelab.cluster.binaries.BinaryLocator;
import dev.kubelab.cluster.binaries.LocalProvider;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * kubelab's own control plane written in Java, on the real etcd binary: runs wherever etcd is installed.
 * It models the Kubernetes minor versions kubectl can talk to here (1.27–1.33), default the pom's version.
 */
public final class EmbeddedProvider extends LocalProvider {
    public static final Realism REALISM = Realism.withSimulatedNodes(ProviderName.EMBEDDED,
            Text.of("The real etcd with kubelab's own control plane written in Java, faithful to Kubernetes; nodes are simulated.",
                    "실제 etcd 위에 자바로 작성한 kubelab 자체 컨트롤 플레인(쿠버네티스에 충실하게 구현); 노드는 시뮬레이션입니다."),
            Realism.real("etcd", "the real etcd binary, a child process", "실제 etcd 바이너리, 자식 프로세스"),
            Realism.simulated("kube-apiserver", "kubelab's API server in Java: the real REST API, storage in etcd under /registry",
                    "자바로 작성한 kubelab API 서버: 실제 REST API, etcd의 /registry에 저장"),
            Realism.simulated("kube-scheduler", "kubelab's scheduler in Java with kube-scheduler's plugins",
                    "kube-scheduler 플러그인을 구현한 자바 스케줄러"),
            Realism.simulated("kube-controller-manager", "kubelab's controllers in Java, named as kube-controller-manager's",
                    "kube-controller-manager와 같은 이름의 자바 컨트롤러"));

    /** The minor lines modelled: those kubectl here can talk to. */
    static final int OLDEST_MINOR = 27;
    static final int NEWEST_MINOR = 33;

    public EmbeddedProvider(BinaryLocator locator) {
        super(ProviderName.EMBEDDED, REALISM, locator);
    }

    public EmbeddedProvider() {
        this(BinaryLocator.fromEnvironment());
    }

    @Override
    public Availability availability() {
        return locator.find("etcd").map(p -> Availability.yes(Text.of("runs anywhere etcd is installed (etcd: " + p + ")",
                        "etcd가 설치된 곳이면 어디서나 실행 (etcd: " + p + ")")))
                .orElseGet(() -> Availability.no(Text.of("etcd not found on PATH", "PATH에서 etcd를 찾지 못함"),
                        Text.of("install etcd (apt-get install etcd-server, or conda install -c conda-forge etcd)",
                                "etcd를 설치하세요 (apt-get install etcd-server 또는 conda install -c conda-forge etcd)")));
    }

    /** Each modelled minor line at patch 0, plus the pom's default version. */
    @Override
    public List<KubernetesVersion> supportedVersions() {
        List<KubernetesVersion> out = new ArrayList<>();
        KubernetesVersion def = defaultVersion();
        for (int m = OLDEST_MINOR; m <= NEWEST_MINOR; m++) {
            out.add(def.minor() == m ? def : new KubernetesVersion(1, m, 0));
        }
        return out;
    }

    @Override
    public KubernetesVersion defaultVersion() {
        return KubelabVersions.kubernetes();
    }

    @Override
    public Cluster create(ClusterSpec spec) {
        return create(spec, EmbeddedTuning.defaults());
    }

    /** A cluster whose component timings differ from Kubernetes' defaults (drills, demos, benchmarks). */
    public EmbeddedCluster create(ClusterSpec spec, EmbeddedTuning tuning) {
        KubernetesVersion v = resolveVersion(spec.version());
        Path etcd = locator.find("etcd").orElseThrow(this::unavailable);
        Path etcdctl = require("etcdctl",
                "etcdctl not found on PATH — install it with etcd (apt-get install etcd-client, or conda install -c conda-forge etcd)");
        return new EmbeddedCluster(spec, v, etcd, etcdctl, tuning);
    }
}
