package dev.kubelab.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The parts wired into the request path, over HTTPS as kubeadm serves it (one server for the class): field
 * validation, decoder errors from defaulting, OpenAPI content negotiation, bootstrap objects, service allocation,
 * authentication/authorization reviews, TokenRequest, anonymous and forbidden requests, impersonation.
 */
class ApiServerWiringTest {

    static TestCluster c;

    @BeforeAll
    static void up() {
        c = TestCluster.secure();
        c.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"w\"}}");
        // kube-apiserver does not create a namespace's default ServiceAccount (kube-controller-manager does) ...
        assertThat(c.get("/api/v1/namespaces/w/serviceaccounts/default").code()).isEqualTo(404);
        c.defaultServiceAccount("w");
    }

    @AfterAll
    static void down() {
        c.close();
    }

    private static HttpResponse<String> raw(HttpClient client, String method, String path, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(c.cp.server() + path));
        for (int i = 0; i + 1 < headers.length; i += 2) b.header(headers[i], headers[i + 1]);
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        return client.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void fieldValidationStrictWarnIgnore() throws Exception {
        String cm = "{\"metadata\":{\"name\":\"%s\"},\"data\":{\"a\":\"1\"},\"bogus\":1,\"metadata2\":{}}";
        TestCluster.Reply strict = c.call("POST", "/api/v1/namespaces/w/configmaps?fieldValidation=Strict", "application/json", cm.formatted("s"));
        assertThat(strict.code()).isEqualTo(400);
        assertThat(strict.json().path("message").asText())
                .isEqualTo("ConfigMap in version \"v1\" cannot be handled as a ConfigMap: strict decoding error: unknown field \"bogus\", unknown field \"metadata2\"");
        TestCluster.Reply dup = c.call("POST", "/api/v1/namespaces/w/configmaps?fieldValidation=Strict", "application/json",
                "{\"metadata\":{\"name\":\"d\",\"name\":\"d\"}}");
        assertThat(dup.json().path("message").asText()).endsWith("strict decoding error: duplicate field \"metadata.name\"");

        HttpResponse<String> warn = raw(c.http, "POST", "/api/v1/namespaces/w/configmaps?fieldValidation=Warn", cm.formatted("warned"),
                "Content-Type", "application/json");
        assertThat(warn.statusCode()).isEqualTo(201);
        assertThat(warn.headers().allValues("Warning")).containsExactly("299 - \"unknown field \\\"bogus\\\"\"", "299 - \"unknown field \\\"metadata2\\\"\"");
        JsonNode stored = c.get("/api/v1/namespaces/w/configmaps/warned").json();
        assertThat(stored.has("bogus")).as("unknown fields are dropped, as decoding into the Go type drops them").isFalse();

        HttpResponse<String> ignore = raw(c.http, "POST", "/api/v1/namespaces/w/configmaps?fieldValidation=Ignore", cm.formatted("ignored"),
                "Content-Type", "application/json");
        assertThat(ignore.statusCode()).isEqualTo(201);
        assertThat(ignore.headers().allValues("Warning")).isEmpty();
        assertThat(c.call("POST", "/api/v1/namespaces/w/configmaps?fieldValidation=Sometimes", "application/json", cm.formatted("x")).code())
                .isEqualTo(400);
    }

    @Test
    void decoderErrorsFromDefaultingAre400() {
        TestCluster.Reply secret = c.post("/api/v1/namespaces/w/secrets", "{\"metadata\":{\"name\":\"s\"},\"data\":{\"k\":\"%%% not base64\"}}");
        assertThat(secret.code()).isEqualTo(400);
        assertThat(secret.json().path("kind").asText()).isEqualTo("Status");
    }

    @Test
    void openApiV2IsJsonAnd406ForProtobufOnly() {
        TestCluster.Reply json = c.get("/openapi/v2", "Accept", "application/json");
        assertThat(json.code()).isEqualTo(200);
        assertThat(json.json().path("swagger").asText()).isEqualTo("2.0");
        assertThat(c.get("/openapi/v2", "Accept", "application/com.github.proto-openapi.spec.v2@v1.0+protobuf").code()).isEqualTo(406);
        JsonNode index = c.get("/openapi/v3").json();
        String apps = index.path("paths").path("apis/apps/v1").path("serverRelativeURL").asText();
        assertThat(apps).startsWith("/openapi/v3/apis/apps/v1?hash=");
        assertThat(c.get(apps).json().path("components").path("schemas").has("io.k8s.api.apps.v1.Deployment")).isTrue();
    }

    @Test
    void bootstrapObjectsAreStoredOnce() {
        assertThat(c.get("/apis/rbac.authorization.k8s.io/v1/clusterroles/cluster-admin").code()).isEqualTo(200);
        assertThat(c.get("/apis/rbac.authorization.k8s.io/v1/clusterrolebindings/kubeadm:cluster-admins").json()
                .at("/subjects/0/name").asText()).isEqualTo("kubeadm:cluster-admins");
        assertThat(c.get("/apis/rbac.authorization.k8s.io/v1/namespaces/kube-system/roles").json().path("items").size()).isPositive();
        assertThat(c.get("/apis/scheduling.k8s.io/v1/priorityclasses/system-node-critical").json().path("value").asInt()).isEqualTo(2000001000);
        JsonNode svc = c.get("/api/v1/namespaces/default/services/kubernetes").json();
        assertThat(svc.at("/spec/clusterIP").asText()).isEqualTo("10.96.0.1");
        JsonNode ep = c.get("/api/v1/namespaces/default/endpoints/kubernetes").json();
        assertThat(ep.at("/subsets/0/ports/0/port").asInt()).isEqualTo(c.cp.apiServer().port());
        assertThat(c.get("/apis/discovery.k8s.io/v1/namespaces/default/endpointslices/kubernetes").json().at("/endpoints/0/addresses/0").asText())
                .isEqualTo("127.0.0.1");
        assertThat(c.get("/api/v1/namespaces/w/configmaps/kube-root-ca.crt").json().at("/data/ca.crt").asText()).startsWith("-----BEGIN CERTIFICATE-----");
    }

    @Test
    void withoutAControllerManagerPodsInANewNamespaceAreForbiddenUntilItsDefaultServiceAccountExists() {
        c.post("/api/v1/namespaces", "{\"metadata\":{\"name\":\"nosa\"}}");
        String pod = "{\"metadata\":{\"name\":\"x\"},\"spec\":{\"containers\":[{\"name\":\"c\",\"image\":\"nginx\"}]}}";
        TestCluster.Reply rejected = c.post("/api/v1/namespaces/nosa/pods", pod);
        assertThat(rejected.code()).isEqualTo(403);
        assertThat(rejected.json().path("message").asText())
                .isEqualTo("pods \"x\" is forbidden: error looking up service account nosa/default: serviceaccount \"default\" not found");
        c.defaultServiceAccount("nosa");
        assertThat(c.post("/api/v1/namespaces/nosa/pods", pod).code()).isEqualTo(201);
    }

    @Test
    void servicesGetClusterIpsAndNodePorts() {
        String svc = "{\"metadata\":{\"name\":\"%s\"},\"spec\":{\"type\":\"%s\",%s\"ports\":[{\"port\":80}]}}";
        JsonNode a = c.post("/api/v1/namespaces/w/services", svc.formatted("a", "NodePort", "")).json();
        String ip = a.at("/spec/clusterIP").asText();
        assertThat(ip).matches("10\\.(9[6-9]|10[0-9]|11[01])\\.\\d+\\.\\d+").isNotEqualTo("10.96.0.1");
        assertThat(a.at("/spec/clusterIPs/0").asText()).isEqualTo(ip);
        assertThat(a.at("/spec/ports/0/nodePort").asInt()).isBetween(30000, 32767);
        TestCluster.Reply taken = c.post("/api/v1/namespaces/w/services", svc.formatted("b", "ClusterIP", "\"clusterIP\":\"" + ip + "\","));
        assertThat(taken.code()).isEqualTo(422);
        assertThat(taken.json().path("message").asText()).isEqualTo("Service \"b\" is invalid: spec.clusterIPs: Invalid value: []string{\""
                + ip + "\"}: failed to allocate IP " + ip + ": provided IP is already allocated");
        TestCluster.Reply outside = c.post("/api/v1/namespaces/w/services", svc.formatted("c", "ClusterIP", "\"clusterIP\":\"192.168.1.1\","));
        assertThat(outside.json().path("message").asText()).contains("the provided IP (192.168.1.1) is not in the valid range. The range of valid IPs is 10.96.0.0/12");
        TestCluster.Reply badPort = c.post("/api/v1/namespaces/w/services",
                "{\"metadata\":{\"name\":\"d\"},\"spec\":{\"type\":\"NodePort\",\"ports\":[{\"port\":80,\"nodePort\":80}]}}");
        assertThat(badPort.json().path("message").asText())
                .contains("spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767");
        assertThat(c.post("/api/v1/namespaces/w/services", svc.formatted("h", "ClusterIP", "\"clusterIP\":\"None\",")).json()
                .at("/spec/clusterIP").asText()).isEqualTo("None");
        assertThat(c.post("/api/v1/namespaces/w/services",
                "{\"metadata\":{\"name\":\"x\"},\"spec\":{\"type\":\"ExternalName\",\"externalName\":\"example.com\"}}").json()
                .at("/spec/clusterIP").isMissingNode()).isTrue();
    }

    @Test
    void reviewsAndTokens() {
        JsonNode whoami = c.post("/apis/authentication.k8s.io/v1/selfsubjectreviews", "{\"apiVersion\":\"authentication.k8s.io/v1\",\"kind\":\"SelfSubjectReview\"}").json();
        assertThat(whoami.at("/status/userInfo/username").asText()).isEqualTo("kubernetes-admin");
        JsonNode ssar = c.post("/apis/authorization.k8s.io/v1/selfsubjectaccessreviews",
                "{\"spec\":{\"resourceAttributes\":{\"verb\":\"delete\",\"resource\":\"nodes\"}}}").json();
        assertThat(ssar.at("/status/allowed").asBoolean()).isTrue();
        JsonNode sar = c.post("/apis/authorization.k8s.io/v1/subjectaccessreviews",
                "{\"spec\":{\"user\":\"jane\",\"resourceAttributes\":{\"verb\":\"get\",\"resource\":\"pods\",\"namespace\":\"w\"}}}").json();
        assertThat(sar.at("/status/allowed").asBoolean()).isFalse();
        JsonNode token = c.post("/api/v1/namespaces/w/serviceaccounts/default/token", "{\"spec\":{\"expirationSeconds\":3600}}").json();
        String jwt = token.at("/status/token").asText();
        assertThat(jwt.split("\\.")).hasSize(3);
        JsonNode review = c.post("/apis/authentication.k8s.io/v1/tokenreviews", "{\"spec\":{\"token\":\"" + jwt + "\"}}").json();
        assertThat(review.at("/status/authenticated").asBoolean()).isTrue();
        assertThat(review.at("/status/user/username").asText()).isEqualTo("system:serviceaccount:w:default");
        assertThat(c.post("/api/v1/namespaces/w/serviceaccounts/nobody/token", "{}").code()).isEqualTo(404);
    }

    @Test
    void serviceAccountTokensAnonymousAndForbidden() throws Exception {
        HttpClient plainTls = HttpClient.newBuilder().sslContext(dev.kubelab.pki.JdkTls.clientContext(c.cp.pki(),
                c.cp.pki().clientCertificate("nobody-in-particular", List.of()))).build();
        // a user without grants: kubectl's 403 wording
        HttpResponse<String> forbidden = raw(plainTls, "GET", "/api/v1/namespaces/w/pods", null);
        assertThat(forbidden.statusCode()).isEqualTo(403);
        assertThat(forbidden.body()).contains("pods is forbidden: User \\\"nobody-in-particular\\\" cannot list resource \\\"pods\\\" in API group \\\"\\\" in the namespace \\\"w\\\"");
        // a service-account token authenticates as the account (which may read nothing yet); with a client
        // certificate too, x509 would win, as kube-apiserver's authenticator order has it
        HttpClient anonymous = HttpClient.newBuilder().sslContext(trustOnly()).build();
        String jwt = c.post("/api/v1/namespaces/w/serviceaccounts/default/token", "{}").json().at("/status/token").asText();
        HttpResponse<String> asSa = raw(anonymous, "GET", "/api/v1/namespaces/w/pods", null, "Authorization", "Bearer " + jwt);
        assertThat(asSa.body()).contains("User \\\"system:serviceaccount:w:default\\\" cannot list resource");
        // a bad token is 401, not anonymous
        assertThat(raw(anonymous, "GET", "/api/v1/namespaces/w/pods", null, "Authorization", "Bearer garbage").statusCode()).isEqualTo(401);
        // impersonation needs the impersonate verb
        HttpResponse<String> imp = raw(plainTls, "GET", "/api/v1/namespaces/w/pods", null, "Impersonate-User", "kubernetes-admin");
        assertThat(imp.statusCode()).isEqualTo(403);
        assertThat(imp.body()).contains("users \\\"kubernetes-admin\\\" is forbidden: User \\\"nobody-in-particular\\\" cannot impersonate resource \\\"users\\\"");
        // the admin may impersonate; the impersonated user is then subject to RBAC
        assertThat(c.get("/api/v1/namespaces/w/pods", "Impersonate-User", "jane").code()).isEqualTo(403);
        // anonymous may read /version and /healthz (system:public-info-viewer), nothing else
        assertThat(raw(anonymous, "GET", "/version", null).statusCode()).isEqualTo(200);
        HttpResponse<String> anonPods = raw(anonymous, "GET", "/api/v1/pods", null);
        assertThat(anonPods.statusCode()).isEqualTo(403);
        assertThat(anonPods.body()).contains("User \\\"system:anonymous\\\" cannot list resource \\\"pods\\\" in API group \\\"\\\" at the cluster scope");
    }

    @Test
    void rbacWritesTakeEffectImmediately() throws Exception {
        HttpClient bob = HttpClient.newBuilder().sslContext(dev.kubelab.pki.JdkTls.clientContext(c.cp.pki(),
                c.cp.pki().clientCertificate("bob", List.of()))).build();
        assertThat(raw(bob, "GET", "/api/v1/namespaces/w/configmaps", null).statusCode()).isEqualTo(403);
        assertThat(c.post("/apis/rbac.authorization.k8s.io/v1/namespaces/w/roles",
                "{\"metadata\":{\"name\":\"cm-reader\"},\"rules\":[{\"apiGroups\":[\"\"],\"resources\":[\"configmaps\"],\"verbs\":[\"list\"]}]}").code()).isEqualTo(201);
        assertThat(c.post("/apis/rbac.authorization.k8s.io/v1/namespaces/w/rolebindings",
                "{\"metadata\":{\"name\":\"bob\"},\"roleRef\":{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"Role\",\"name\":\"cm-reader\"},"
                        + "\"subjects\":[{\"apiGroup\":\"rbac.authorization.k8s.io\",\"kind\":\"User\",\"name\":\"bob\"}]}").code()).isEqualTo(201);
        // the authorizer's cache is invalidated by the write: no waiting
        assertThat(raw(bob, "GET", "/api/v1/namespaces/w/configmaps", null).statusCode()).isEqualTo(200);
        assertThat(c.delete("/apis/rbac.authorization.k8s.io/v1/namespaces/w/rolebindings/bob").code()).isEqualTo(200);
        assertThat(raw(bob, "GET", "/api/v1/namespaces/w/configmaps", null).statusCode()).isEqualTo(403);
    }

    private static javax.net.ssl.SSLContext trustOnly() throws Exception {
        java.security.KeyStore trust = java.security.KeyStore.getInstance("PKCS12");
        trust.load(null, null);
        trust.setCertificateEntry("ca", c.cp.pki().ca().certificate());
        javax.net.ssl.TrustManagerFactory tmf = javax.net.ssl.TrustManagerFactory.getInstance(javax.net.ssl.TrustManagerFactory.getDefaultAlgorithm());
        tmf.init(trust);
        javax.net.ssl.SSLContext ctx = javax.net.ssl.SSLContext.getInstance("TLS");
        ctx.init(null, tmf.getTrustManagers(), null);
        return ctx;
    }
}
