package dev.kubelab.apiserver.registry.core.pod;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.apiserver.validation.Quantities;
import java.math.BigDecimal;

/** pkg/apis/core/helper/qos.GetPodQOS: Guaranteed, Burstable or BestEffort from cpu/memory requests and limits. */
public final class PodQos {

    private PodQos() {}

    public static String of(JsonNode spec) {
        boolean any = false;
        boolean guaranteed = true;
        for (String list : new String[] {"initContainers", "containers"}) {
            for (JsonNode c : spec.path(list)) {
                JsonNode requests = c.path("resources").path("requests");
                JsonNode limits = c.path("resources").path("limits");
                for (String r : new String[] {"cpu", "memory"}) {
                    boolean req = nonZero(requests.path(r));
                    boolean lim = nonZero(limits.path(r));
                    any |= req || lim;
                    if (!lim) guaranteed = false;
                    if (req && lim && !requests.path(r).asText().equals(limits.path(r).asText())
                            && Quantities.parse(requests.path(r).asText()).orElse(BigDecimal.ZERO)
                                    .compareTo(Quantities.parse(limits.path(r).asText()).orElse(BigDecimal.ZERO)) != 0) {
                        guaranteed = false;
                    }
                }
            }
        }
        if (!any) return "BestEffort";
        return guaranteed ? "Guaranteed" : "Burstable";
    }

    private static boolean nonZero(JsonNode q) {
        return q.isTextual() || q.isNumber() ? Quantities.parse(q.asText()).map(v -> v.signum() > 0).orElse(false) : false;
    }
}
