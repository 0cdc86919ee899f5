package dev.kubelab.apiserver.openapi;

import static dev.kubelab.apiserver.registry.Fixtures.resource;
import static dev.kubelab.apiserver.registry.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.ResourceInfo;
import org.junit.jupiter.api.Test;

class OpenApiTest {

    private static final ResourceInfo PODS = resource("", "Pod", "pods", true);
    private static final ResourceInfo DEPLOYMENTS = resource("apps", "Deployment", "deployments", true);

    @Test
    void v3IndexListsEveryGroupVersionWithTheHashOfItsDocument() {
        JsonNode paths = OpenApi.v3Index().path("paths");
        assertThat(paths.fieldNames()).toIterable().contains("api/v1", "apis/apps/v1", "apis/batch/v1",
                "apis/rbac.authorization.k8s.io/v1", "apis/events.k8s.io/v1", "apis/discovery.k8s.io/v1");
        String url = paths.path("apis/apps/v1").path("serverRelativeURL").asText();
        assertThat(url).isEqualTo("/openapi/v3/apis/apps/v1?hash=" + OpenApi.hash(OpenApi.v3("apis/apps/v1").orElseThrow()));
        assertThat(url.substring(url.indexOf("hash=") + 5)).matches("[0-9A-F]{128}");
        assertThat(OpenApi.v3("apis/unknown/v1")).isEmpty();
    }

