package dev.kubelab.cluster;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The providers known to kubelab and the AUTO rule: kind when a Docker engine answers, else binaries when
 * etcd, kube-apiserver, kube-controller-manager and kube-scheduler are all found, else embedded.
 * Providers are passed in (with their probes) so the rule is testable without Docker or binaries.
 */
public final class ClusterProviders {
    private final Map<ProviderName, ClusterProvider> providers = new EnumMap<>(ProviderName.class);

    public ClusterProviders(List<? extends ClusterProvider> providers) {
        for (ClusterProvider p : providers) {
            if (p.name() == ProviderName.AUTO) throw new IllegalArgumentException("AUTO is not a provider");
            this.providers.put(p.name(), p);
        }
    }

    /** kind, binaries and embedded with their real probes (Docker socket ping, PATH/$KUBELAB_K8S_BIN). */
    public static ClusterProviders defaults() {
        return new ClusterProviders(List.of(new dev.kubelab.cluster.kind.KindProvider(),
                new dev.kubelab.cluster.binaries.BinariesProvider(), new dev.kubelab.cluster.embedded.EmbeddedProvider()));
    }

    public List<ClusterProvider> all() {
        return new ArrayList<>(providers.values());
    }

    public ClusterProvider get(ProviderName name) {
        ClusterProvider p = providers.get(name);
        if (p == null) throw new ClusterException("provider " + name + " is not built into this kubelab");
        return p;
    }

    /**
     * Chooses the provider for {@code spec}. An explicitly named provider that cannot run here fails with one
     * line naming what is missing and how to get it; nothing is started either way.
     */
    public ProviderSelection select(ClusterSpec spec) {
        Map<ProviderName, Availability> availability = new LinkedHashMap<>();
        for (ProviderName n : ProviderSelection.AUTO_ORDER) {
            ClusterProvider p = providers.get(n);
            if (p != null) availability.put(n, p.availability());
        }
        if (spec.provider() != ProviderName.AUTO) {
            ClusterProvider p = get(spec.provider());
            Availability a = availability.get(spec.provider());
            if (!a.available()) {
                throw a.asError(spec.provider());
            }
            return new ProviderSelection(p, true, Text.of("requested with --provider " + p.name().id() + "; " + a.reason().en(),
                    "--provider " + p.name().id() + "로 지정됨; " + a.reason().ko()), others(availability, p.name()));
        }
        List<String> passedOver = new ArrayList<>();
        List<String> passedOverKo = new ArrayList<>();
        for (Map.Entry<ProviderName, Availability> e : availability.entrySet()) {
            if (e.getValue().available()) {
                ClusterProvider p = providers.get(e.getKey());
                String en = "auto: " + e.getValue().reason().en() + (passedOver.isEmpty() ? "" : " (" + String.join("; ", passedOver) + ")");
                String ko = "auto: " + e.getValue().reason().ko() + (passedOverKo.isEmpty() ? "" : " (" + String.join("; ", passedOverKo) + ")");
                return new ProviderSelection(p, false, Text.of(en, ko), others(availability, p.name()));
            }
            passedOver.add(e.getKey().id() + ": " + e.getValue().reason().en());
            passedOverKo.add(e.getKey().id() + ": " + e.getValue().reason().ko());
        }
        throw new ClusterException("no provider can run here: " + String.join("; ", passedOver));
    }

    /** {@link #select} then {@link ClusterProvider#create}: a cluster ready for {@code up}, nothing started yet. */
    public Cluster create(ClusterSpec spec) {
        return select(spec).provider().create(spec);
    }

    private static Map<ProviderName, Availability> others(Map<ProviderName, Availability> all, ProviderName chosen) {
        Map<ProviderName, Availability> m = new LinkedHashMap<>(all);
        m.remove(chosen);
        return m;
    }
}
