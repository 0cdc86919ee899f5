package dev.kubelab.cluster;

import java.util.List;
import java.util.Map;

/**
 * The provider chosen for a spec, why, and what would enable the ones not chosen — announced by
 * {@code %cluster up} ("Provider: embedded — no Docker engine answered …; to use kind: install/start Docker").
 *
 * @param provider  the chosen provider
 * @param explicit  true if the learner named it; false if AUTO chose it
 * @param reason    why it was chosen
 * @param others    every other provider with its availability
 */
public record ProviderSelection(ClusterProvider provider, boolean explicit, Text reason, Map<ProviderName, Availability> others) {
    /** The announcement, one line for the choice and one per provider that is not available. */
    public String announcement(String lang) {
        boolean ko = "ko".equals(Text.of("en", "ko").in(lang));
        StringBuilder b = new StringBuilder();
        b.append(ko ? "프로바이더: " : "Provider: ").append(provider.name().id()).append(" — ").append(reason.in(lang));
        for (Map.Entry<ProviderName, Availability> e : others.entrySet()) {
            Availability a = e.getValue();
            if (!a.available()) {
                b.append('\n').append(ko ? "  " + e.getKey().id() + " 사용하려면: " : "  to use " + e.getKey().id() + ": ")
                        .append(a.howToEnable().in(lang)).append(" (").append(a.reason().in(lang)).append(')');
            } else {
                b.append('\n').append(ko ? "  " + e.getKey().id() + "도 사용 가능: --provider " : "  also available: --provider ")
                        .append(e.getKey().id());
            }
        }
        return b.toString();
    }

    /** Names of providers, most real first — the order AUTO tries them in. */
    public static final List<ProviderName> AUTO_ORDER = List.of(ProviderName.KIND, ProviderName.BINARIES, ProviderName.EMBEDDED);
}
