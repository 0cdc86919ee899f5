package dev.kubelab.cluster.binaries;

import dev.kubelab.cluster.ClusterException;
import dev.kubelab.cluster.ClusterProvider;
import dev.kubelab.cluster.ProviderName;
import dev.kubelab.cluster.Realism;

import java.nio.file.Path;

/**
 * A provider whose clusters run processes found on this machine by a {@link BinaryLocator} (binaries, embedded):
 * what they share of naming, realism and the one-line errors of {@code create} when something is missing.
 */
public abstract class LocalProvider implements ClusterProvider {
    protected final BinaryLocator locator;
    private final ProviderName name;
    private final Realism realism;

    protected LocalProvider(ProviderName name, Realism realism, BinaryLocator locator) {
        this.name = name;
        this.realism = realism;
        this.locator = locator;
    }

    @Override
    public final ProviderName name() {
        return name;
    }

    @Override
    public final Realism realism() {
        return realism;
    }

    /** Why {@code create} cannot go on: the provider is not available here, and how to enable it. */
    protected final ClusterException unavailable() {
        return availability().asError(name);
    }

    /** A binary the cluster needs beyond what {@link #availability()} checks; else "--provider x: {@code notFound}". */
    protected final Path require(String binary, String notFound) {
        return locator.find(binary).orElseThrow(() -> new ClusterException("--provider " + name + ": " + notFound));
    }
}
