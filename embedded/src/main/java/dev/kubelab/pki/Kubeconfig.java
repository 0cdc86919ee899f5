package dev.kubelab.pki;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;

/**
 * A kubeconfig file as kubeadm writes it (kubeconfigutil.CreateWithCerts): one cluster with the CA embedded,
 * one user with an embedded client certificate and key, one context named {@code <user>@<cluster>}.
 */
public final class Kubeconfig {

    private static final YAMLMapper YAML = new YAMLMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private Kubeconfig() {}

    public static String withClientCertificate(String clusterName, String serverUrl, String caPem,
                                               String userName, CertKeyPair client) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("apiVersion", "v1");
        ObjectNode cluster = root.putArray("clusters").addObject();
        cluster.putObject("cluster")
                .put("certificate-authority-data", base64(caPem))
                .put("server", serverUrl);
        cluster.put("name", clusterName);
        String context = userName + "@" + clusterName;
        ObjectNode ctx = root.putArray("contexts").addObject();
        ctx.putObject("context").put("cluster", clusterName).put("user", userName);
        ctx.put("name", context);
        root.put("current-context", context);
        root.put("kind", "Config");
        root.putObject("preferences");
        ObjectNode user = root.putArray("users").addObject();
        user.put("name", userName);
        user.putObject("user")
                .put("client-certificate-data", base64(client.certPem()))
                .put("client-key-data", base64(client.keyPem()));
        return write(root);
    }

    /** The same file pointing at another server URL (the API server binds a free port on each start). */
    public static String withServer(String kubeconfigYaml, String serverUrl) {
        ObjectNode root = parse(kubeconfigYaml);
        for (JsonNode c : root.path("clusters")) {
            if (c.path("cluster") instanceof ObjectNode cluster) cluster.put("server", serverUrl);
        }
        return write(root);
    }

    /** The client certificate embedded for the current context's user, or null. */
    public static CertKeyPair clientCertificate(String kubeconfigYaml) {
        ObjectNode root = parse(kubeconfigYaml);
        String user = null;
        for (JsonNode c : root.path("contexts")) {
            if (c.path("name").asText().equals(root.path("current-context").asText())) user = c.path("context").path("user").asText();
        }
        for (JsonNode u : (ArrayNode) root.withArray("users")) {
            if (u.path("name").asText().equals(user)) {
                JsonNode d = u.path("user");
                if (!d.hasNonNull("client-certificate-data") || !d.hasNonNull("client-key-data")) return null;
                return new CertKeyPair(Pem.parseCertificate(unbase64(d.get("client-certificate-data").asText())),
                        Pem.parsePrivateKey(unbase64(d.get("client-key-data").asText())));
            }
        }
        return null;
    }

    public static void writeFile(Path file, String yaml) {
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            CertKeyPair.writePrivate(file, yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static ObjectNode parse(String yaml) {
        try {
            JsonNode n = YAML.readTree(yaml);
            if (!(n instanceof ObjectNode o)) throw new IllegalArgumentException("kubeconfig is not a YAML mapping");
            return o;
        } catch (IOException e) {
            throw new IllegalArgumentException("invalid kubeconfig: " + e.getMessage(), e);
        }
    }

    private static String write(ObjectNode root) {
        try {
            return YAML.writeValueAsString(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String base64(String s) {
        return Base64.getEncoder().encodeToString(s.getBytes(StandardCharsets.UTF_8));
    }

    private static String unbase64(String s) {
        return new String(Base64.getDecoder().decode(s), StandardCharsets.UTF_8);
    }
}
