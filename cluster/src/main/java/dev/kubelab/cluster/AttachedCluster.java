package dev.kubelab.cluster;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.client.KubernetesClient;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A cluster started elsewhere ({@code ./kubelab cluster up --name NAME}, a detached JVM) that a kernel attaches to
 * with {@code %cluster use NAME}: reached through the state file and kubeconfig that command wrote. The kernel did
 * not start it, so it neither stops it nor controls its components (the owning process does).
 */
public final class AttachedCluster implements Cluster {
    private final ClusterSpec spec;
    private final JsonNode state;
    private final Kubeconfig kubeconfig;
    private final KubernetesClient client;

    private AttachedCluster(ClusterSpec spec, JsonNode state, Kubeconfig kubeconfig) {
        this.spec = spec;
        this.state = state;
        this.kubeconfig = kubeconfig;
        this.client = Clients.forKubeconfig(kubeconfig.contents());
    }

    /** Attaches to the running cluster NAME, or fails with one line saying how to start it. */
    public static AttachedCluster attach(String name) {
        ClusterSpec spec = ClusterSpec.defaults().withName(name);
        Path stateFile = spec.dataDir().resolve("state.json");
        if (!Files.exists(stateFile)) {
            throw new ClusterException("no cluster named " + name + " is running: start it with ./kubelab cluster up --name " + name);
        }
        try {
            JsonNode st = new ObjectMapper().readTree(stateFile.toFile());
            long pid = st.path("pid").asLong();
            if (!ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
                throw new ClusterException("cluster " + name + " is not running (its process " + pid
                        + " has exited): start it with ./kubelab cluster up --name " + name);
            }
            String context = st.path("context").asText();
            String server = st.path("server").asText();
            String yaml = new YAMLMapper().writeValueAsString(dev.kubelab.embedded.Kubeconfig.single(context, server).put("current-context", context));
            Path file = spec.dataDir().resolve("kubeconfig-attached");
            Files.writeString(file, yaml);
            return new AttachedCluster(spec.withProvider(ProviderName.EMBEDDED), st, new Kubeconfig(file, yaml, server, context));
        } catch (IOException e) {
            throw new ClusterException("cannot read " + stateFile + ": " + e.getMessage(), e);
        }
    }

    @Override
    public ClusterSpec spec() {
        return spec;
    }

    @Override
    public ProviderName provider() {
        return ProviderName.EMBEDDED;
    }

    @Override
    public void up(ProgressListener progress) {
        // already running elsewhere
    }

    /** Detaches: closes the client only; the cluster keeps running in its own process. */
    @Override
    public void down(ProgressListener progress) {
        client.close();
    }

    private boolean alive() {
        return ProcessHandle.of(state.path("pid").asLong()).map(ProcessHandle::isAlive).orElse(false);
    }

    @Override
    public ClusterStatus status() {
        return new ClusterStatus(alive() ? ClusterStatus.State.RUNNING : ClusterStatus.State.STOPPED, provider(), version(),
                kubeconfig.server(), alive() ? components() : List.of());
    }

    @Override
    public Kubeconfig kubeconfig() {
        return kubeconfig;
    }

    @Override
    public KubernetesClient client() {
        return client;
    }

    @Override
    public List<ClusterNode> nodes() {
        return client.nodes().list().getItems().stream().map(n -> new ClusterNode(n.getMetadata().getName(),
                n.getMetadata().getLabels() != null && n.getMetadata().getLabels().containsKey("node-role.kubernetes.io/control-plane"),
                ClusterNode.Backing.SIMULATED, Text.of("simulated by kubelab's kubelet", "kubelab kubelet이 시뮬레이션"))).toList();
    }

    @Override
    public EtcdAccess etcd() {
        Path etcdctl = Path.of(Optional.ofNullable(System.getenv("KUBELAB_ETCDCTL")).orElse("etcdctl"));
        return new LocalEtcdAccess(etcdctl, List.of(state.path("etcd").asText()), Optional.empty(), (s, p) -> {
            throw new UnsupportedClusterOperationException("etcd restore of an attached cluster: run it in the process that owns it");
        });
    }

    @Override
    public List<ComponentStatus> components() {
        String node = spec.controlPlaneNodeName();
        List<ComponentStatus> out = new ArrayList<>();
        ComponentStatus.State s = alive() ? ComponentStatus.State.RUNNING : ComponentStatus.State.STOPPED;
        out.add(new ComponentStatus(Component.ETCD, node, s, "3.x", true, state.path("etcd").asText()));
        out.add(new ComponentStatus(Component.KUBE_APISERVER, node, s, version().toString(), false, kubeconfig.server()));
        return out;
    }

    @Override
    public void stop(Component component, Optional<String> node) {
        throw new UnsupportedClusterOperationException("cluster " + spec.name() + " was started by ./kubelab cluster up, not by this kernel: "
                + "component drills need a cluster started with %cluster up");
    }

    @Override
    public void start(Component component, Optional<String> node) {
        stop(component, node);
    }

    @Override
    public KubernetesVersion version() {
        String v = state.path("version").asText();
        return v.isBlank() ? KubelabVersions.kubernetes() : KubernetesVersion.parse(v);
    }

    @Override
    public Upgrade upgrade() {
        return Upgrade.unsupported("upgrade of an attached cluster is not supported: start the cluster with %cluster up");
    }

    @Override
    public Realism realism() {
        return dev.kubelab.cluster.embedded.EmbeddedProvider.REALISM;
    }
}
