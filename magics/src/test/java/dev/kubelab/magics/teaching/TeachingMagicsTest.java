package dev.kubelab.magics.teaching;

import com.fasterxml.jackson.databind.JsonNode;
import dev.kubelab.kernel.driver.JupyterDriver;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.kubelab.kernel.driver.JupyterDriver.messages;
import static dev.kubelab.kernel.driver.JupyterDriver.streamText;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The teaching magics in a real kernel driven by jupyter_client, on one embedded cluster started by {@code %cluster up}
 * in the kernel JVM (cluster start is the cost, so one per class). The kernel's home is a temporary directory, so the
 * cluster's data never touches ~/.kubelab.
 */
class TeachingMagicsTest {
    static final List<String> MAGICS = List.of("cluster", "kubectl", "apply", "etcdctl", "etcd", "trace", "components", "explain",
            "stop", "start", "restart", "kubeadm", "check");
    static JupyterDriver kernel;
    static Path home;
    static final Map<String, JsonNode> beforeUp = new LinkedHashMap<>();
    static JsonNode up;

    @BeforeAll
    static void start() throws Exception {
        home = Files.createTempDirectory("kubelab-magics-test-");
        Path exercises = JupyterDriver.root().resolve("magics/src/test/resources/exercises");
        kernel = JupyterDriver.start(JupyterDriver.inProcessClasspathKernel(List.of("-Xmx768m", "-XX:+UseSerialGC",
                "-Duser.home=" + home, "-Dkubelab.exercises=" + exercises)), JupyterDriver.root());
        kernel.execute("%lang en");
        for (String cell : List.of("%kubectl get nodes", "%components", "%etcdctl get / --prefix --keys-only", "%%trace\nint x = 1;",
                "%stop kube-scheduler", "%check make-config", "%explain pod web", "%kubeadm upgrade plan", "%cluster status",
                "%%apply\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}")) {
            beforeUp.put(cell, kernel.execute(cell));
        }
        up = kernel.execute("%cluster up --provider embedded --workers 2", 240);
    }

    @AfterAll
    static void stop() throws Exception {
        if (kernel != null) {
            kernel.execute("%cluster down", 120);
            kernel.close();
        }
    }

    static String result(JsonNode answer) {
        assertThat(answer.path("reply").path("status").asText()).as(answer.toString()).isEqualTo("ok");
        List<JsonNode> r = messages(answer, "execute_result");
        return r.isEmpty() ? null : r.get(0).path("data").path("text/plain").asText();
    }

    static JsonNode data(JsonNode answer) {
        assertThat(answer.path("reply").path("status").asText()).as(answer.toString()).isEqualTo("ok");
        List<JsonNode> r = messages(answer, "execute_result");
        assertThat(r).as(answer.toString()).isNotEmpty();
        return r.get(0).path("data");
    }

    static JsonNode error(JsonNode answer) {
        List<JsonNode> e = messages(answer, "error");
        assertThat(e).as(answer.toString()).isNotEmpty();
        return e.get(0);
    }

    static Document xml(String svg) throws Exception {
        var f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }

