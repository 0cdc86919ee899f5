package dev.kubelab.apiserver.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The real kubectl (1.31, chosen by the stub's /version) against this package's OpenAPI documents and the
 * printers' columns: explain prints upstream descriptions and field lists; create/apply see that the server
 * validates fields (the PATCH operations advertise fieldValidation) and compute strategic merge patches with our
 * merge keys; get renders our Table columns (wide and narrow). Only discovery is stubbed.
 */
class KubectlClientTest {

    private static DiscoveryStub server;
    @TempDir static Path home;

    @BeforeAll
    static void start() throws IOException {
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/kubectl")), "kubectl not installed");
        server = new DiscoveryStub();
    }

    @AfterAll
    static void stop() {
        if (server != null) server.close();
    }

    private static String kubectl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kubectl", "--server=" + server.url()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true);
        pb.environment().put("HOME", home.toString());
        pb.environment().put("KUBECONFIG", home.resolve("none").toString());
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return "exit=" + p.exitValue() + "\n" + out;
    }

    @Test
    void explainPodSpecContainers() throws Exception {
        String out = kubectl("explain", "pod.spec.containers");
        assertThat(out).startsWith("exit=0")
                .contains("KIND:       Pod", "VERSION:    v1", "FIELD: containers <[]Container>",
                        "A single application container that you want to run within a pod.",
                        "imagePullPolicy\t<string>", "name\t<string> -required-", "ports\t<[]ContainerPort>");
    }

    @Test
    void explainDeploymentStrategyInGroup() throws Exception {
        String out = kubectl("explain", "deployments.spec.strategy");
        assertThat(out).startsWith("exit=0").contains("GROUP:      apps", "KIND:       Deployment",
                "rollingUpdate\t<RollingUpdateDeployment>");
    }

    @Test
    void explainRecursiveListsNestedFields() throws Exception {
        String out = kubectl("explain", "cronjob.spec.jobTemplate", "--recursive");
        assertThat(out).startsWith("exit=0").contains("backoffLimit\t<integer>", "restartPolicy\t<string>");
    }

    @Test
    void kubectlSendsStrictFieldValidationAndShowsTheServersError() throws Exception {
        Path manifest = home.resolve("pod.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Pod
                metadata: {name: typo, namespace: default}
                spec:
                  containers:
                  - name: web
                    image: nginx
                    imagePullPolicyy: Always
                """);
        server.writeQueries.clear();
        String out = kubectl("create", "-f", manifest.toString());
        assertThat(server.writeQueries).singleElement().asString().contains("fieldValidation=Strict");
        assertThat(out).startsWith("exit=1").contains("Error from server (BadRequest): error when creating \"" + manifest
                + "\": Pod in version \"v1\" cannot be handled as a Pod: strict decoding error: unknown field \"spec.containers[0].imagePullPolicyy\"");

        Files.writeString(manifest, Files.readString(manifest).replace("imagePullPolicyy", "imagePullPolicy"));
        assertThat(kubectl("create", "-f", manifest.toString())).startsWith("exit=0").contains("pod/typo created");
    }

    @Test
    void kubectlApplyCreatesWithoutNeedingClientSideSchemas() throws Exception {
        Path manifest = home.resolve("cm.yaml");
        Files.writeString(manifest, "apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: default}\ndata: {a: '1'}\n");
        server.requests.clear();
        String out = kubectl("apply", "-f", manifest.toString());
        assertThat(out).startsWith("exit=0").contains("configmap/cfg created");
        // kubectl ≥ 1.27 reads only OpenAPI v3 here; the protobuf-only /openapi/v2 is never asked for.
        assertThat(server.requests).contains("GET /openapi/v3/api/v1", "POST /api/v1/namespaces/default/configmaps")
                .doesNotContain("GET /openapi/v2");
    }

    @Test
    void kubectlApplyComputesStrategicMergePatchesFromOurSchema() throws Exception {
        Path manifest = home.resolve("deploy.yaml");
        String yaml = """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: web, namespace: default}
                spec:
                  selector: {matchLabels: {app: web}}
                  template:
                    metadata: {labels: {app: web}}
                    spec:
                      containers:
                      - name: nginx
                        image: IMAGE
                        ports: [{containerPort: 80}]
                """;
        Files.writeString(manifest, yaml.replace("IMAGE", "nginx:1.26"));
        assertThat(kubectl("apply", "-f", manifest.toString())).startsWith("exit=0").contains("deployment.apps/web created");
        Files.writeString(manifest, yaml.replace("IMAGE", "nginx:1.27"));
        server.patches.clear();
        assertThat(kubectl("apply", "-f", manifest.toString())).startsWith("exit=0").contains("deployment.apps/web configured");
        // The merge key "name" of containers comes from x-kubernetes-patch-merge-key in our OpenAPI v3 document.
        assertThat(server.patches).singleElement().asString()
                .startsWith("application/strategic-merge-patch+json ")
                .contains("\"$setElementOrder/containers\":[{\"name\":\"nginx\"}]")
                .contains("\"containers\":[{\"image\":\"nginx:1.27\",\"name\":\"nginx\"}]");
    }

    @Test
    void everyServedKindCanBeExplained() throws Exception {
        for (ServedApis api : ServedApis.ALL) {
            String resource = api.resource() + " " + api.group();
            String out = api.group().isEmpty() ? kubectl("explain", api.resource())
                    : kubectl("explain", api.resource(), "--api-version=" + api.group() + "/" + api.version());
            assertThat(out).as(resource).startsWith("exit=0").contains("KIND:       " + api.kind(), "FIELDS:");
        }
    }

    @Test
    void kubectlGetPrintsOurColumnsIncludingWide() throws Exception {
        Path manifest = home.resolve("pods.yaml");
        Files.writeString(manifest, """
                apiVersion: v1
                kind: Pod
                metadata: {name: table-a, namespace: default}
                spec: {nodeName: node-1, containers: [{name: web, image: nginx}]}
                status:
                  phase: Running
                  podIP: 10.244.1.5
                  conditions: [{type: Ready, status: "True"}]
                  containerStatuses: [{name: web, ready: true, restartCount: 0, state: {running: {}}}]
                """);
        assertThat(kubectl("create", "-f", manifest.toString())).startsWith("exit=0");
        String out = kubectl("get", "pods", "-n", "default", "-o", "wide");
        assertThat(out).startsWith("exit=0");
        String[] lines = out.split("\n");
        assertThat(lines[1].split("\\s{2,}")).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE", "IP", "NODE",
                "NOMINATED NODE", "READINESS GATES");
        assertThat(lines[2].split("\\s{2,}")).containsExactly("table-a", "1/1", "Running", "0", "<unknown>", "10.244.1.5",
                "node-1", "<none>", "<none>");
        String narrow = kubectl("get", "pods", "-n", "default");
        assertThat(narrow.split("\n")[1].split("\\s{2,}")).containsExactly("NAME", "READY", "STATUS", "RESTARTS", "AGE");
    }
}
