package dev.kubelab.cluster.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;

import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * Edits of kubeadm's etcd static pod manifest for the restore drill: point the {@code etcd-data} hostPath
 * volume at the directory a snapshot was restored into, as the Kubernetes docs' "Restoring an etcd cluster"
 * and every CKA guide do. The path inside the container ({@code --data-dir=/var/lib/etcd}) stays the same.
 */
public final class EtcdManifest {
    public static final String PATH = "/etc/kubernetes/manifests/etcd.yaml";
    public static final String DATA_VOLUME = "etcd-data";

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory()
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES));

    private EtcdManifest() {
    }

    /** The host directory behind the {@code etcd-data} volume. */
    public static String dataHostPath(String manifestYaml) {
        return dataVolume(read(manifestYaml)).path("hostPath").path("path").asText();
    }

    public static String withDataHostPath(String manifestYaml, String hostPath) {
        ObjectNode pod = read(manifestYaml);
        ((ObjectNode) dataVolume(pod).required("hostPath")).put("path", hostPath);
        try {
            return YAML.writeValueAsString(pod);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode dataVolume(ObjectNode pod) {
        for (JsonNode v : pod.path("spec").path("volumes")) {
            if (DATA_VOLUME.equals(v.path("name").asText())) return v;
        }
        throw new IllegalArgumentException("no " + DATA_VOLUME + " volume in the etcd manifest");
    }

    private static ObjectNode read(String yaml) {
        try {
            return (ObjectNode) YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the etcd manifest", e);
        }
    }
}
