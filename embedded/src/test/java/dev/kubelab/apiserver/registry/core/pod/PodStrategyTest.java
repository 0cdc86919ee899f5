package dev.kubelab.apiserver.registry.core.pod;

import static dev.kubelab.apiserver.registry.Fixtures.create;
import static dev.kubelab.apiserver.registry.Fixtures.lines;
import static dev.kubelab.apiserver.registry.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.Fixtures;
import dev.kubelab.apiserver.registry.ResourceStrategy;
import org.junit.jupiter.api.Test;

class PodStrategyTest {

    private final ResourceStrategy pods = Fixtures.strategy("", "Pod", "pods", true);

    private static ObjectNode nginx() {
        return yaml("""
                apiVersion: v1
                kind: Pod
                metadata:
                  name: nginx
                  namespace: default
                  labels: {run: nginx}
                spec:
                  containers:
                  - name: nginx
                    image: nginx
                    ports:
                    - containerPort: 80
                """);
    }

    @Test
    void defaultsAsARealClusterShowsThem() {
        ObjectNode pod = nginx();
        assertThat(create(pods, pod)).isEmpty();
        ObjectNode spec = (ObjectNode) pod.get("spec");
        assertThat(spec.path("restartPolicy").asText()).isEqualTo("Always");
        assertThat(spec.path("dnsPolicy").asText()).isEqualTo("ClusterFirst");
        assertThat(spec.path("schedulerName").asText()).isEqualTo("default-scheduler");
        assertThat(spec.path("terminationGracePeriodSeconds").asLong()).isEqualTo(30);
        assertThat(spec.path("enableServiceLinks").asBoolean()).isTrue();
        assertThat(spec.path("securityContext").isObject()).isTrue();
        assertThat(spec.has("priority")).as("left to the Priority admission plugin").isFalse();
        var c = spec.path("containers").get(0);
        assertThat(c.path("imagePullPolicy").asText()).isEqualTo("Always");
        assertThat(c.path("terminationMessagePath").asText()).isEqualTo("/dev/termination-log");
        assertThat(c.path("terminationMessagePolicy").asText()).isEqualTo("File");
        assertThat(c.path("resources").isObject()).isTrue();
        assertThat(c.path("ports").get(0).path("protocol").asText()).isEqualTo("TCP");
        assertThat(pod.path("status").path("phase").asText()).isEqualTo("Pending");
        assertThat(pod.path("status").path("qosClass").asText()).isEqualTo("BestEffort");
    }

    @Test
    void imagePullPolicyFollowsTheTag() {
        assertThat(PodSpecDefaults.imagePullPolicy("nginx")).isEqualTo("Always");
        assertThat(PodSpecDefaults.imagePullPolicy("nginx:latest")).isEqualTo("Always");
        assertThat(PodSpecDefaults.imagePullPolicy("nginx:1.27")).isEqualTo("IfNotPresent");
        assertThat(PodSpecDefaults.imagePullPolicy("localhost:5000/app")).isEqualTo("Always");
        assertThat(PodSpecDefaults.imagePullPolicy("localhost:5000/app:v2")).isEqualTo("IfNotPresent");
        assertThat(PodSpecDefaults.imagePullPolicy("busybox@sha256:abcdef")).isEqualTo("IfNotPresent");
    }

    @Test
    void limitsOnlyMeanGuaranteedWithRequestsDefaultedToLimits() {
        ObjectNode pod = nginx();
        ((ObjectNode) pod.at("/spec/containers/0")).set("resources", yaml("limits: {cpu: 500m, memory: 128Mi}"));
        assertThat(create(pods, pod)).isEmpty();
        assertThat(pod.at("/spec/containers/0/resources/requests/cpu").asText()).isEqualTo("500m");
        assertThat(pod.at("/status/qosClass").asText()).isEqualTo("Guaranteed");
    }