    static List<String> dataNames(Document d) {
        List<String> names = new ArrayList<>();
        NodeList gs = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "g");
        for (int i = 0; i < gs.getLength(); i++) names.add(((Element) gs.item(i)).getAttribute("data-name"));
        return names;
    }

    @Test
    void everyMagicSaysToStartAClusterFirst() {
        beforeUp.forEach((cell, answer) -> {
            JsonNode err = error(answer);
            assertThat(err.path("evalue").asText()).as(cell).contains("no cluster is up: run %cluster up first").doesNotContain("\n");
        });
    }

    @Test
    void clusterUpShowsStepsAndSummaryAndBindsClientAndCluster() throws Exception {
        String summary = result(up);
        assertThat(summary).contains("Cluster kubelab — embedded", "(running)", "API server: https://127.0.0.1:", "etcd", "kube-apiserver");
        // the live progress display: one display_data updated in place with the steps
        List<JsonNode> updates = messages(up, "update_display_data");
        assertThat(messages(up, "display_data")).isNotEmpty();
        assertThat(updates).isNotEmpty();
        assertThat(updates.get(updates.size() - 1).path("data").path("text/plain").asText()).contains("✓ Starting etcd", "✓ Starting kube-apiserver");
        assertThat(result(kernel.execute("client.namespaces().withName(\"default\").get().getMetadata().getName()"))).isEqualTo("\"default\"");
        assertThat(result(kernel.execute("cluster.provider()"))).isEqualTo("embedded");
        assertThat(result(kernel.execute("%cluster status"))).contains("embedded", "COMPONENT", "kube-apiserver");
        // a second up is harmless and says so
        assertThat(streamText(kernel.execute("%cluster up"), "stdout")).contains("already up");
    }

    @Test
    void everyMagicHasHelp() throws Exception {
        for (String m : MAGICS) {
            String shown = m.equals("apply") || m.equals("trace") ? "%%" + m : "%" + m;
            String help = result(kernel.execute(shown + " --help"));
            assertThat(help).as(m).contains("Usage: " + shown + " ");
        }
        assertThat(result(kernel.execute("%kubeadm upgrade --help"))).contains("plan", "apply", "node");
    }

    @Test
    void badArgumentsAreOneLineUsageErrors() throws Exception {
        Map<String, String> cases = Map.of(
                "%cluster up --workers many", "--workers",
                "%cluster explode", "explode",
                "%stop kube-nothing", "unknown component \"kube-nothing\"",
                "%kubeadm upgrade apply banana", "%kubeadm upgrade apply:",
                "%check no-such-exercise", "no exercise 'no-such-exercise'",
                "%%apply\nkind: ConfigMap\nmetadata:\n  name: [oops\n", "%%apply: invalid YAML at line",
                "%explain deployment web", "deployment");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            JsonNode err = error(kernel.execute(c.getKey()));
            assertThat(err.path("evalue").asText()).as(c.getKey()).contains(c.getValue()).doesNotContain("\n");
            assertThat(err.path("ename").asText()).as(c.getKey()).isIn("UsageError", "MagicError");
        }
    }

    @Test
    void completionOffersSubCommandsAndComponents() throws Exception {
        JsonNode c = kernel.complete("%cluster ", 9).path("reply");
        List<String> m = new ArrayList<>();
        c.path("matches").forEach(x -> m.add(x.asText()));
        assertThat(m).contains("up", "down", "status", "use");
        JsonNode s = kernel.complete("%stop kube-s", 12).path("reply");
        assertThat(s.path("matches").toString()).contains("kube-scheduler");
        JsonNode k = kernel.complete("%kubectl ge", 11).path("reply");
        assertThat(k.path("matches").toString()).contains("get");
    }

    @Test
    void kubectlRunsTheRealKubectlVerbatim() throws Exception {
        JsonNode ns = kernel.execute("%kubectl get namespaces");
        assertThat(streamText(ns, "stdout")).startsWith("NAME").contains("default", "kube-system");
        JsonNode yaml = data(kernel.execute("%kubectl get namespace default -o yaml"));
        assertThat(yaml.path("text/plain").asText()).contains("kind: Namespace", "name: default");
        assertThat(yaml.path("text/html").asText()).contains("<span style=\"color:#0451a5\">kind</span>");
        JsonNode missing = kernel.execute("%kubectl get pod does-not-exist");
        assertThat(streamText(missing, "stderr")).contains("Error from server (NotFound): pods \"does-not-exist\" not found");
        assertThat(error(missing).path("evalue").asText()).contains("kubectl exited with code 1");
        JsonNode several = kernel.execute("%%kubectl\nget ns default\n# a comment\nkubectl get ns kube-system");
        assertThat(streamText(several, "stdout")).contains("$ kubectl get ns default", "$ kubectl get ns kube-system", "kube-system");
    }

    @Test
    void applyPrintsOneLinePerObjectAsKubectlDoes() throws Exception {
        String body = "%%apply -n default\napiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: apply-a\ndata: {k: v}\n---\n"
                + "apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: apply-b\n";
        assertThat(streamText(kernel.execute(body), "stdout")).isEqualTo("configmap/apply-a created\nconfigmap/apply-b created\n");
        assertThat(streamText(kernel.execute(body), "stdout")).isEqualTo("configmap/apply-a unchanged\nconfigmap/apply-b unchanged\n");
        assertThat(streamText(kernel.execute(body.replace("{k: v}", "{k: w}")), "stdout")).startsWith("configmap/apply-a configured\n");
        assertThat(streamText(kernel.execute(body.replace("apply-a", "apply-c").replace("%%apply -n default", "%%apply --dry-run")), "stdout"))
                .startsWith("configmap/apply-c created (server dry run)");
        JsonNode err = error(kernel.execute("%%apply\napiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: tab\n"));
        assertThat(err.path("evalue").asText()).matches("%%apply: invalid YAML at line \\d+, column \\d+: .+");
    }

    @Test
    void etcdctlShowsStoredObjectsPrettyPrinted() throws Exception {
        kernel.execute("%kubectl create configmap stored --from-literal=a=b");
        JsonNode d = data(kernel.execute("%etcdctl get /registry/configmaps/default/stored"));
        assertThat(d.path("text/plain").asText()).startsWith("/registry/configmaps/default/stored\n{").contains("\"name\" : \"stored\"");
        String keys = streamText(kernel.execute("%etcdctl get /registry/namespaces --prefix --keys-only"), "stdout");
        assertThat(keys).contains("/registry/namespaces/default", "/registry/namespaces/kube-system");
    }

    @Test
    void componentsIsAWellFormedSvgWithEveryRunningComponent() throws Exception {
        JsonNode d = data(kernel.execute("%components"));
        String svg = d.path("image/svg+xml").asText();
        List<String> names = dataNames(xml(svg));
        assertThat(names).contains("control-plane", "component:etcd", "component:kube-apiserver");
        assertThat(names).contains("component:kube-scheduler", "component:kube-controller-manager", "node:kubelab-control-plane",
                "node:kubelab-worker", "node:kubelab-worker2", "component:kubelet@kubelab-worker", "component:kube-proxy@kubelab-worker2");
        assertThat(d.path("text/plain").asText()).contains("etcd", "running", "key-value store");
        kernel.execute("%lang ko");
        try {
            assertThat(data(kernel.execute("%components")).path("text/plain").asText()).contains("실행 중", "키-값 저장소");
        } finally {
            kernel.execute("%lang en");
        }
    }

    @Test
    void traceDrawsApiRequestsAndEtcdWritesInOrder() throws Exception {
        JsonNode d = data(kernel.execute("%%trace --no-settle\n%kubectl create configmap traced --from-literal=x=y", 120));
        Document svg = xml(d.path("image/svg+xml").asText());
        assertThat(dataNames(svg)).contains("lane:user/kubectl", "lane:kube-apiserver", "lane:etcd", "lane:kube-scheduler",
                "lane:kube-controller-manager");
        String table = d.path("text/plain").asText();
        int create = table.indexOf("create configmaps default/traced");
        int write = table.indexOf("/registry/configmaps/default/traced");
        assertThat(create).as(table).isPositive();
        assertThat(write).as(table).isGreaterThan(create);
        assertThat(table).contains("kubectl (").contains("source: the embedded kube-apiserver's audit stream");
        assertThat(d.path("text/html").asText()).contains("source: the embedded kube-apiserver's audit stream");
    }

    @Test
    void podCreationTraceShowsCreateEtcdWriteBindingAndRunning() throws Exception {
        JsonNode d = data(kernel.execute("%%trace\n%kubectl run traced-pod --image=nginx\n%kubectl wait --for=condition=Ready pod/traced-pod --timeout=60s", 120));
        String table = d.path("text/plain").asText();
        int create = table.indexOf("create pods default/traced-pod");
        int write = table.indexOf("/registry/pods/default/traced-pod");
        int binding = table.indexOf("create pods/binding default/traced-pod");
        // this pod's write that made it Running (a pod of an earlier cell may still be starting as the trace begins)
        int running = table.lines().filter(l -> l.contains("/registry/pods/default/traced-pod ") && l.contains("(phase Running"))
                .findFirst().map(table::indexOf).orElse(-1);
        assertThat(create).as(table).isPositive();
        assertThat(write).as(table).isGreaterThan(create);
        assertThat(binding).as(table).isGreaterThan(write);
        assertThat(running).as(table).isGreaterThan(binding);
        assertThat(dataNames(xml(d.path("image/svg+xml").asText()))).anyMatch(n -> n.startsWith("lane:kubelet@"));
        // each kubelet authenticates as system:node:<node>; the pod's steps are drawn on its own node's kubelet lane
        String node = result(kernel.execute("client.pods().inNamespace(\"default\").withName(\"traced-pod\").get().getSpec().getNodeName()"))
                .replace("\"", "");
        assertThat(table.lines().filter(l -> l.contains("traced-pod") && l.contains("kubelet@")).toList()).as(table)
                .isNotEmpty().allMatch(l -> l.contains("kubelet@" + node));
    }

    /** The tracer's pod watch outlives a cell (opening it per cell cost a third of a short cell) and an API server restart. */
    @Test
    void traceKeepsItsPodWatchAcrossCellsAndAnApiServerRestart() throws Exception {
        String first = data(kernel.execute("%%trace\n%kubectl run watched-a --image=nginx\n%kubectl wait --for=condition=Ready pod/watched-a --timeout=60s", 120))
                .path("text/plain").asText();
        assertThat(first.lines().filter(l -> l.contains("/registry/pods/default/watched-a") && l.contains("(phase Running")).toList()).as(first).isNotEmpty();
        assertThat(result(kernel.execute("%restart kube-apiserver", 180))).isEqualTo("kube-apiserver restarted");
        String second = data(kernel.execute("%%trace\n%kubectl run watched-b --image=nginx\n%kubectl wait --for=condition=Ready pod/watched-b --timeout=60s", 120))
                .path("text/plain").asText();
        assertThat(second.lines().filter(l -> l.contains("/registry/pods/default/watched-b") && l.contains("(phase Running")).toList()).as(second).isNotEmpty();
        // what the first trace saw is not carried into the second
        assertThat(second).doesNotContain("watched-a");
    }

    @Test
    void stopAndStartTheApiServer() throws Exception {
        assertThat(result(kernel.execute("%stop kube-apiserver", 180))).isEqualTo("kube-apiserver stopped");
        try {
            JsonNode down = kernel.execute("%kubectl get ns default --request-timeout=5s");
            assertThat(streamText(down, "stderr")).contains("The connection to the server 127.0.0.1:", "was refused");
        } finally {
            assertThat(result(kernel.execute("%start kube-apiserver", 180))).isEqualTo("kube-apiserver started");
        }
        assertThat(streamText(kernel.execute("%kubectl get ns default -o name"), "stdout")).isEqualTo("namespace/default\n");
        assertThat(result(kernel.execute("%restart kube-apiserver", 180))).isEqualTo("kube-apiserver restarted");
    }

    /** fabric8 imports (star imports make JShell recompile every earlier snippet) leave `client` and `cluster` bound. */
    @Test
    void clientAndClusterStayBoundAfterFabric8Imports() throws Exception {
        for (String cell : List.of("import io.fabric8.kubernetes.client.*;", "import io.fabric8.kubernetes.api.model.*;",
                "import io.fabric8.kubernetes.client.dsl.*;", "import io.fabric8.kubernetes.client.KubernetesClient;")) {
            JsonNode imported = kernel.execute(cell);
            assertThat(imported.path("reply").path("status").asText()).as(imported.toString()).isEqualTo("ok");
            assertThat(result(kernel.execute("client.namespaces().withName(\"default\").get().getMetadata().getName()", 60)))
                    .as("after " + cell).isEqualTo("\"default\"");
        }
        assertThat(result(kernel.execute("KubernetesClient k = client; k == client && cluster.client() != null"))).isEqualTo("true");
        assertThat(result(kernel.execute("cluster.provider().id()"))).isEqualTo("\"embedded\"");
    }

    @Test
    void checkVerifiesExercisesFromYamlAndJava() throws Exception {
        String before = result(kernel.execute("%check make-config"));
        assertThat(before).contains("✗ ConfigMap default/settings", "hint: kubectl create configmap settings", "✓ Namespace scratch does not exist", "1/2 passed");
        kernel.execute("%kubectl create configmap settings --from-literal=mode=fast");
        assertThat(result(kernel.execute("%check make-config"))).contains("✓ ConfigMap default/settings", "All checks passed!");
        assertThat(result(kernel.execute("%check --list"))).contains("make-config");
        kernel.execute("import dev.kubelab.magics.teaching.check.*;\n"
                + "Exercise.named(\"java-one\").title(\"Two settings\", \"설정 두 개\")"
                + ".expect(Expectation.custom(\"settings has 2 keys\", \"settings 키 2개\", c -> { var m = c.configMaps().inNamespace(\"default\").withName(\"settings\").get().getData(); return m.size() == 2 ? null : m.size() + \" keys\"; }).hint(\"add another key\", \"키를 하나 더 추가\"))"
                + ".register();");
        assertThat(result(kernel.execute("%check java-one"))).contains("✗ settings has 2 keys", "found: 1 keys", "hint: add another key");
        kernel.execute("%lang ko");
        try {
            assertThat(result(kernel.execute("%check java-one"))).contains("✗ settings 키 2개", "힌트: 키를 하나 더 추가");
        } finally {
            kernel.execute("%lang en");
        }
    }

    @Test
    void explainSaysWhyAPodIsWhereItIs() throws Exception {
        kernel.execute("%%apply\napiVersion: v1\nkind: Pod\nmetadata: {name: explained}\nspec:\n  nodeName: kubelab-worker\n  containers: [{name: c, image: nginx}]\n");
        String text = result(kernel.execute("%explain pod explained"));
        assertThat(text).contains("pod/explained is on kubelab-worker");
        assertThat(error(kernel.execute("%explain pod nobody")).path("evalue").asText()).contains("pod default/nobody not found");
    }

    @Test
    void explainShowsFiltersAndScoresFromTheScheduler() throws Exception {
        kernel.execute("%kubectl run scheduled --image=nginx");
        kernel.execute("%kubectl wait --for=condition=PodScheduled pod/scheduled --timeout=60s", 90);
        String text = result(kernel.execute("%explain pod scheduled"));
        assertThat(text).containsPattern("pod/scheduled is on kubelab-worker2?")
                .contains("rejected by TaintToleration", "passed filters", "TOTAL", "★", "attempt 1, 3 nodes evaluated");
    }

    @Test
    void kubeadmUpgradesOneMinorAtATimeAndDrainedNodes() throws Exception {
        String plan = result(kernel.execute("%kubeadm upgrade plan"));
        assertThat(plan).contains("[upgrade/versions] Cluster version: v1.31.", "Target version: v1.32.0", "kubelet", "kube-apiserver",
                "kubeadm upgrade apply v1.32.0");
        assertThat(error(kernel.execute("%kubeadm upgrade apply v1.33.0")).path("evalue").asText())
                .contains("Specified version to upgrade to \"v1.33.0\" is too high; kubeadm can upgrade only 1 minor version at a time");
        assertThat(error(kernel.execute("%kubeadm upgrade apply v1.30.0")).path("evalue").asText()).contains("Downgrades are not supported yet");
        assertThat(result(kernel.execute("%kubeadm upgrade apply v1.32.0", 240))).contains("SUCCESS! Your cluster was upgraded to \"v1.32.0\"");
        assertThat(result(kernel.execute("client.getKubernetesVersion().getGitVersion()", 60))).isEqualTo("\"v1.32.0\"");
        assertThat(error(kernel.execute("%kubeadm upgrade node kubelab-worker2")).path("evalue").asText())
                .contains("node kubelab-worker2 is not drained: run %kubectl drain kubelab-worker2");
        kernel.execute("%kubectl cordon kubelab-worker2");
        try {
            assertThat(result(kernel.execute("%kubeadm upgrade node kubelab-worker2", 60))).contains("kubelet upgraded");
            JsonNode waited = kernel.execute("%kubectl wait --for=jsonpath={.status.nodeInfo.kubeletVersion}=v1.32.0 node/kubelab-worker2 --timeout=60s", 90);
            assertThat(streamText(waited, "stdout")).contains("node/kubelab-worker2 condition met");
        } finally {
            kernel.execute("%kubectl uncordon kubelab-worker2");
        }
    }
}
