package dev.kubelab.apimachinery;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubelab.apiserver.printers.Selectors;
import dev.kubelab.apiserver.selectors.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorBuilder;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * The one label selector matcher, reached three ways: a metav1.LabelSelector as a typed object (scheduler,
 * controllers), the same object as stored JSON (API server, RBAC aggregation) and its string form parsed as a
 * {@code ?labelSelector=} (list and watch). All three must select the same objects.
 */
class SelectorTest {

    static final ObjectMapper JSON = new ObjectMapper();
    static final List<String> KEYS = List.of("app", "tier", "example.com/team");
    static final List<String> VALUES = List.of("web", "db", "a-1", "");

    @Provide
    Arbitrary<Map<String, String>> labels() {
        return Arbitraries.maps(Arbitraries.of(KEYS), Arbitraries.of(VALUES)).ofMaxSize(3);
    }

    @Provide
    Arbitrary<io.fabric8.kubernetes.api.model.LabelSelector> selectors() {
        Arbitrary<LabelSelectorRequirement> expr = Combinators.combine(Arbitraries.of(KEYS),
                Arbitraries.of("In", "NotIn", "Exists", "DoesNotExist"),
                Arbitraries.of(VALUES).set().ofMinSize(1).ofMaxSize(3)).as((k, op, vals) ->
                new LabelSelectorRequirement(k, op, op.endsWith("In") ? new ArrayList<>(vals) : List.of()));
        return Combinators.combine(labels(), expr.list().ofMaxSize(3)).as((ml, exprs) ->
                new LabelSelectorBuilder().withMatchLabels(ml).withMatchExpressions(exprs).build());
    }

    @Property(tries = 400)
    void typedJsonAndParsedFormsSelectAlike(@ForAll("selectors") io.fabric8.kubernetes.api.model.LabelSelector selector,
            @ForAll("labels") Map<String, String> labels) {
        JsonNode selectorJson = JSON.valueToTree(selector);
        JsonNode labelsJson = JSON.valueToTree(labels);
        boolean typed = LabelSelectors.matches(selector, labels);
        assertThat(LabelSelectors.matches(selectorJson, labelsJson)).isEqualTo(typed);
        String text = Selectors.selector(selectorJson);
        assertThat(LabelSelector.parse(text).matches(labelsJson)).as(text).isEqualTo(typed);
    }

    @Property(tries = 200)
    void aSelectorOfTheObjectsOwnLabelsSelectsIt(@ForAll("labels") Map<String, String> labels) {
        assertThat(LabelSelectors.matches(new LabelSelectorBuilder().withMatchLabels(labels).build(), labels)).isTrue();
    }

    @Property(tries = 50)
    void nullSelectsNothingAndEmptySelectsEverything(@ForAll("labels") Map<String, String> labels) {
        assertThat(LabelSelectors.matches((io.fabric8.kubernetes.api.model.LabelSelector) null, labels)).isFalse();
        assertThat(LabelSelectors.matches(JSON.missingNode(), JSON.valueToTree(labels))).isFalse();
        assertThat(LabelSelectors.matches(new LabelSelectorBuilder().build(), labels)).isTrue();
        assertThat(LabelSelectors.matches(JSON.createObjectNode(), JSON.valueToTree(labels))).isTrue();
        assertThat(LabelSelector.parse("").matches(JSON.valueToTree(labels))).isTrue();
    }

    @Property(tries = 50)
    void anUnknownOperatorSelectsNothing(@ForAll("labels") Map<String, String> labels) {
        var selector = new LabelSelectorBuilder().addNewMatchExpression().withKey("app").withOperator("Near").endMatchExpression().build();
        assertThat(LabelSelectors.matches(selector, labels)).isFalse();
        assertThat(LabelSelectors.matches(JSON.valueToTree(selector), JSON.valueToTree(labels))).isFalse();
    }

    @Property(tries = 100)
    void setOperatorsReadAbsentLabelsAsKubernetesDoes(@ForAll("labels") Map<String, String> labels) {
        boolean hasApp = labels.containsKey("app");
        String value = labels.get("app");
        var json = JSON.valueToTree(labels);
        assertThat(LabelSelector.parse("app notin (web)").matches(json)).isEqualTo(!hasApp || !"web".equals(value));
        assertThat(LabelSelector.parse("app!=web").matches(json)).isEqualTo(!hasApp || !"web".equals(value));
        assertThat(LabelSelector.parse("app in (web)").matches(json)).isEqualTo("web".equals(value));
        assertThat(LabelSelector.parse("!app").matches(json)).isEqualTo(!hasApp);
        assertThat(LabelSelector.parse("app").matches(json)).isEqualTo(hasApp);
    }
}