    @Test
    void validationMessagesReadAsKubeApiserver() {
        ObjectNode pod = yaml("""
                metadata: {name: Foo_bar, namespace: default}
                spec:
                  restartPolicy: Sometimes
                  containers:
                  - name: web
                    image: nginx
                    resources: {requests: {cpu: "2"}, limits: {cpu: "1"}}
                  - name: web
                  - name: Bad_Name
                    image: x
                    ports: [{containerPort: 70000}]
                """);
        var causes = create(pods, pod);
        assertThat(lines(causes)).contains(
                "metadata.name: Invalid value: \"Foo_bar\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')",
                "spec.restartPolicy: Unsupported value: \"Sometimes\": supported values: \"Always\", \"OnFailure\", \"Never\"",
                "spec.containers[0].resources.requests: Invalid value: \"2\": must be less than or equal to cpu limit of 1",
                "spec.containers[1].name: Duplicate value: \"web\"",
                "spec.containers[1].image: Required value",
                "spec.containers[2].name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "spec.containers[2].ports[0].containerPort: Invalid value: 70000: must be between 1 and 65535, inclusive");
        assertThat(causes).extracting(StatusError.Cause::reason)
                .contains("FieldValueInvalid", "FieldValueNotSupported", "FieldValueDuplicate", "FieldValueRequired");
    }

    @Test
    void noContainersIsRequiredValue() {
        var causes = create(pods, yaml("metadata: {name: empty, namespace: default}\nspec: {}"));
        StatusError e = StatusError.invalid("", "Pod", "empty", causes);
        assertThat(e.getMessage()).isEqualTo("Pod \"empty\" is invalid: spec.containers: Required value");
        assertThat(e.code()).isEqualTo(422);
    }

    @Test
    void badQuantityIsABadRequestAtDecodeTime() {
        ObjectNode pod = nginx();
        ((ObjectNode) pod.at("/spec/containers/0")).set("resources", yaml("requests: {cpu: lots}"));
        try {
            pods.applyDefaults(pod);
            throw new AssertionError("expected 400");
        } catch (StatusError e) {
            assertThat(e.code()).isEqualTo(400);
            assertThat(e.getMessage()).contains("quantities must match the regular expression");
        }
    }

    @Test
    void onlyImagesAndFewFieldsMayChange() {
        ObjectNode old = nginx();
        create(pods, old);
        old.with("metadata").put("uid", "u1").put("resourceVersion", "5");

        ObjectNode newImage = old.deepCopy();
        ((ObjectNode) newImage.at("/spec/containers/0")).put("image", "nginx:1.27");
        pods.prepareForUpdate(newImage, old);
        assertThat(pods.validateUpdate(newImage, old)).isEmpty();

        ObjectNode renamed = old.deepCopy();
        ((ObjectNode) renamed.at("/spec/containers/0")).put("name", "web");
        pods.prepareForUpdate(renamed, old);
        var causes = pods.validateUpdate(renamed, old);
        assertThat(causes).hasSize(1);
        assertThat(causes.get(0).field()).isEqualTo("spec");
        assertThat(causes.get(0).reason()).isEqualTo("FieldValueForbidden");
        assertThat(causes.get(0).message()).startsWith("Forbidden: pod updates may not change fields other than "
                + "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,"
                + "`spec.tolerations` (only additions to existing tolerations),"
                + "`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n");
    }

    @Test
    void specUpdatesKeepStatusAndStatusUpdatesKeepSpec() {
        ObjectNode old = nginx();
        create(pods, old);
        ObjectNode update = old.deepCopy();
        update.with("status").put("phase", "Running");
        pods.prepareForUpdate(update, old);
        assertThat(update.at("/status/phase").asText()).isEqualTo("Pending");

        ObjectNode status = old.deepCopy();
        status.with("status").put("phase", "Running");
        ((ObjectNode) status.at("/spec/containers/0")).put("image", "evil");
        pods.prepareForStatusUpdate(status, old);
        assertThat(status.at("/status/phase").asText()).isEqualTo("Running");
        assertThat(status.at("/spec/containers/0/image").asText()).isEqualTo("nginx");
    }

    @Test
    void deprecatedFieldsFollowTheirReplacements() {
        ObjectNode pod = nginx();
        pods.applyDefaults(pod);
        ((ObjectNode) pod.get("spec")).put("serviceAccountName", "default"); // as the ServiceAccount admission plugin does
        pods.prepareForCreate(pod);
        assertThat(pod.at("/spec/serviceAccount").asText()).isEqualTo("default");

        ObjectNode status = pod.deepCopy();
        status.with("status").put("phase", "Running").put("podIP", "10.244.0.7").put("hostIP", "172.18.0.2");
        pods.prepareForStatusUpdate(status, pod);
        assertThat(status.at("/status/podIPs/0/ip").asText()).isEqualTo("10.244.0.7");
        assertThat(status.at("/status/hostIPs/0/ip").asText()).isEqualTo("172.18.0.2");
    }
}
