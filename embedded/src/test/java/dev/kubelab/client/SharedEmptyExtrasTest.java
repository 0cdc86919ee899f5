package dev.kubelab.client;

import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SharedEmptyExtrasTest {

    @Test
    void decodedPodsShareOneEmptyExtrasMapAndBehaveAsBefore() {
        String json = InternedStringsTest.POD.replace("\"kind\":\"Pod\",", "\"kind\":\"Pod\",\"unknownField\":1,");
        Pod a = ComponentClients.SERIALIZATION.unmarshal(json, Pod.class);
        Pod b = ComponentClients.SERIALIZATION.unmarshal(InternedStringsTest.POD, Pod.class);
        // an unknown field is kept where it occurs; empty maps elsewhere are one shared instance
        assertThat(a.getAdditionalProperties()).containsEntry("unknownField", 1);
        assertThat(b.getAdditionalProperties()).isEmpty();
        assertThat(b.getSpec().getAdditionalProperties()).isSameAs(a.getSpec().getAdditionalProperties())
                .isSameAs(b.getMetadata().getAdditionalProperties()).isSameAs(b.getStatus().getConditions().get(0).getAdditionalProperties());
        // equality, serialization and builders are unchanged
        assertThat(ComponentClients.SERIALIZATION.unmarshal(ComponentClients.SERIALIZATION.asJson(b), Pod.class)).isEqualTo(b);
        Pod copy = new PodBuilder(b).editMetadata().withName("web-2").endMetadata().build();
        copy.getSpec().setAdditionalProperty("added", true);
        assertThat(copy.getSpec().getAdditionalProperties()).containsEntry("added", true);
        assertThat(b.getSpec().getAdditionalProperties()).isEmpty();
    }
}
