package dev.kubelab.apiserver.validation;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import org.junit.jupiter.api.Test;

class NameValidationTest {

    @Test
    void qualifiedNamesAsLabelKeys() {
        assertThat(NameValidation.qualifiedName("app.kubernetes.io/name")).isEmpty();
        assertThat(NameValidation.qualifiedName("a/b/c")).singleElement().asString().startsWith("a qualified name must consist of");
        assertThat(NameValidation.qualifiedName("/x")).containsExactly("prefix part must be non-empty");
        assertThat(NameValidation.qualifiedName("Example.com/x")).singleElement().asString().startsWith("prefix part a lowercase RFC 1123 subdomain");
        assertThat(NameValidation.qualifiedName("-bad")).containsExactly(
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')");
        assertThat(NameValidation.qualifiedName("x".repeat(64))).contains("name part must be no more than 63 characters");
    }

    @Test
    void labelValuesPortsAndLengths() {
        assertThat(NameValidation.labelValue("")).isEmpty();
        assertThat(NameValidation.labelValue("v1.2_3")).isEmpty();
        assertThat(NameValidation.labelValue("bad value")).singleElement().asString().startsWith("a valid label must be an empty string or consist of");
        assertThat(NameValidation.dns1123Subdomain("a".repeat(254))).contains("must be no more than 253 characters");
        assertThat(NameValidation.portName("http")).isEmpty();
        assertThat(NameValidation.portName("8080")).containsExactly("must contain at least one letter (a-z)");
        assertThat(NameValidation.portName("my--port-name-too-long")).contains("must be no more than 15 characters", "must not contain consecutive hyphens");
        assertThat(NameValidation.pathSegmentName("a/b")).containsExactly("may not contain '/'");
    }

    @Test
    void fieldErrorsFormatValuesLikeGo() {
        FieldErrors errs = new FieldErrors()
                .invalid(FieldPath.of("spec").child("replicas"), -1, "must be greater than or equal to 0")
                .invalid(FieldPath.of("metadata", "name").index(0), "a\"b", "bad")
                .notSupported(FieldPath.of("x"), "y", java.util.List.of("A", "B"))
                .required(FieldPath.of("spec", "containers"), "");
        assertThat(errs.causes()).extracting(c -> c.field() + ": " + c.message()).containsExactly(
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "metadata.name[0]: Invalid value: \"a\\\"b\": bad",
                "x: Unsupported value: \"y\": supported values: \"A\", \"B\"",
                "spec.containers: Required value");
        assertThat(errs.causes()).extracting(c -> c.reason())
                .containsExactly("FieldValueInvalid", "FieldValueInvalid", "FieldValueNotSupported", "FieldValueRequired");
    }

    @Test
    void quantities() {
        assertThat(Quantities.parse("500m")).contains(new BigDecimal("0.500"));
        assertThat(Quantities.parse("1Gi").orElseThrow()).isEqualByComparingTo(BigDecimal.valueOf(1L << 30));
        assertThat(Quantities.parse("2e3").orElseThrow()).isEqualByComparingTo(BigDecimal.valueOf(2000));
        assertThat(Quantities.parse("1.5k").orElseThrow()).isEqualByComparingTo(BigDecimal.valueOf(1500));
        assertThat(Quantities.parse("1Q")).isEmpty();
        assertThat(Quantities.parse("one")).isEmpty();
    }

    @Test
    void labelSelectors() {
        var selector = dev.kubelab.apiserver.registry.Fixtures.yaml(
                "matchLabels: {app: web}\nmatchExpressions: [{key: tier, operator: In, values: [front, back]}, {key: canary, operator: DoesNotExist}]");
        var labels = dev.kubelab.apiserver.registry.Fixtures.yaml("{app: web, tier: front}");
        assertThat(dev.kubelab.apimachinery.LabelSelectors.matches(selector, labels)).isTrue();
        labels.put("canary", "yes");
        assertThat(dev.kubelab.apimachinery.LabelSelectors.matches(selector, labels)).isFalse();
        FieldErrors errs = new FieldErrors();
        LabelSelectors.validate(dev.kubelab.apiserver.registry.Fixtures.yaml("matchExpressions: [{key: a, operator: In}, {key: b, operator: Near}]"),
                FieldPath.of("spec", "selector"), errs);
        assertThat(errs.causes()).extracting(c -> c.field() + ": " + c.message()).containsExactly(
                "spec.selector.matchExpressions[0].values: Required value: must be specified when `operator` is 'In' or 'NotIn'",
                "spec.selector.matchExpressions[1].operator: Invalid value: \"Near\": not a valid selector operator");
    }

    @Test
    void objectMetaUpdateKeepsIdentity() {
        var old = dev.kubelab.apiserver.registry.Fixtures.yaml("metadata: {name: a, namespace: default, uid: u1, creationTimestamp: '2024-05-01T00:00:00Z'}");
        var omitted = dev.kubelab.apiserver.registry.Fixtures.yaml("metadata: {name: a, labels: {x: y}}");
        FieldErrors errs = new FieldErrors();
        ObjectMetaValidation.validateUpdate(omitted, old, errs);
        assertThat(errs.isEmpty()).as("unset identity fields are copied by the store, not errors").isTrue();
        var changed = dev.kubelab.apiserver.registry.Fixtures.yaml("metadata: {name: a, uid: u2}");
        ObjectMetaValidation.validateUpdate(changed, old, errs);
        assertThat(errs.causes()).extracting(c -> c.field() + ": " + c.message())
                .containsExactly("metadata.uid: Invalid value: \"u2\": field is immutable");
    }
}
