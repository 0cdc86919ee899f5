package dev.kubelab.cluster.kind;

import dev.kubelab.cluster.Availability;
import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.ClusterProvider;
import dev.kubelab.cluster.ClusterSpec;
import dev.kubelab.cluster.KubernetesVersion;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.Realism;
import dev.kubelab.cluster.Text;

import java.util.List;

/** kind through Testcontainers: available when a Docker engine answers. */
public final class KindProvider implements ClusterProvider {
    private final DockerProbe docker;

    public KindProvider(DockerProbe docker) {
        this.docker = docker;
    }

    public KindProvider() {
        this(DockerProbe.socketPing());
    }

    @Override
    public ProviderName name() {
        return ProviderName.KIND;
    }

    @Override
    public Availability availability() {
        DockerProbe.Result r = docker.probe();
        if (r.answered()) {
            return Availability.yes(Text.of("a Docker engine answered at " + r.endpoint(), "Docker 엔진이 " + r.endpoint() + "에서 응답함"));
        }
        return Availability.no(Text.of("no Docker engine answered at " + r.endpoint(), "Docker 엔진이 " + r.endpoint() + "에서 응답하지 않음"),
                Text.of("install/start Docker, or use --provider embedded", "Docker를 설치/시작하거나 --provider embedded를 사용하세요"));
    }

    @Override
    public List<KubernetesVersion> supportedVersions() {
        return KindVersions.supported();
    }

    @Override
    public KubernetesVersion defaultVersion() {
        return KindVersions.newest();
    }

    @Override
    public Realism realism() {
        return KindRealism.get();
    }

    @Override
    public Cluster create(ClusterSpec spec) {
        return new KindCluster(spec, resolveVersion(spec.version()));
    }
}