    @Test
    void v3DocumentHasKindsPathsAndFieldValidation() {
        ObjectNode apps = OpenApi.v3("apis/apps/v1").orElseThrow();
        JsonNode deployment = apps.at("/components/schemas/io.k8s.api.apps.v1.Deployment");
        assertThat(deployment.path("x-kubernetes-group-version-kind").get(0).path("kind").asText()).isEqualTo("Deployment");
        assertThat(deployment.at("/properties/spec/allOf/0/$ref").asText()).isEqualTo("#/components/schemas/io.k8s.api.apps.v1.DeploymentSpec");
        assertThat(apps.at("/components/schemas/io.k8s.api.core.v1.PodSpec").isObject()).as("referenced core types are included").isTrue();
        assertThat(apps.at("/components/schemas/io.k8s.api.core.v1.Node").isMissingNode()).as("unreferenced kinds are not").isTrue();
        JsonNode patch = apps.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}/patch");
        assertThat(patch.path("x-kubernetes-group-version-kind").path("kind").asText()).isEqualTo("Deployment");
        assertThat(patch.path("parameters").findValuesAsText("name")).contains("fieldValidation", "dryRun", "fieldManager");
        assertThat(patch.at("/requestBody/content").fieldNames()).toIterable().contains("application/strategic-merge-patch+json");
        JsonNode scale = apps.at("/paths/~1apis~1apps~1v1~1namespaces~1{namespace}~1deployments~1{name}~1scale/put");
        assertThat(scale.path("x-kubernetes-group-version-kind").path("group").asText()).isEqualTo("autoscaling");
    }

    @Test
    void v2IsSwaggerWithPrefixedReferences() {
        ObjectNode v2 = OpenApi.v2();
        assertThat(v2.path("swagger").asText()).isEqualTo("2.0");
        assertThat(v2.at("/definitions/io.k8s.api.core.v1.Pod/properties/spec/$ref").asText()).isEqualTo("#/definitions/io.k8s.api.core.v1.PodSpec");
        assertThat(v2.at("/paths/~1api~1v1~1namespaces~1{namespace}~1pods/post/operationId").asText()).isEqualTo("createCoreV1NamespacedPod");
        assertThat(v2.at("/paths/~1apis~1rbac.authorization.k8s.io~1v1~1clusterroles/get/operationId").asText()).isEqualTo("listRbacAuthorizationV1ClusterRole");
    }

    @Test
    void unknownFieldsAreNamedLikeTheStrictDecoder() {
        ObjectNode pod = yaml("""
                apiVersion: v1
                kind: Pod
                metadata: {name: p, labels: {any: thing}, annotations: {free: form}}
                spec:
                  containers:
                  - name: web
                    image: nginx
                    imagePullPolicyy: Always
                    resources: {limits: {cpu: "1"}}
                    env: [{name: A, value: b, valueFromm: {}}]
                  nodeSelectorr: {}
                  extra: 1
                status: {phase: Pending}
                """);
        assertThat(FieldValidator.unknownFields(PODS, pod)).containsExactly(
                "spec.containers[0].imagePullPolicyy", "spec.containers[0].env[0].valueFromm", "spec.nodeSelectorr", "spec.extra");
        assertThat(FieldValidator.strictDecodingMessage(PODS, FieldValidator.unknownFields(PODS, pod)))
                .startsWith("Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagePullPolicyy\", unknown field");
        ObjectNode managed = yaml("""
                metadata: {name: d, managedFields: [{manager: kubectl, fieldsV1: {"f:spec": {"f:replicas": {}}}}]}
                spec: {strategy: {rollingUpdate: {maxSurge: 1}}, template: {metadata: {labels: {a: b}}}}
                """);
        assertThat(FieldValidator.unknownFields(DEPLOYMENTS, managed)).isEmpty();
    }

    @Test
    void patchMetaGivesStrategiesAndMergeKeys() {
        PatchMeta containers = PatchMeta.at(PODS, "spec", "containers");
        assertThat(containers.patchStrategy()).containsExactly("merge");
        assertThat(containers.mergeKey()).contains("name");
        assertThat(containers.mergesList()).isTrue();
        assertThat(containers.itemsAreObjects()).isTrue();
        assertThat(containers.field("ports").mergeKey()).contains("containerPort");
        assertThat(containers.field("env").mergeKey()).contains("name");
        assertThat(containers.field("volumeMounts").mergeKey()).contains("mountPath");
        assertThat(containers.field("args").mergesList()).as("args are replaced").isFalse();
        assertThat(PatchMeta.at(PODS, "spec", "volumes").patchStrategy()).containsExactly("merge", "retainKeys");
        assertThat(PatchMeta.at(PODS, "spec", "tolerations").patchStrategy()).as("tolerations are atomic").isEmpty();
        assertThat(PatchMeta.at(PODS, "metadata", "finalizers").mergesList()).isTrue();
        assertThat(PatchMeta.at(PODS, "metadata", "finalizers").itemsAreObjects()).isFalse();
        assertThat(PatchMeta.at(DEPLOYMENTS, "spec", "template", "spec", "containers").mergeKey()).contains("name");
        assertThat(PatchMeta.at(DEPLOYMENTS, "spec", "strategy").retainKeys()).isTrue();
        assertThat(PatchMeta.at(DEPLOYMENTS, "spec", "nope").isKnown()).isFalse();
        assertThat(PatchMeta.at(resource("", "Service", "services", true), "spec", "ports").mergeKey()).contains("port");
    }

    @Test
    void duplicateFieldsAreFoundInTheRawBody() {
        byte[] body = "{\"metadata\":{\"name\":\"a\",\"name\":\"b\"},\"spec\":{\"containers\":[{\"name\":\"x\",\"image\":\"i\",\"image\":\"j\"}]}}"
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertThat(FieldValidator.duplicateFields(body)).containsExactly("metadata.name", "spec.containers[0].image");
        assertThat(FieldValidator.strictError(java.util.List.of("spec.foo"), FieldValidator.duplicateFields(body)))
                .isEqualTo("strict decoding error: unknown field \"spec.foo\", duplicate field \"metadata.name\", duplicate field \"spec.containers[0].image\"");
        assertThat(FieldValidator.duplicateFields("{not json".getBytes(java.nio.charset.StandardCharsets.UTF_8))).isEmpty();
    }

    @Test
    void scaleReplicasMustNotBeNegative() {
        assertThat(dev.kubelab.apiserver.registry.autoscaling.scale.ScaleValidation.validate(yaml("spec: {replicas: -2}")))
                .extracting(c -> c.field() + ": " + c.message())
                .containsExactly("spec.replicas: Invalid value: -2: must be greater than or equal to 0");
    }
}
