package dev.kubelab.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The REST API over real etcd, through java.net.http. */
class ApiServerHttpTest {

    static TestCluster c;

    @BeforeAll
    static void up() {
        c = new TestCluster();
    }

    @AfterAll
    static void down() {
        c.close();
    }

    static String pod(String name, String labels) {
        return "{\"apiVersion\":\"v1\",\"kind\":\"Pod\",\"metadata\":{\"name\":\"" + name + "\",\"labels\":{" + labels + "}},"
                + "\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}";
    }

    @Test
    void discoveryVersionHealth() {
        assertThat(c.get("/version").json().path("gitVersion").asText()).startsWith("v1.31.");
        assertThat(c.get("/api").json().path("versions").get(0).asText()).isEqualTo("v1");
        assertThat(c.get("/apis").json().path("groups").toString()).contains("\"name\":\"apps\"");
        JsonNode core = c.get("/api/v1").json();
        assertThat(core.path("resources").toString()).contains("\"name\":\"pods\"", "\"name\":\"pods/status\"", "\"shortNames\":[\"po\"]");
        TestCluster.Reply agg = c.get("/apis", "Accept", "application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json");
        assertThat(agg.contentType()).contains("apidiscovery.k8s.io").contains("v=v2");
        assertThat(agg.json().path("kind").asText()).isEqualTo("APIGroupDiscoveryList");
        assertThat(c.get("/readyz?verbose").body()).contains("[+]etcd ok").contains("readyz check passed");
        assertThat(c.get("/healthz").body()).isEqualTo("ok");
        assertThat(c.get("/api/v1/namespaces").json().path("items").toString()).contains("kube-system", "default", "kube-node-lease");
    }

