package dev.kubelab.apiserver.registry.apps;

import static dev.kubelab.apiserver.registry.Fixtures.create;
import static dev.kubelab.apiserver.registry.Fixtures.lines;
import static dev.kubelab.apiserver.registry.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.Fixtures;
import dev.kubelab.apiserver.registry.ResourceStrategy;
import org.junit.jupiter.api.Test;

class WorkloadStrategiesTest {

    private final ResourceStrategy deployments = Fixtures.strategy("apps", "Deployment", "deployments", true);

    /** What `kubectl create deployment web --image=nginx:1.27 --dry-run=client -o yaml` sends. */
    private static ObjectNode web() {
        return yaml("""
                apiVersion: apps/v1
                kind: Deployment
                metadata:
                  creationTimestamp: null
                  labels: {app: web}
                  name: web
                  namespace: default
                spec:
                  replicas: 1
                  selector:
                    matchLabels: {app: web}
                  strategy: {}
                  template:
                    metadata:
                      creationTimestamp: null
                      labels: {app: web}
                    spec:
                      containers:
                      - image: nginx:1.27
                        name: nginx
                        resources: {}
                status: {}
                """);
    }

    @Test
    void deploymentDefaults() {
        ObjectNode d = web();
        d.with("spec").remove("replicas");
        assertThat(create(deployments, d)).isEmpty();
        assertThat(d.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(d.at("/spec/strategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(d.at("/spec/strategy/rollingUpdate/maxSurge").asText()).isEqualTo("25%");
        assertThat(d.at("/spec/strategy/rollingUpdate/maxUnavailable").asText()).isEqualTo("25%");
        assertThat(d.at("/spec/revisionHistoryLimit").asInt()).isEqualTo(10);
        assertThat(d.at("/spec/progressDeadlineSeconds").asInt()).isEqualTo(600);
        assertThat(d.at("/spec/template/spec/containers/0/imagePullPolicy").asText()).isEqualTo("IfNotPresent");
        assertThat(d.at("/spec/template/spec/restartPolicy").asText()).isEqualTo("Always");
        assertThat(d.at("/spec/template/spec/enableServiceLinks").isMissingNode()).as("pod-only default").isTrue();
        assertThat(d.at("/metadata/generation").asLong()).isEqualTo(1);
        assertThat(d.path("status").isEmpty()).isTrue();
    }

    @Test
    void selectorMustMatchTemplateAndReplicasNonNegative() {
        ObjectNode d = web();
        d.with("spec").put("replicas", -1);
        d.with("spec").with("selector").with("matchLabels").put("app", "other");
        assertThat(lines(create(deployments, d))).containsExactlyInAnyOrder(
                "spec.replicas: Invalid value: -1: must be greater than or equal to 0",
                "spec.template.metadata.labels: Invalid value: map[string]string{\"app\":\"web\"}: `selector` does not match template `labels`");
    }

    @Test
    void missingSelectorAndWrongRestartPolicy() {
        ObjectNode d = web();
        d.with("spec").remove("selector");
        ((ObjectNode) d.at("/spec/template/spec")).put("restartPolicy", "Never");
        assertThat(lines(create(deployments, d))).containsExactlyInAnyOrder(
                "spec.selector: Required value",
                "spec.template.spec.restartPolicy: Unsupported value: \"Never\": supported values: \"Always\"");
    }

    @Test
    void generationBumpsOnSpecChangeOnlyAndSelectorIsImmutable() {
        ObjectNode old = web();
        create(deployments, old);

        ObjectNode relabeled = old.deepCopy();
        relabeled.with("metadata").with("labels").put("tier", "front");
        deployments.prepareForUpdate(relabeled, old);
        assertThat(relabeled.at("/metadata/generation").asLong()).isEqualTo(1);

        ObjectNode scaled = old.deepCopy();
        scaled.with("spec").put("replicas", 3);
        scaled.with("status").put("replicas", 99);
        deployments.prepareForUpdate(scaled, old);
        assertThat(scaled.at("/metadata/generation").asLong()).isEqualTo(2);
        assertThat(scaled.at("/status/replicas").isMissingNode()).as("status kept from the stored object").isTrue();

        ObjectNode status = old.deepCopy();
        status.with("status").put("replicas", 1);
        status.with("spec").put("replicas", 7);
        deployments.prepareForStatusUpdate(status, old);
        assertThat(status.at("/spec/replicas").asInt()).isEqualTo(1);
        assertThat(status.at("/status/replicas").asInt()).isEqualTo(1);
        assertThat(status.at("/metadata/generation").asLong()).isEqualTo(1);

        ObjectNode reselected = old.deepCopy();
        reselected.with("spec").with("selector").with("matchLabels").put("app", "web2");
        ((ObjectNode) reselected.at("/spec/template/metadata/labels")).put("app", "web2");
        deployments.prepareForUpdate(reselected, old);
        assertThat(lines(deployments.validateUpdate(reselected, old))).containsExactly(
                "spec.selector: Invalid value: &v1.LabelSelector{MatchLabels:map[string]string{\"app\":\"web2\"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable");
    }

    @Test
    void daemonSetAndStatefulSetDefaults() {
        ResourceStrategy ds = Fixtures.strategy("apps", "DaemonSet", "daemonsets", true);
        ObjectNode d = web();
        d.put("kind", "DaemonSet");
        d.with("spec").remove("replicas");
        d.with("spec").remove("strategy");
        assertThat(create(ds, d)).isEmpty();
        assertThat(d.at("/spec/updateStrategy/type").asText()).isEqualTo("RollingUpdate");
        assertThat(d.at("/spec/updateStrategy/rollingUpdate/maxUnavailable").asInt()).isEqualTo(1);
        assertThat(d.at("/spec/updateStrategy/rollingUpdate/maxSurge").asInt()).isEqualTo(0);
        assertThat(d.at("/status/numberReady").asInt()).isEqualTo(0);

        ResourceStrategy sts = Fixtures.strategy("apps", "StatefulSet", "statefulsets", true);
        ObjectNode s = web();
        s.with("spec").remove("strategy");
        s.with("spec").put("serviceName", "web");
        assertThat(create(sts, s)).isEmpty();
        assertThat(s.at("/spec/podManagementPolicy").asText()).isEqualTo("OrderedReady");
        assertThat(s.at("/spec/updateStrategy/rollingUpdate/partition").asInt()).isEqualTo(0);
        assertThat(s.at("/spec/persistentVolumeClaimRetentionPolicy/whenDeleted").asText()).isEqualTo("Retain");

        ObjectNode changed = s.deepCopy();
        changed.with("spec").put("serviceName", "other");
        assertThat(lines(sts.validateUpdate(changed, s))).singleElement().asString()
                .startsWith("spec: Forbidden: updates to statefulset spec for fields other than 'replicas'");
    }

    @Test
    void replicaSetEmptySelector() {
        ResourceStrategy rs = Fixtures.strategy("apps", "ReplicaSet", "replicasets", true);
        ObjectNode r = web();
        r.with("spec").remove("strategy");
        r.with("spec").putObject("selector");
        assertThat(lines(create(rs, r))).containsExactly(
                "spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string(nil), MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: empty selector is invalid for deployment");
    }
}
