package dev.kubelab.cluster;

import dev.kubelab.cluster.binaries.BinariesProvider;
import dev.kubelab.cluster.binaries.BinaryLocator;
import dev.kubelab.cluster.embedded.EmbeddedProvider;
import dev.kubelab.cluster.kind.DockerProbe;
import dev.kubelab.cluster.kind.KindProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The AUTO rule and explicit choices, with the Docker and binaries probes injected. */
class ProviderSelectionTest {
    @TempDir
    Path tmp;

    private static final DockerProbe DOCKER_UP = () -> new DockerProbe.Result(true, "unix:///var/run/docker.sock", "");
    private static final DockerProbe DOCKER_DOWN = () -> new DockerProbe.Result(false, "unix:///var/run/docker.sock", "no socket");

    private Path binDir(String... names) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve("bin" + names.length));
        for (String n : names) {
            Path f = dir.resolve(n);
            Files.writeString(f, "#!/bin/sh\n");
            Files.setPosixFilePermissions(f, PosixFilePermissions.fromString("rwxr-xr-x"));
        }
        return dir;
    }

    private ClusterProviders providers(DockerProbe docker, Path k8sBin) {
        Map<String, String> env = Map.of("KUBELAB_K8S_BIN", k8sBin.toString(), "PATH", tmp.resolve("nothing").toString());
        return new ClusterProviders(List.of(new KindProvider(docker), new BinariesProvider(new BinaryLocator(env)), new EmbeddedProvider(new BinaryLocator(env))));
    }

    private ClusterSpec auto() {
        return ClusterSpec.defaults().withProvider(ProviderName.AUTO).withDataDir(tmp.resolve("data"));
    }

    @Test
    void autoPrefersKindWhenDockerAnswers() throws IOException {
        ProviderSelection s = providers(DOCKER_UP, binDir("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler")).select(auto());
        assertThat(s.provider().name()).isEqualTo(ProviderName.KIND);
        assertThat(s.explicit()).isFalse();
        assertThat(s.reason().en()).contains("a Docker engine answered at unix:///var/run/docker.sock");
        assertThat(s.announcement("en")).contains("Provider: kind").contains("also available: --provider binaries");
    }

    @Test
    void autoFallsBackToBinariesWhenAllFourArePresent() throws IOException {
        ProviderSelection s = providers(DOCKER_DOWN, binDir("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler")).select(auto());
        assertThat(s.provider().name()).isEqualTo(ProviderName.BINARIES);
        assertThat(s.reason().en()).contains("kind: no Docker engine answered");
        assertThat(s.announcement("en")).contains("to use kind: install/start Docker");
    }

    @Test
    void autoFallsBackToEmbeddedWhenABinaryIsMissing() throws IOException {
        ProviderSelection s = providers(DOCKER_DOWN, binDir("etcd", "kube-apiserver", "kube-scheduler")).select(auto());
        assertThat(s.provider().name()).isEqualTo(ProviderName.EMBEDDED);
        assertThat(s.reason().en()).contains("binaries: kube-controller-manager not found");
        String announcement = s.announcement("en");
        assertThat(announcement).contains("Provider: embedded").contains("to use kind: install/start Docker")
                .contains("to use binaries: ").contains("KUBELAB_K8S_BIN");
        assertThat(s.announcement("ko")).contains("프로바이더: embedded");
    }

    @Test
    void explicitKindWithoutDockerFailsWithOneActionableLine() throws IOException {
        ClusterProviders p = providers(DOCKER_DOWN, binDir());
        assertThatThrownBy(() -> p.select(auto().withProvider(ProviderName.KIND)))
                .isInstanceOf(ClusterException.class)
                .hasMessage("--provider kind: no Docker engine answered at unix:///var/run/docker.sock — install/start Docker, or use --provider embedded");
    }

    @Test
    void explicitBinariesNamesWhatIsMissing() throws IOException {
        ClusterProviders p = providers(DOCKER_UP, binDir("etcd", "kube-apiserver"));
        assertThatThrownBy(() -> p.select(auto().withProvider(ProviderName.BINARIES)))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("--provider binaries: kube-controller-manager, kube-scheduler not found under $KUBELAB_K8S_BIN")
                .hasMessageContaining("conda install -c conda-forge kubernetes-server etcd")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
    }

    @Test
    void localProvidersCreateNothingWithoutWhatTheyNeedAndSayWhy() throws IOException {
        ClusterProviders none = providers(DOCKER_DOWN, binDir());
        assertThatThrownBy(() -> none.get(ProviderName.EMBEDDED).create(auto().withProvider(ProviderName.EMBEDDED)))
                .isInstanceOf(ClusterException.class)
                .hasMessage("--provider embedded: etcd not found on PATH — install etcd (apt-get install etcd-server, or conda install -c conda-forge etcd)");
        ClusterProviders etcdOnly = providers(DOCKER_DOWN, binDir("etcd"));
        assertThatThrownBy(() -> etcdOnly.get(ProviderName.EMBEDDED).create(auto().withProvider(ProviderName.EMBEDDED)))
                .hasMessage("--provider embedded: etcdctl not found on PATH — install it with etcd (apt-get install etcd-client, or conda install -c conda-forge etcd)");
        Path four = binDir("etcd", "kube-apiserver", "kube-controller-manager", "kube-scheduler");
        Files.writeString(four.resolve("kube-apiserver"), "#!/bin/sh\necho Kubernetes v1.31.4\n");
        ClusterProviders allButEtcdctl = providers(DOCKER_DOWN, four);
        assertThatThrownBy(() -> allButEtcdctl.get(ProviderName.BINARIES).create(auto().withProvider(ProviderName.BINARIES)))
                .hasMessage("--provider binaries: etcdctl not found next to etcd — install it with etcd (conda install -c conda-forge etcd)");
    }

    @Test
    void localProvidersNameTheirControlPlaneAndShareTheSimulatedNodes() throws IOException {
        ClusterProviders p = providers(DOCKER_DOWN, binDir());
        for (ProviderName n : List.of(ProviderName.BINARIES, ProviderName.EMBEDDED)) {
            Realism r = p.get(n).realism();
            assertThat(r.provider()).isEqualTo(n);
            assertThat(r.aspects()).extracting(Realism.Aspect::subject).containsExactly(
                    "etcd", "kube-apiserver", "kube-scheduler", "kube-controller-manager", "kubelet", "kube-proxy", "containers");
            assertThat(r.aspects()).extracting(Realism.Aspect::fidelity).endsWith(
                    Realism.Fidelity.SIMULATED, Realism.Fidelity.SIMULATED, Realism.Fidelity.ABSENT);
        }
        assertThat(p.get(ProviderName.BINARIES).realism().aspects().get(1).fidelity()).isEqualTo(Realism.Fidelity.REAL);
        assertThat(p.get(ProviderName.EMBEDDED).realism().aspects().get(1).fidelity()).isEqualTo(Realism.Fidelity.SIMULATED);
    }

    @Test
    void explicitEmbeddedIsChosenEvenWhenKindCouldRun() throws IOException {
        ProviderSelection s = providers(DOCKER_UP, binDir("etcd")).select(auto().withProvider(ProviderName.EMBEDDED));
        assertThat(s.provider().name()).isEqualTo(ProviderName.EMBEDDED);
        assertThat(s.explicit()).isTrue();
        assertThat(s.announcement("en")).contains("also available: --provider kind");
    }

    @Test
    void unknownProviderListsTheValidOnes() {
        assertThatThrownBy(() -> ProviderName.parse("minikube"))
                .hasMessage("unknown provider \"minikube\": valid providers are auto, kind, binaries, embedded");
        assertThat(ProviderName.parse("Kind")).isEqualTo(ProviderName.KIND);
    }

    @Test
    void unsupportedVersionListsTheValidOnes() throws IOException {
        ClusterProvider kind = providers(DOCKER_UP, binDir()).get(ProviderName.KIND);
        assertThatThrownBy(() -> kind.create(auto().withVersion(KubernetesVersion.parse("v1.19.3"))))
                .isInstanceOf(ClusterException.class)
                .hasMessageStartingWith("Kubernetes v1.19.3 is not supported by the kind provider: valid versions are v1.21.2, ")
                .hasMessageContaining("v1.32.0");
        // v1.31 means the newest patch of that minor the provider has
        assertThat(kind.resolveVersion(java.util.Optional.of(KubernetesVersion.parse("v1.31")))).hasToString("v1.31.0");
        assertThat(kind.resolveVersion(java.util.Optional.empty())).isEqualTo(kind.defaultVersion());
    }

    @Test
    void createStartsNothing() throws IOException {
        Cluster c = providers(DOCKER_UP, binDir()).create(auto().withProvider(ProviderName.KIND));
        assertThat(c.status().state()).isEqualTo(ClusterStatus.State.NOT_STARTED);
        assertThatThrownBy(c::client).hasMessageContaining("run %cluster up first");
        c.close(); // down on a never-started cluster is a no-op
    }
}
