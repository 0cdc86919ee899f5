package dev.kubelab.scheduler;

import dev.kubelab.scheduler.client.SchedulerClient;
import dev.kubelab.scheduler.framework.EventRecorder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.Quantity;
import io.fabric8.kubernetes.api.model.TaintBuilder;
import java.time.Duration;
import java.time.Instant;
import java.time.InstantSource;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/** Nodes and pods built with fabric8 builders, a settable clock, and an in-memory record of API calls. */
public final class Fixtures {

    private Fixtures() {}

    public static Node node(String name, String cpu, String memory, int pods) {
        return new NodeBuilder()
                .withNewMetadata().withName(name).addToLabels("kubernetes.io/hostname", name).endMetadata()
                .withNewSpec().endSpec()
                .withNewStatus()
                .addToAllocatable("cpu", new Quantity(cpu))
                .addToAllocatable("memory", new Quantity(memory))
                .addToAllocatable("pods", new Quantity(String.valueOf(pods)))
                .endStatus()
                .build();
    }

    public static Node worker(String name) {
        return node(name, "4", "8Gi", 110);
    }

    /** kind's control-plane node: role label and the control-plane NoSchedule taint. */
    public static Node controlPlane(String name) {
        Node n = worker(name);
        n.getMetadata().getLabels().put("node-role.kubernetes.io/control-plane", "");
        n.getSpec().setTaints(List.of(new TaintBuilder().withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule").build()));
        return n;
    }

    public static PodBuilder podBuilder(String name) {
        return new PodBuilder()
                .withNewMetadata().withNamespace("default").withName(name).withUid(UUID.randomUUID().toString())
                .withCreationTimestamp("2024-01-01T00:00:00Z").endMetadata()
                .withNewSpec().withSchedulerName("default-scheduler")
                .addNewContainer().withName("c").withImage("nginx").endContainer()
                .endSpec()
                .withNewStatus().withPhase("Pending").endStatus();
    }

    public static Pod pod(String name) {
        return podBuilder(name).build();
    }

    public static Pod pod(String name, String cpu, String memory) {
        return podBuilder(name).editSpec().editFirstContainer().withNewResources()
                .addToRequests("cpu", new Quantity(cpu)).addToRequests("memory", new Quantity(memory))
                .endResources().endContainer().endSpec().build();
    }

    public static Pod withPriority(Pod p, int priority) {
        return new PodBuilder(p).editSpec().withPriority(priority).endSpec().build();
    }

    public static Pod withLabels(Pod p, Map<String, String> labels) {
        return new PodBuilder(p).editMetadata().addToLabels(labels).endMetadata().build();
    }

    public static Pod on(Pod p, String node) {
        return new PodBuilder(p).editSpec().withNodeName(node).endSpec().editStatus().withPhase("Running").endStatus().build();
    }

    /** A clock tests move by hand. */
    public static final class FakeClock implements InstantSource {
        private volatile Instant now = Instant.parse("2024-01-01T00:00:00Z");

        @Override
        public Instant instant() {
            return now;
        }

        public void step(Duration d) {
            now = now.plus(d);
        }
    }

    /** Records what the scheduler asked the API to do; binds succeed unless {@link #failBinds} is set. */
    public static final class RecordingApi implements SchedulerClient, EventRecorder {
        public record Bind(String pod, String node) {}
        public record Ev(String pod, String type, String reason, String action, String note) {}
        public record StatusPatch(String pod, PodCondition condition, String nominatedNodeName) {}

        public final List<Bind> binds = new CopyOnWriteArrayList<>();
        public final List<Ev> events = new CopyOnWriteArrayList<>();
        public final List<StatusPatch> statusPatches = new CopyOnWriteArrayList<>();
        public final List<String> deleted = new CopyOnWriteArrayList<>();
        public volatile boolean failBinds;

        @Override
        public CompletionStage<Void> bind(Pod pod, String nodeName) {
            if (failBinds) {
                return CompletableFuture.failedFuture(new IllegalStateException("pods \"" + pod.getMetadata().getName() + "\" not found"));
            }
            binds.add(new Bind(key(pod), nodeName));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> patchPodStatus(Pod pod, PodCondition condition, String nominatedNodeName) {
            statusPatches.add(new StatusPatch(key(pod), condition, nominatedNodeName));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public CompletionStage<Void> deletePod(Pod pod) {
            deleted.add(key(pod));
            return CompletableFuture.completedFuture(null);
        }

        @Override
        public void eventf(Pod regarding, Pod related, String type, String reason, String action, String note) {
            events.add(new Ev(key(regarding), type, reason, action, note));
        }

        private static String key(Pod p) {
            return p.getMetadata().getNamespace() + "/" + p.getMetadata().getName();
        }
    }
}
