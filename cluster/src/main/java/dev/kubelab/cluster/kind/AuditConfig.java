package dev.kubelab.cluster.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.databind.ObjectMapper;

import dev.kubelab.cluster.AuditPolicy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * API server auditing on a kubeadm (kind) node, so that {@code %%trace} can read what the real kube-apiserver
 * did. Set up as the Kubernetes docs' "Log backend" section describes for a kubeadm static pod: a policy file
 * and a log directory mounted into the kube-apiserver pod through hostPath volumes, and the
 * {@code --audit-policy-file}/{@code --audit-log-path} flags. kindcontainer runs {@code kubeadm init} with its
 * own configuration, so the flags are added to the static pod manifest afterwards — the same edit a CKA
 * candidate makes — and the kubelet restarts kube-apiserver with them.
 */
public final class AuditConfig {
    public static final String POLICY_PATH = "/etc/kubernetes/audit-policy.yaml";
    public static final String LOG_DIR = "/var/log/kubernetes/audit";
    public static final String LOG_PATH = LOG_DIR + "/audit.log";
    public static final String APISERVER_MANIFEST = "/etc/kubernetes/manifests/kube-apiserver.yaml";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private AuditConfig() {
    }

    /** The audit policy (shared with the binaries provider). */
    public static String policy() {
        return AuditPolicy.yaml();
    }

    /** The flags added to kube-apiserver. */
    public static List<String> flags() {
        return List.of("--audit-policy-file=" + POLICY_PATH, "--audit-log-path=" + LOG_PATH,
                "--audit-log-maxsize=100", "--audit-log-maxbackup=1");
    }

    /**
     * Adds the audit flags, volume mounts and hostPath volumes to a kube-apiserver static pod manifest. Idempotent:
     * an already patched manifest comes back unchanged.
     */
    public static String patchApiServerManifest(String manifestYaml) {
        try {
            ObjectNode pod = (ObjectNode) YAML.readTree(manifestYaml);
            ObjectNode spec = (ObjectNode) pod.required("spec");
            ObjectNode container = null;
            for (JsonNode c : spec.withArray("containers")) {
                if ("kube-apiserver".equals(c.path("name").asText())) container = (ObjectNode) c;
            }
            if (container == null) throw new IllegalArgumentException("no kube-apiserver container in the manifest");
            ArrayNode command = container.withArray("command");
            for (String flag : flags()) {
                String name = flag.substring(0, flag.indexOf('=') + 1);
                boolean present = false;
                for (JsonNode c : command) present |= c.asText().startsWith(name);
                if (!present) command.add(flag);
            }
            addMount(container.withArray("volumeMounts"), "audit-policy", POLICY_PATH, true);
            addMount(container.withArray("volumeMounts"), "audit-log", LOG_DIR, false);
            addHostPath(spec.withArray("volumes"), "audit-policy", POLICY_PATH, "File");
            addHostPath(spec.withArray("volumes"), "audit-log", LOG_DIR, "DirectoryOrCreate");
            return YAML.writeValueAsString(pod);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the kube-apiserver manifest", e);
        }
    }

    private static void addMount(ArrayNode mounts, String name, String path, boolean readOnly) {
        for (JsonNode m : mounts) if (name.equals(m.path("name").asText())) return;
        ObjectNode m = mounts.addObject().put("mountPath", path).put("name", name);
        if (readOnly) m.put("readOnly", true);
    }

    private static void addHostPath(ArrayNode volumes, String name, String path, String type) {
        for (JsonNode v : volumes) if (name.equals(v.path("name").asText())) return;
        ObjectNode v = volumes.addObject();
        v.putObject("hostPath").put("path", path).put("type", type);
        v.put("name", name);
    }
}
