package dev.kubelab.cluster;

import java.util.List;

/**
 * Where a cluster's lifecycle is, plus what {@code %cluster status} shows.
 *
 * @param state      lifecycle state
 * @param provider   the provider running it
 * @param version    Kubernetes version
 * @param server     API server URL, empty when not running
 * @param components live component states (empty when not running)
 */
public record ClusterStatus(State state, ProviderName provider, KubernetesVersion version, String server,
                            List<ComponentStatus> components) {
    public enum State { NOT_STARTED, STARTING, RUNNING, STOPPING, STOPPED, FAILED }
}