    @Test
    void crudWithResourceVersionsAndErrorsAsKubeApiserver() {
        TestCluster.Reply r = c.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"cm1\"},\"data\":{\"a\":\"1\"}}");
        assertThat(r.code()).isEqualTo(201);
        JsonNode cm = r.json();
        String rv = cm.path("metadata").path("resourceVersion").asText();
        assertThat(cm.path("metadata").path("uid").asText()).hasSize(36);
        assertThat(cm.path("kind").asText()).isEqualTo("ConfigMap");
        TestCluster.Reply dup = c.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"cm1\"}}");
        assertThat(dup.code()).isEqualTo(409);
        assertThat(dup.json().path("reason").asText()).isEqualTo("AlreadyExists");
        assertThat(dup.json().path("message").asText()).isEqualTo("configmaps \"cm1\" already exists");
        // update with the right RV, then with the stale one
        String upd = "{\"metadata\":{\"name\":\"cm1\",\"resourceVersion\":\"" + rv + "\"},\"data\":{\"a\":\"2\"}}";
        assertThat(c.put("/api/v1/namespaces/default/configmaps/cm1", upd).code()).isEqualTo(200);
        TestCluster.Reply stale = c.put("/api/v1/namespaces/default/configmaps/cm1", upd);
        assertThat(stale.code()).isEqualTo(409);
        assertThat(stale.json().path("message").asText()).isEqualTo("Operation cannot be fulfilled on configmaps \"cm1\": the object has been "
                + "modified; please apply your changes to the latest version and try again");
        TestCluster.Reply nf = c.get("/api/v1/namespaces/default/configmaps/nope");
        assertThat(nf.code()).isEqualTo(404);
        assertThat(nf.json().path("message").asText()).isEqualTo("configmaps \"nope\" not found");
        assertThat(nf.json().path("details").path("kind").asText()).isEqualTo("configmaps");
        assertThat(c.get("/apis/apps/v1/namespaces/default/deployments/x").json().path("message").asText())
                .isEqualTo("deployments.apps \"x\" not found");
        assertThat(c.delete("/api/v1/namespaces/default/configmaps/cm1").code()).isEqualTo(200);
        assertThat(c.get("/api/v1/namespaces/default/configmaps/cm1").code()).isEqualTo(404);
        assertThat(c.get("/api/v1/namespaces/default/widgets").json().path("message").asText())
                .isEqualTo("the server could not find the requested resource");
        TestCluster.Reply bad = c.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":");
        assertThat(bad.code()).isEqualTo(400);
        TestCluster.Reply yamlBad = c.call("POST", "/api/v1/namespaces/default/configmaps", "application/yaml", "a: [");
        assertThat(yamlBad.code()).isEqualTo(400);
        // a protobuf body (some typed kubectl create sub-commands send one): 415 naming what this server reads
        TestCluster.Reply proto = c.call("POST", "/api/v1/namespaces/default/configmaps", "application/vnd.kubernetes.protobuf", "k8s\u0000");
        assertThat(proto.code()).isEqualTo(415);
        assertThat(proto.json().path("reason").asText()).isEqualTo("UnsupportedMediaType");
        assertThat(proto.json().path("message").asText()).endsWith("accepted media types include: application/json, application/yaml");
        TestCluster.Reply invalid = c.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"Bad_Name\"}}");
        assertThat(invalid.code()).isEqualTo(422);
        assertThat(invalid.json().path("message").asText()).startsWith("ConfigMap \"Bad_Name\" is invalid: metadata.name: Invalid value");
        TestCluster.Reply big = c.post("/api/v1/namespaces/default/configmaps", "{\"data\":{\"x\":\"" + "a".repeat(4 * 1024 * 1024) + "\"}}");
        assertThat(big.code()).isEqualTo(413);
        assertThat(c.post("/api/v1/namespaces/default/configmaps?dryRun=All", "{\"metadata\":{\"name\":\"dry\"}}").code()).isEqualTo(201);
        assertThat(c.get("/api/v1/namespaces/default/configmaps/dry").code()).isEqualTo(404);
    }

    @Test
    void listSelectorsAndPagination() {
        c.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"sel\"}}");
        c.defaultServiceAccount("sel");
        for (int i = 0; i < 7; i++) {
            assertThat(c.post("/api/v1/namespaces/sel/pods", pod("p" + i, "\"app\":\"" + (i % 2 == 0 ? "even" : "odd") + "\"")).code()).isEqualTo(201);
        }
        assertThat(c.get("/api/v1/namespaces/sel/pods?labelSelector=app%3Deven").json().path("items")).hasSize(4);
        assertThat(c.get("/api/v1/namespaces/sel/pods?labelSelector=app%20in%20(odd)").json().path("items")).hasSize(3);
        assertThat(c.get("/api/v1/namespaces/sel/pods?labelSelector=app!%3Deven").json().path("items")).hasSize(3);
        assertThat(c.get("/api/v1/namespaces/sel/pods?labelSelector=!app").json().path("items")).hasSize(0);
        assertThat(c.get("/api/v1/namespaces/sel/pods?fieldSelector=metadata.name%3Dp3").json().path("items")).hasSize(1);
        assertThat(c.get("/api/v1/pods?fieldSelector=metadata.namespace%3Dsel").json().path("items")).hasSize(7);
        TestCluster.Reply bad = c.get("/api/v1/namespaces/sel/pods?fieldSelector=spec.foo%3Dx");
        assertThat(bad.code()).isEqualTo(400);
        assertThat(bad.json().path("message").asText()).isEqualTo("field label not supported: spec.foo");
        assertThat(c.get("/api/v1/namespaces/sel/pods?labelSelector=a%3D%3D%3Db").code()).isEqualTo(400);
        List<String> names = new ArrayList<>();
        String cont = null;
        int pages = 0;
        do {
            JsonNode page = c.get("/api/v1/namespaces/sel/pods?limit=3" + (cont == null ? "" : "&continue=" + cont)).json();
            page.path("items").forEach(i -> names.add(i.path("metadata").path("name").asText()));
            cont = page.path("metadata").path("continue").asText(null);
            pages++;
        } while (cont != null && !cont.isEmpty());
        assertThat(pages).isEqualTo(3);
        assertThat(names).containsExactly("p0", "p1", "p2", "p3", "p4", "p5", "p6");
        assertThat(c.get("/api/v1/namespaces/sel/pods?limit=1&continue=garbage").code()).isEqualTo(400);
        JsonNode table = c.get("/api/v1/namespaces/sel/pods", "Accept", "application/json;as=Table;v=v1;g=meta.k8s.io,application/json").json();
        assertThat(table.path("kind").asText()).isEqualTo("Table");
        assertThat(table.path("rows")).hasSize(7);
        assertThat(table.path("rows").get(0).path("object").path("kind").asText()).isEqualTo("PartialObjectMetadata");
    }

    @Test
    void watchFromResourceVersionSeesAddedModifiedDeleted() throws Exception {
        c.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"w\"}}");
        String rv = c.get("/api/v1/namespaces/w/configmaps").json().path("metadata").path("resourceVersion").asText();
        HttpRequest req = HttpRequest.newBuilder(URI.create(c.cp.server() + "/api/v1/namespaces/w/configmaps?watch=true&resourceVersion=" + rv)).build();
        HttpResponse<java.io.InputStream> resp = c.http.send(req, HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader in = new BufferedReader(new InputStreamReader(resp.body()));
        c.post("/api/v1/namespaces/w/configmaps", "{\"metadata\":{\"name\":\"a\"}}");
        c.patch("/api/v1/namespaces/w/configmaps/a", "application/merge-patch+json", "{\"data\":{\"k\":\"v\"}}");
        c.delete("/api/v1/namespaces/w/configmaps/a");
        List<String> types = new ArrayList<>();
        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
            try {
                for (int i = 0; i < 3; i++) types.add(Json.MAPPER.readTree(in.readLine()).path("type").asText());
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        read.get(20, TimeUnit.SECONDS);
        resp.body().close();
        assertThat(types).containsExactly("ADDED", "MODIFIED", "DELETED");
    }

    @Test
    void patchesOfEveryKind() {
        c.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"pt\"}}");
        c.defaultServiceAccount("pt");
        c.post("/api/v1/namespaces/pt/pods", "{\"metadata\":{\"name\":\"p\"},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx\"},{\"name\":\"b\",\"image\":\"busybox\"}]}}");
        JsonNode smp = c.patch("/api/v1/namespaces/pt/pods/p", "application/strategic-merge-patch+json",
                "{\"spec\":{\"containers\":[{\"name\":\"b\",\"image\":\"busybox:2\"}]}}").json();
        assertThat(smp.at("/spec/containers").size()).isEqualTo(2);
        assertThat(smp.at("/spec/containers/1/image").asText()).isEqualTo("busybox:2");
        JsonNode merge = c.patch("/api/v1/namespaces/pt/pods/p", "application/merge-patch+json",
                "{\"metadata\":{\"labels\":{\"x\":\"1\"}}}").json();
        assertThat(merge.at("/metadata/labels/x").asText()).isEqualTo("1");
        JsonNode jp = c.patch("/api/v1/namespaces/pt/pods/p", "application/json-patch+json",
                "[{\"op\":\"add\",\"path\":\"/metadata/labels/y\",\"value\":\"2\"}]").json();
        assertThat(jp.at("/metadata/labels/y").asText()).isEqualTo("2");
        assertThat(c.patch("/api/v1/namespaces/pt/pods/p", "application/json-patch+json", "[{\"op\":\"test\",\"path\":\"/metadata/name\",\"value\":\"q\"}]").code()).isEqualTo(422);
        assertThat(c.patch("/api/v1/namespaces/pt/pods/p", "application/json-patch+json", "{}").code()).isEqualTo(400);
        assertThat(c.patch("/api/v1/namespaces/pt/pods/p", "text/plain", "{}").code()).isEqualTo(415);
        // $patch: delete removes the element by its merge key; a pod may not lose a container (422, as kube-apiserver)
        TestCluster.Reply del = c.patch("/api/v1/namespaces/pt/pods/p", "application/strategic-merge-patch+json",
                "{\"spec\":{\"containers\":[{\"name\":\"a\",\"$patch\":\"delete\"}]}}");
        assertThat(del.code()).isEqualTo(422);
        assertThat(del.json().path("message").asText()).contains("pod updates may not change fields other than");
        c.post("/apis/apps/v1/namespaces/pt/deployments", "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"selector\":{\"matchLabels\":{\"a\":\"b\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"a\",\"image\":\"nginx\"},{\"name\":\"b\",\"image\":\"busybox\"}]}}}}");
        JsonNode depDel = c.patch("/apis/apps/v1/namespaces/pt/deployments/d", "application/strategic-merge-patch+json",
                "{\"spec\":{\"template\":{\"spec\":{\"containers\":[{\"name\":\"a\",\"$patch\":\"delete\"}]}}}}").json();
        assertThat(depDel.at("/spec/template/spec/containers").size()).isEqualTo(1);
        assertThat(depDel.at("/spec/template/spec/containers/0/name").asText()).isEqualTo("b");
    }

    @Test
    void serverSideApplyTracksManagersAndReportsConflicts() {
        c.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"ssa\"}}");
        String dep = "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: web\nspec:\n  replicas: 2\n  selector:\n    matchLabels: {app: web}\n"
                + "  template:\n    metadata:\n      labels: {app: web}\n    spec:\n      containers:\n      - name: nginx\n        image: nginx\n";
        TestCluster.Reply created = c.call("PATCH", "/apis/apps/v1/namespaces/ssa/deployments/web?fieldManager=alice", "application/apply-patch+yaml", dep);
        assertThat(created.code()).isEqualTo(201);
        assertThat(created.json().at("/metadata/managedFields/0/manager").asText()).isEqualTo("alice");
        assertThat(created.json().at("/metadata/managedFields/0/operation").asText()).isEqualTo("Apply");
        TestCluster.Reply conflict = c.call("PATCH", "/apis/apps/v1/namespaces/ssa/deployments/web?fieldManager=bob", "application/apply-patch+yaml",
                dep.replace("replicas: 2", "replicas: 5"));
        assertThat(conflict.code()).isEqualTo(409);
        assertThat(conflict.json().path("message").asText()).isEqualTo("Apply failed with 1 conflict: conflict with \"alice\": .spec.replicas");
        TestCluster.Reply forced = c.call("PATCH", "/apis/apps/v1/namespaces/ssa/deployments/web?fieldManager=bob&force=true", "application/apply-patch+yaml",
                dep.replace("replicas: 2", "replicas: 5"));
        assertThat(forced.code()).isEqualTo(200);
        assertThat(forced.json().at("/spec/replicas").asInt()).isEqualTo(5);
        assertThat(c.call("PATCH", "/apis/apps/v1/namespaces/ssa/deployments/web", "application/apply-patch+yaml", dep).code()).isEqualTo(400);
    }

    @Test
    void subresourcesBindingScaleEvictionStatus() {
        c.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"sub\"}}");
        c.defaultServiceAccount("sub");
        c.post("/api/v1/namespaces/sub/pods", pod("b", "\"app\":\"db\""));
        String binding = "{\"apiVersion\":\"v1\",\"kind\":\"Binding\",\"metadata\":{\"name\":\"b\"},\"target\":{\"kind\":\"Node\",\"name\":\"n1\"}}";
        assertThat(c.post("/api/v1/namespaces/sub/pods/b/binding", binding).code()).isEqualTo(201);
        assertThat(c.get("/api/v1/namespaces/sub/pods/b").json().at("/spec/nodeName").asText()).isEqualTo("n1");
        TestCluster.Reply again = c.post("/api/v1/namespaces/sub/pods/b/binding", binding);
        assertThat(again.code()).isEqualTo(409);
        assertThat(again.json().path("message").asText()).contains("is already assigned to node \"n1\"");
        // status: only .status changes
        JsonNode pod = c.get("/api/v1/namespaces/sub/pods/b").json();
        ((com.fasterxml.jackson.databind.node.ObjectNode) pod).putObject("status").put("phase", "Running");
        ((com.fasterxml.jackson.databind.node.ObjectNode) pod.path("metadata")).putObject("labels").put("app", "changed");
        JsonNode st = c.put("/api/v1/namespaces/sub/pods/b/status", pod.toString()).json();
        assertThat(st.at("/status/phase").asText()).isEqualTo("Running");
        assertThat(st.at("/metadata/labels/app").asText()).isEqualTo("db");
        // a PDB that allows no disruption blocks eviction with 429
        c.post("/apis/policy/v1/namespaces/sub/poddisruptionbudgets",
                "{\"metadata\":{\"name\":\"db-pdb\"},\"spec\":{\"minAvailable\":1,\"selector\":{\"matchLabels\":{\"app\":\"db\"}}},"
                        + "\"status\":{\"disruptionsAllowed\":0,\"currentHealthy\":1,\"desiredHealthy\":1,\"expectedPods\":1}}");
        c.put("/apis/policy/v1/namespaces/sub/poddisruptionbudgets/db-pdb/status",
                "{\"metadata\":{\"name\":\"db-pdb\"},\"status\":{\"disruptionsAllowed\":0,\"currentHealthy\":1,\"desiredHealthy\":1,\"expectedPods\":1}}");
        TestCluster.Reply ev = c.post("/api/v1/namespaces/sub/pods/b/eviction",
                "{\"apiVersion\":\"policy/v1\",\"kind\":\"Eviction\",\"metadata\":{\"name\":\"b\"}}");
        assertThat(ev.code()).isEqualTo(429);
        assertThat(ev.json().path("message").asText()).isEqualTo("Cannot evict pod as it would violate the pod's disruption budget.");
        // scale
        c.post("/apis/apps/v1/namespaces/sub/deployments", "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"replicas\":1,\"selector\":{\"matchLabels\":{\"a\":\"b\"}},"
                + "\"template\":{\"metadata\":{\"labels\":{\"a\":\"b\"}},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"x\"}]}}}}");
        JsonNode scale = c.get("/apis/apps/v1/namespaces/sub/deployments/d/scale").json();
        assertThat(scale.path("kind").asText()).isEqualTo("Scale");
        assertThat(scale.at("/status/selector").asText()).isEqualTo("a=b");
        c.patch("/apis/apps/v1/namespaces/sub/deployments/d/scale", "application/merge-patch+json", "{\"spec\":{\"replicas\":4}}");
        assertThat(c.get("/apis/apps/v1/namespaces/sub/deployments/d").json().at("/spec/replicas").asInt()).isEqualTo(4);
        // graceful deletion of a bound pod sets deletionTimestamp; force deletes
        JsonNode graceful = c.delete("/api/v1/namespaces/sub/pods/b").json();
        assertThat(graceful.at("/metadata/deletionTimestamp").isTextual()).isTrue();
        assertThat(graceful.at("/metadata/deletionGracePeriodSeconds").asInt()).isEqualTo(30);
        assertThat(c.call("DELETE", "/api/v1/namespaces/sub/pods/b", "application/json", "{\"gracePeriodSeconds\":0}").code()).isEqualTo(200);
        assertThat(c.get("/api/v1/namespaces/sub/pods/b").code()).isEqualTo(404);
        TestCluster.Reply logs = c.post("/api/v1/namespaces/sub/pods", pod("l", ""));
        assertThat(logs.code()).isEqualTo(201);
        assertThat(c.get("/api/v1/namespaces/sub/pods/l/log").json().path("message").asText())
                .isEqualTo("container \"c\" in pod \"l\" is waiting to start: ContainerCreating");
    }

    @Test
    void etcdDownGivesA5xxStatusAndTheApiRecovers() {
        c.cp.etcd().stop();
        try {
            TestCluster.Reply r = c.get("/api/v1/namespaces/default/pods");
            assertThat(r.code()).isEqualTo(503);
            assertThat(r.json().path("kind").asText()).isEqualTo("Status");
            assertThat(r.json().path("message").asText()).contains("etcd");
            assertThat(c.get("/readyz").code()).isEqualTo(500);
        } finally {
            c.cp.etcd().restart();
        }
        awaitRecovery();
        assertThat(c.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"after-outage\"}}").code()).isEqualTo(201);
    }

    /** The API recovers by itself once etcd is back (jetcd reconnects); polled, since reconnecting takes a moment. */
    private static void awaitRecovery() {
        TestCluster.await("the API answers again after etcd returned", () -> c.get("/api/v1/namespaces/default/pods").code() == 200);
    }

    @Test
    void etcdKilledMidLoadLeavesNoPartialObjects() throws Exception {
        c.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"kill\"}}");
        java.util.Map<String, Integer> results = new java.util.concurrent.ConcurrentHashMap<>();
        java.util.concurrent.atomic.AtomicInteger next = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.CountDownLatch started = new java.util.concurrent.CountDownLatch(40);
        java.util.List<Thread> writers = new java.util.ArrayList<>();
        java.util.List<String> badAnswers = new java.util.concurrent.CopyOnWriteArrayList<>();
        for (int w = 0; w < 4; w++) {
            Thread t = new Thread(() -> {
                for (int i; (i = next.getAndIncrement()) < 2000; ) {
                    String name = "cm-" + i;
                    TestCluster.Reply r = c.post("/api/v1/namespaces/kill/configmaps",
                            "{\"metadata\":{\"name\":\"" + name + "\"},\"data\":{\"k\":\"" + "v".repeat(2000) + "\"}}");
                    results.put(name, r.code());
                    if (r.code() != 201 && !(r.code() >= 500 && r.json().path("kind").asText().equals("Status"))) badAnswers.add(r.code() + " " + r.body());
                    started.countDown();
                    if (r.code() >= 500) break;   // one failed write per writer shows the outage; no need to queue more
                }
            });
            writers.add(t);
            t.start();
        }
        started.await(60, java.util.concurrent.TimeUnit.SECONDS);
        ProcessHandle.of(c.cp.etcd().pid().orElseThrow()).orElseThrow().destroyForcibly();   // SIGKILL mid-load
        for (Thread t : writers) t.join(120_000);
        c.cp.etcd().restart();
        awaitRecovery();
        assertThat(badAnswers).as("every answer is a 201 or a 5xx Status, never a client error or a hang").isEmpty();
        assertThat(results.values()).contains(201).anyMatch(code -> code >= 500);
        JsonNode items = c.get("/api/v1/namespaces/kill/configmaps").json().path("items");
        java.util.Set<String> stored = new java.util.HashSet<>();
        for (JsonNode cm : items) {
            String name = cm.at("/metadata/name").asText();
            if (!name.startsWith("cm-")) continue;
            stored.add(name);
            // no partial objects: whatever is stored is complete
            assertThat(cm.at("/metadata/uid").asText()).isNotEmpty();
            assertThat(cm.at("/metadata/creationTimestamp").asText()).isNotEmpty();
            assertThat(cm.at("/data/k").asText()).hasSize(2000);
        }
        results.forEach((name, code) -> { if (code == 201) assertThat(stored).as("acknowledged creates survive").contains(name); });
    }
}
