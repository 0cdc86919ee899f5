package dev.kubelab.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class FieldPathTest {

    @Test
    void printsAsFieldPathDoes() {
        FieldPath containers = FieldPath.of("spec", "containers");
        assertThat(containers.index(0).child("ports").index(1).child("containerPort").path())
                .isEqualTo("spec.containers[0].ports[1].containerPort");
        assertThat(FieldPath.of("metadata").child("labels").key("app").toString()).isEqualTo("metadata.labels[app]");
        assertThat(FieldPath.ROOT.index(2).child("name").path()).isEqualTo("[2].name");
        assertThat(FieldPath.ROOT.child("spec").path()).isEqualTo("spec");
        assertThat(new FieldPath("spec.x").child("y").path()).isEqualTo("spec.x.y");
        assertThat(FieldPath.of("a", "b")).isEqualTo(new FieldPath("a.b")).hasSameHashCodeAs(new FieldPath("a.b"));
    }
}
