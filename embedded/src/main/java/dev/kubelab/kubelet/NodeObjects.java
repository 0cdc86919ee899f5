package dev.kubelab.kubelet;

import io.fabric8.kubernetes.api.model.ContainerImage;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeAddress;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.NodeCondition;
import io.fabric8.kubernetes.api.model.NodeStatus;
import io.fabric8.kubernetes.api.model.NodeStatusBuilder;
import io.fabric8.kubernetes.api.model.NodeSystemInfo;
import io.fabric8.kubernetes.api.model.NodeSystemInfoBuilder;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.Taint;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * The Node object a kubelet registers and the status it posts, with the shapes a real kubelet
 * (and kubeadm, for the control-plane role) gives them.
 */
public final class NodeObjects {
    /** containerRuntimeVersion: {@code <runtime>://<version>}; says plainly that nothing runs. */
    public static final String RUNTIME = "kubelab-simulated";
    public static final String RUNTIME_VERSION = RUNTIME + "://1.0";
    public static final String OS_IMAGE = "kubelab simulated node (no container runtime; containers are not run)";
    public static final String CONTROL_PLANE_ROLE = "node-role.kubernetes.io/control-plane";

    private NodeObjects() {
    }

    /** The Node the kubelet creates when it registers (spec + metadata; status is posted separately). */
    public static Node registration(NodeConfig cfg) {
        Map<String, String> labels = new TreeMap<>();
        labels.put("beta.kubernetes.io/arch", "amd64");
        labels.put("beta.kubernetes.io/os", "linux");
        labels.put("kubernetes.io/arch", "amd64");
        labels.put("kubernetes.io/hostname", cfg.name());
        labels.put("kubernetes.io/os", "linux");
        List<Taint> taints = new ArrayList<>();
        if (cfg.controlPlane()) {
            // kubeadm's mark-control-plane phase
            labels.put(CONTROL_PLANE_ROLE, "");
            labels.put("node.kubernetes.io/exclude-from-external-load-balancers", "");
            Taint t = new Taint();
            t.setKey(CONTROL_PLANE_ROLE);
            t.setEffect("NoSchedule");
            taints.add(t);
        }
        Map<String, String> annotations = new TreeMap<>();
        annotations.put("volumes.kubernetes.io/controller-managed-attach-detach", "true");
        annotations.put("kubelab.dev/simulated", "true");
        return new NodeBuilder()
                .withNewMetadata().withName(cfg.name()).withLabels(labels).withAnnotations(annotations).endMetadata()
                .withNewSpec()
                .withPodCIDR(cfg.podCidr()).withPodCIDRs(cfg.podCidr())
                .withProviderID("kind://docker/kubelab/" + cfg.name())
                .withTaints(taints.isEmpty() ? null : taints)
                .endSpec()
                .build();
    }

    /** Stable per node name: machineID, systemUUID and bootID as a real node would show them. */
    public static NodeSystemInfo systemInfo(NodeConfig cfg, String bootId) {
        UUID machine = UUID.nameUUIDFromBytes(("machine:" + cfg.name()).getBytes(StandardCharsets.UTF_8));
        return new NodeSystemInfoBuilder()
                .withMachineID(machine.toString().replace("-", ""))
                .withSystemUUID(UUID.nameUUIDFromBytes(("system:" + cfg.name()).getBytes(StandardCharsets.UTF_8)).toString())
                .withBootID(bootId)
                // The "node" is this JVM's host: report its real kernel rather than invent one.
                .withKernelVersion(System.getProperty("os.version", "unknown"))
                .withOsImage(OS_IMAGE)
                .withContainerRuntimeVersion(RUNTIME_VERSION)
                .withKubeletVersion(cfg.kubernetesVersion())
                .withKubeProxyVersion(cfg.kubernetesVersion())
                .withOperatingSystem("linux")
                .withArchitecture("amd64")
                .build();
    }

    /**
     * The status the kubelet posts. Condition transition times come from {@code readySince}; the
     * heartbeat time is {@code now}.
     */
    public static NodeStatus status(NodeConfig cfg, NodeSystemInfo info, Instant now, Instant readySince,
                                    int kubeletPort, Map<String, Long> images) {
        Map<String, Quantity> capacity = new LinkedHashMap<>();
        new TreeMap<>(cfg.capacity()).forEach((k, v) -> capacity.put(k, new Quantity(v)));
        String hb = Times.format(now);
        String since = Times.format(readySince);
        List<NodeCondition> conditions = List.of(
                condition("MemoryPressure", "False", "KubeletHasSufficientMemory", "kubelet has sufficient memory available", hb, since),
                condition("DiskPressure", "False", "KubeletHasNoDiskPressure", "kubelet has no disk pressure", hb, since),
                condition("PIDPressure", "False", "KubeletHasSufficientPID", "kubelet has sufficient PID available", hb, since),
                condition("Ready", "True", "KubeletReady", "kubelet is posting ready status", hb, since));
        List<ContainerImage> imageList = new ArrayList<>();
        images.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> {
                    ContainerImage ci = new ContainerImage();
                    ci.setNames(List.of(e.getKey()));
                    ci.setSizeBytes(e.getValue());
                    imageList.add(ci);
                });
        return new NodeStatusBuilder()
                .withCapacity(capacity)
                .withAllocatable(new LinkedHashMap<>(capacity))
                .withConditions(conditions)
                .withAddresses(new NodeAddress(cfg.internalIp(), "InternalIP"), new NodeAddress(cfg.name(), "Hostname"))
                .withNewDaemonEndpoints().withNewKubeletEndpoint().withPort(kubeletPort).endKubeletEndpoint().endDaemonEndpoints()
                .withNodeInfo(info)
                .withImages(imageList)
                .build();
    }

    private static NodeCondition condition(String type, String status, String reason, String message, String heartbeat,
                                           String transition) {
        NodeCondition c = new NodeCondition();
        c.setType(type);
        c.setStatus(status);
        c.setReason(reason);
        c.setMessage(message);
        c.setLastHeartbeatTime(heartbeat);
        c.setLastTransitionTime(transition);
        return c;
    }
}
