package dev.kubelab.magics.teaching.check;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * One condition of an exercise. Declarative ones (what the YAML files use) look objects up by apiVersion/kind and
 * name or label selector and compare fields by dotted path ({@code spec.template.spec.containers[0].image}); custom
 * ones run Java against the client. Each has a description and a hint in both languages.
 */
public final class Expectation {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String descEn;
    private final String descKo;
    private String hintEn = "";
    private String hintKo = "";
    private final Function<KubernetesClient, String> problem;

    private Expectation(String descEn, String descKo, Function<KubernetesClient, String> problem) {
        this.descEn = descEn;
        this.descKo = descKo == null ? descEn : descKo;
        this.problem = problem;
    }

    /** A custom check: {@code check} returns null when satisfied, else what it found instead. */
    public static Expectation custom(String en, String ko, Function<KubernetesClient, String> check) {
        return new Expectation(en, ko, check);
    }

    /** The named object exists (add {@link Query#field} conditions to also check its fields). */
    public static Query object(String apiVersion, String kind, String namespace, String name) {
        return new Query(apiVersion, kind, namespace, name, null);
    }

    /** Objects matching a label selector ({@code app=web}); add {@link Query#count} and/or {@link Query#field}. */
    public static Query selected(String apiVersion, String kind, String namespace, String selector) {
        return new Query(apiVersion, kind, namespace, null, selector);
    }

    public Expectation hint(String en, String ko) {
        hintEn = en == null ? "" : en;
        hintKo = ko == null ? hintEn : ko;
        return this;
    }

    public String description(String lang) {
        return "ko".equals(lang) ? descKo : descEn;
    }

    public String hint(String lang) {
        return "ko".equals(lang) ? hintKo : hintEn;
    }

    CheckResult.Outcome evaluate(KubernetesClient client) {
        String found;
        try {
            found = problem.apply(client);
        } catch (KubernetesClientException e) {
            found = e.getStatus() != null && e.getStatus().getMessage() != null ? e.getStatus().getMessage() : e.getMessage();
        } catch (RuntimeException e) {
            found = e.toString();
        }
        return new CheckResult.Outcome(this, found == null, found == null ? "" : found);
    }

    /** Builder for declarative object expectations. */
    public static final class Query {
        private final String apiVersion;
        private final String kind;
        private final String namespace;
        private final String name;
        private final String selector;
        private Integer count;
        private boolean absent;
        private final Map<String, String> fields = new LinkedHashMap<>();

        Query(String apiVersion, String kind, String namespace, String name, String selector) {
            this.apiVersion = apiVersion == null ? "v1" : apiVersion;
            this.kind = kind;
            this.namespace = namespace;
            this.name = name;
            this.selector = selector;
        }

        public Query count(int n) {
            count = n;
            return this;
        }

        public Query absent() {
            absent = true;
            return this;
        }

        /** Field at dotted {@code path} must equal {@code value} (compared as text) on every matched object. */
        public Query field(String path, String value) {
            fields.put(path, value);
            return this;
        }

        public Expectation hint(String en, String ko) {
            return build().hint(en, ko);
        }

        public Expectation build() {
            return build(null, null);
        }

        public Expectation build(String descEn, String descKo) {
            String what = kind + (name != null ? " " + (namespace != null ? namespace + "/" : "") + name
                    : " (" + selector + (namespace != null ? " in " + namespace : "") + ")");
            String en = descEn != null ? descEn : describeEn(what);
            String ko = descKo != null ? descKo : describeKo(what);
            return new Expectation(en, ko, this::problem);
        }

        private String describeEn(String what) {
            if (absent) return what + " does not exist";
            StringBuilder b = new StringBuilder(what).append(count != null ? " count is " + count : " exists");
            fields.forEach((k, v) -> b.append(", ").append(k).append(" = ").append(v));
            return b.toString();
        }

        private String describeKo(String what) {
            if (absent) return what + " 이(가) 없어야 함";
            StringBuilder b = new StringBuilder(what).append(count != null ? " 개수 " + count : " 존재");
            fields.forEach((k, v) -> b.append(", ").append(k).append(" = ").append(v));
            return b.toString();
        }

        private String problem(KubernetesClient client) {
            var op = client.genericKubernetesResources(apiVersion, kind);
            List<GenericKubernetesResource> found = new ArrayList<>();
            if (name != null) {
                GenericKubernetesResource r = namespace != null ? op.inNamespace(namespace).withName(name).get() : op.withName(name).get();
                if (r != null) found.add(r);
            } else {
                var list = namespace != null ? op.inNamespace(namespace).withLabelSelector(selector).list() : op.withLabelSelector(selector).list();
                found.addAll(list.getItems());
            }
            if (absent) return found.isEmpty() ? null : found.size() + " found";
            if (count != null && found.size() != count) return found.size() + " found";
            if (count == null && found.isEmpty()) return "not found";
            for (GenericKubernetesResource r : found) {
                JsonNode n = JSON.valueToTree(r);
                for (Map.Entry<String, String> f : fields.entrySet()) {
                    String actual = FieldPath.text(n, f.getKey());
                    if (!f.getValue().equals(actual)) {
                        return r.getMetadata().getName() + ": " + f.getKey() + " = " + (actual == null ? "<unset>" : actual);
                    }
                }
            }
            return null;
        }
    }
}
