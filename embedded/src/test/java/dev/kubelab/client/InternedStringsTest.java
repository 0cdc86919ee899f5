package dev.kubelab.client;

import io.fabric8.kubernetes.api.model.Pod;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class InternedStringsTest {

    static final String POD = "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"web-1\",\"namespace\":\"shop\","
            + "\"uid\":\"5f0c6d1e-0000-4000-8000-000000000001\",\"labels\":{\"app\":\"web\"}},"
            + "\"spec\":{\"nodeName\":\"kubelab-worker\",\"containers\":[{\"name\":\"app\",\"image\":\"nginx:1.25\",\"args\":[\"-g\",\"daemon off;\"]}]},"
            + "\"status\":{\"phase\":\"Running\",\"conditions\":[{\"type\":\"Ready\",\"status\":\"True\"}]}}";

    @Test
    void podsDecodedTwiceShareTheirStringsAndStayEqual() {
        Pod a = ComponentClients.SERIALIZATION.unmarshal(POD, Pod.class);
        Pod b = ComponentClients.SERIALIZATION.unmarshal(POD, Pod.class);
        assertThat(b).isEqualTo(a);
        assertThat(b.getMetadata().getUid()).isSameAs(a.getMetadata().getUid());
        assertThat(b.getSpec().getContainers().get(0).getImage()).isSameAs(a.getSpec().getContainers().get(0).getImage());
        assertThat(b.getSpec().getContainers().get(0).getArgs().get(1)).isSameAs(a.getSpec().getContainers().get(0).getArgs().get(1));
        assertThat(b.getStatus().getConditions().get(0).getStatus()).isSameAs(a.getStatus().getConditions().get(0).getStatus());
        String key = b.getMetadata().getLabels().keySet().iterator().next();
        assertThat(key).isSameAs(a.getMetadata().getLabels().keySet().iterator().next());
        assertThat(b.getMetadata().getLabels().get("app")).isSameAs(a.getMetadata().getLabels().get("app"));
    }

    @Test
    void longStringsAreLeftAlone() {
        String longer = "x".repeat(InternedStrings.MAX_LENGTH + 1);
        assertThat(InternedStrings.intern(new String(longer))).isNotSameAs(InternedStrings.intern(new String(longer)));
        assertThat(InternedStrings.intern((String) null)).isNull();
    }
}
