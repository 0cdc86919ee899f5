package dev.kubelab.cluster.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.KubernetesVersion;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the kind provider generates and runs inside the node, checked without Docker. */
class KindConfigTest {
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private static String resource(String name) throws IOException {
        try (InputStream in = KindConfigTest.class.getResourceAsStream("/kubeadm/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void auditPolicyIsAValidPolicyWithRulesInTheRightOrder() throws IOException {
        JsonNode policy = YAML.readTree(AuditConfig.policy());
        assertThat(policy.path("apiVersion").asText()).isEqualTo("audit.k8s.io/v1");
        assertThat(policy.path("kind").asText()).isEqualTo("Policy");
        List<String> levels = new ArrayList<>();
        policy.path("rules").forEach(r -> levels.add(r.path("level").asText()));
        assertThat(levels).containsExactly("None", "None", "Metadata", "Request", "Metadata");
        // secrets must be matched before the catch-all Request rule for writes, or their data would be logged
        assertThat(policy.path("rules").get(2).path("resources").get(0).path("resources").toString()).contains("secrets");
        assertThat(policy.path("rules").get(3).path("verbs").toString()).contains("create", "patch", "delete");
        assertThat(policy.path("rules").get(0).path("resources").get(0).path("group").asText()).isEqualTo("coordination.k8s.io");
    }

    @Test
    void apiServerManifestGetsAuditFlagsMountsAndVolumesOnce() throws IOException {
        String original = resource("kube-apiserver.yaml");
        String patched = AuditConfig.patchApiServerManifest(original);
        JsonNode pod = YAML.readTree(patched);
        JsonNode c = pod.path("spec").path("containers").get(0);
        List<String> command = new ArrayList<>();
        c.path("command").forEach(n -> command.add(n.asText()));
        assertThat(command).startsWith("kube-apiserver", "--advertise-address=172.18.0.2")
                .contains("--audit-policy-file=/etc/kubernetes/audit-policy.yaml", "--audit-log-path=/var/log/kubernetes/audit/audit.log",
                        "--etcd-servers=https://127.0.0.1:2379");
        assertThat(c.path("volumeMounts").toString()).contains("\"mountPath\":\"/etc/kubernetes/audit-policy.yaml\"", "\"readOnly\":true",
                "\"mountPath\":\"/var/log/kubernetes/audit\"");
        JsonNode volumes = pod.path("spec").path("volumes");
        assertThat(volumes).hasSize(4);
        assertThat(volumes.toString()).contains("{\"hostPath\":{\"path\":\"/etc/kubernetes/audit-policy.yaml\",\"type\":\"File\"},\"name\":\"audit-policy\"}")
                .contains("\"type\":\"DirectoryOrCreate\"},\"name\":\"audit-log\"");
        // everything else survives, and patching twice changes nothing
        assertThat(pod.path("metadata").path("labels").path("component").asText()).isEqualTo("kube-apiserver");
        assertThat(pod.path("spec").path("priorityClassName").asText()).isEqualTo("system-node-critical");
        assertThat(YAML.readTree(AuditConfig.patchApiServerManifest(patched))).isEqualTo(pod);
    }

    @Test
    void etcdRestorePointsTheDataVolumeAtTheRestoredDirectory() throws IOException {
        String manifest = resource("etcd.yaml");
        assertThat(EtcdManifest.dataHostPath(manifest)).isEqualTo("/var/lib/etcd");
        String restored = EtcdManifest.withDataHostPath(manifest, "/var/lib/etcd/restore-1");
        assertThat(EtcdManifest.dataHostPath(restored)).isEqualTo("/var/lib/etcd/restore-1");
        JsonNode pod = YAML.readTree(restored);
        // the container keeps --data-dir=/var/lib/etcd; only the host side of the mount moves
        assertThat(pod.path("spec").path("containers").get(0).path("command").toString()).contains("--data-dir=/var/lib/etcd\"");
        assertThat(pod.path("spec").path("volumes").toString()).contains("/etc/kubernetes/pki/etcd");
    }

    @Test
    void staticPodDrillMovesManifestsOutOfAndBackIntoTheKubeletsDirectory() {
        assertThat(StaticPods.manifest(Component.KUBE_SCHEDULER)).isEqualTo("/etc/kubernetes/manifests/kube-scheduler.yaml");
        assertThat(StaticPods.stopScript(Component.KUBE_SCHEDULER))
                .contains("mv /etc/kubernetes/manifests/kube-scheduler.yaml /etc/kubernetes/manifests-stopped/kube-scheduler.yaml");
        assertThat(StaticPods.startScript(Component.ETCD))
                .contains("mv /etc/kubernetes/manifests-stopped/etcd.yaml /etc/kubernetes/manifests/etcd.yaml");
        // stopped manifests must be outside the kubelet's staticPodPath, or it would still run them
        assertThat(StaticPods.PARKED).doesNotStartWith(StaticPods.MANIFESTS + "/");
    }

    @Test
    void etcdctlRunsWithKubeadmsCertificates() {
        assertThat(KindEtcdAccess.etcdctlCommand(List.of("get", "/registry/pods/default/web")))
                .containsExactly("etcdctl", "--endpoints=https://127.0.0.1:2379", "--cacert=/etc/kubernetes/pki/etcd/ca.crt",
                        "--cert=/etc/kubernetes/pki/etcd/server.crt", "--key=/etc/kubernetes/pki/etcd/server.key",
                        "get", "/registry/pods/default/web");
    }

    @Test
    void versionsMapToKindNodeImages() {
        List<KubernetesVersion> supported = KindVersions.supported();
        assertThat(supported).isSorted().contains(KubernetesVersion.parse("v1.31.0"));
        assertThat(KindVersions.newest()).isEqualTo(supported.get(supported.size() - 1));
        assertThat(KindVersions.image(KubernetesVersion.parse("v1.31.0"))).isEqualTo("kindest/node:v1.31.0");
        assertThat(new KindProvider(() -> new DockerProbe.Result(false, "x", "")).defaultVersion()).isEqualTo(KindVersions.newest());
    }

    @Test
    void upgradeDownloadsTheTargetBinaryForTheNodesArchitecture() {
        assertThat(KindUpgrade.download("kubeadm", KubernetesVersion.parse("v1.32.0")))
                .contains("https://dl.k8s.io/release/v1.32.0/bin/linux/$arch/kubeadm").contains("install -m 0755 /tmp/kubeadm /usr/bin/kubeadm");
    }
}
