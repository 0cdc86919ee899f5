package dev.kubelab.controller.framework;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpecBuilder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PodTemplateHashTest {
    static PodTemplateSpec template(String image) {
        return new PodTemplateSpecBuilder().withNewMetadata().addToLabels("app", "web").endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).endContainer().endSpec().build();
    }

    @Test
    void fnv32aMatchesTheReferenceVectors() {
        // FNV-1a 32-bit test vectors (Go's hash/fnv gives the same).
        assertThat(PodTemplateHash.fnv(0x811c9dc5, new byte[0])).isEqualTo(0x811c9dc5);
        assertThat(PodTemplateHash.fnv(0x811c9dc5, "a".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xe40c292c);
        assertThat(PodTemplateHash.fnv(0x811c9dc5, "foobar".getBytes(StandardCharsets.UTF_8))).isEqualTo(0xbf9cf968);
    }

    @Test
    void safeEncodeStringUsesApimachineryAlphabet() {
        // '0'..'9' are bytes 48..57; alphanums[b % 27]: 48 % 27 = 21 -> "4".
        assertThat(PodTemplateHash.safeEncodeString("0123456789")).isEqualTo("456789bcdf"); // the 10 characters real hashes like 5d78f8b7d9 use
    }

    @Test
    void hashIsStableAndChangesWithTemplateAndCollisionCount() {
        String a = PodTemplateHash.compute(template("nginx:1.27"), null);
        assertThat(a).isEqualTo(PodTemplateHash.compute(template("nginx:1.27"), null));
        assertThat(a).matches("[bcdfghjklmnpqrstvwxz2456789]{6,10}");
        assertThat(PodTemplateHash.compute(template("nginx:1.28"), null)).isNotEqualTo(a);
        assertThat(PodTemplateHash.compute(template("nginx:1.27"), 1)).isNotEqualTo(a);
    }

    @Test
    void equalIgnoreHashIgnoresOnlyThePodTemplateHashLabel() {
        PodTemplateSpec withHash = new PodTemplateSpecBuilder(template("nginx")).editMetadata()
                .addToLabels(PodTemplateHash.LABEL, "abc").endMetadata().build();
        assertThat(PodTemplateHash.equalIgnoreHash(withHash, template("nginx"))).isTrue();
        assertThat(PodTemplateHash.equalIgnoreHash(withHash, template("redis"))).isFalse();
    }
}
