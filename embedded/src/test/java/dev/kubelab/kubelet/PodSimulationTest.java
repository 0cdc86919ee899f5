package dev.kubelab.kubelet;

import io.fabric8.kubernetes.api.model.ContainerStatus;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodStatus;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class PodSimulationTest {
    static final Instant T0 = Instant.parse("2024-05-01T10:00:00Z");
    static final NodeConfig NODE = NodeConfig.kindLike("kubelab", 1, "v1.31.0");
    final SimulationTiming timing = SimulationTiming.defaults();
    final ImageStore images = new ImageStore();
    final AtomicInteger ids = new AtomicInteger();
    final List<PodEvent> events = new ArrayList<>();

    static PodBuilder pod(String name) {
        return new PodBuilder().withNewMetadata().withNamespace("default").withName(name).withUid("uid-1").endMetadata()
                .withNewSpec().withNodeName(NODE.name()).addNewContainer().withName("nginx").withImage("nginx:1.27").endContainer().endSpec();
    }

    PodSimulation sim(Pod pod) {
        PodSimulation s = new PodSimulation(pod, NODE, timing, images, () -> String.format("%064x", ids.incrementAndGet()),
                "10.244.1.2", T0, null);
        events.addAll(s.advance(T0));
        return s;
    }

    PodStatus at(PodSimulation s, Duration d) {
        events.addAll(s.advance(T0.plus(d)));
        return s.status(T0.plus(d));
    }

    static String condition(PodStatus st, String type) {
        return st.getConditions().stream().filter(c -> c.getType().equals(type)).map(PodCondition::getStatus).findFirst().orElseThrow();
    }

    List<String> reasons() {
        return events.stream().map(PodEvent::reason).toList();
    }

    @Test
    void plainPodPullsStartsAndBecomesReady() {
        PodSimulation s = sim(pod("web").build());
        PodStatus st = s.status(T0);
        assertThat(st.getPhase()).isEqualTo("Pending");
        assertThat(st.getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        assertThat(st.getPodIP()).isEqualTo("10.244.1.2");
        assertThat(st.getHostIP()).isEqualTo("172.18.0.3");
        assertThat(st.getQosClass()).isEqualTo("BestEffort");
        assertThat(condition(st, "Ready")).isEqualTo("False");
        assertThat(s.nextWake(T0)).contains(T0.plusSeconds(1));

        st = at(s, Duration.ofSeconds(1));
        assertThat(st.getPhase()).isEqualTo("Running");
        ContainerStatus cs = st.getContainerStatuses().get(0);
        assertThat(cs.getState().getRunning().getStartedAt()).isEqualTo("2024-05-01T10:00:01Z");
        assertThat(cs.getReady()).isTrue();
        assertThat(cs.getStarted()).isTrue();
        assertThat(cs.getContainerID()).startsWith("kubelab-simulated://");
        assertThat(cs.getImageID()).startsWith("sha256:");
        assertThat(condition(st, "Ready")).isEqualTo("True");
        assertThat(condition(st, "ContainersReady")).isEqualTo("True");
        assertThat(condition(st, "Initialized")).isEqualTo("True");
        assertThat(condition(st, "PodReadyToStartContainers")).isEqualTo("True");
        assertThat(condition(st, "PodScheduled")).isEqualTo("True");
        assertThat(events).extracting(PodEvent::message).containsExactly(
                "Pulling image \"nginx:1.27\"",
                "Successfully pulled image \"nginx:1.27\" in 1s (1s including waiting). Image size: " + ImageStore.sizeOf("nginx:1.27") + " bytes.",
                "Created container nginx", "Started container nginx");
        assertThat(events.get(0).fieldPath()).isEqualTo("spec.containers{nginx}");
        assertThat(s.nextWake(T0.plusSeconds(1))).isEmpty();
    }

    @Test
    void secondPodFindsImageAlreadyPresent() {
        sim(pod("a").build()).advance(T0.plusSeconds(5));
        events.clear();
        sim(pod("b").build());
        assertThat(events.get(0).message()).isEqualTo("Container image \"nginx:1.27\" already present on machine");
        assertThat(reasons()).containsExactly("Pulled", "Created", "Started");
    }

    @Test
    void initContainersRunFirst() {
        PodSimulation s = sim(pod("init").editSpec().addNewInitContainer().withName("setup").withImage("busybox:1.36").endInitContainer().endSpec().build());
        PodStatus st = s.status(T0);
        assertThat(condition(st, "Initialized")).isEqualTo("False");
        assertThat(st.getConditions()).filteredOn(c -> c.getType().equals("Initialized")).first()
                .extracting(PodCondition::getMessage).isEqualTo("containers with incomplete status: [setup]");
        assertThat(st.getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("PodInitializing");
        st = at(s, Duration.ofSeconds(1)); // init pulled and running
        assertThat(st.getInitContainerStatuses().get(0).getState().getRunning()).isNotNull();
        assertThat(st.getPhase()).isEqualTo("Pending");
        st = at(s, Duration.ofSeconds(2)); // init completed, app pulling
        assertThat(st.getInitContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Completed");
        assertThat(condition(st, "Initialized")).isEqualTo("True");
        assertThat(st.getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ContainerCreating");
        st = at(s, Duration.ofSeconds(3));
        assertThat(st.getPhase()).isEqualTo("Running");
        assertThat(condition(st, "Ready")).isEqualTo("True");
    }

    @Test
    void neverRestartPodsComplete() {
        PodSimulation s = sim(pod("job").editSpec().withRestartPolicy("Never").endSpec().build());
        PodStatus st = at(s, Duration.ofSeconds(1));
        assertThat(st.getPhase()).isEqualTo("Running");
        st = at(s, Duration.ofSeconds(3));
        assertThat(st.getPhase()).isEqualTo("Succeeded");
        var t = st.getContainerStatuses().get(0).getState().getTerminated();
        assertThat(t.getExitCode()).isZero();
        assertThat(t.getReason()).isEqualTo("Completed");
        assertThat(condition(st, "Ready")).isEqualTo("False");
        assertThat(st.getConditions()).filteredOn(c -> c.getType().equals("Ready")).first()
                .extracting(PodCondition::getReason).isEqualTo("PodCompleted");
        assertThat(s.stopped()).isTrue();
    }

    @Test
    void exitCodeDirectiveFailsANeverPod() {
        PodSimulation s = sim(pod("bad").editMetadata().addToAnnotations(Directives.ANNOTATION, "exit-code=3").endMetadata()
                .editSpec().withRestartPolicy("Never").endSpec().build());
        PodStatus st = at(s, Duration.ofSeconds(5));
        assertThat(st.getPhase()).isEqualTo("Failed");
        assertThat(st.getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(3);
        assertThat(st.getContainerStatuses().get(0).getState().getTerminated().getReason()).isEqualTo("Error");
    }

    @Test
    void crashLoopBacksOffExponentially() {
        PodSimulation s = sim(pod("crash").editMetadata().addToAnnotations(Directives.ANNOTATION, "crash-loop").endMetadata().build());
        // pull 1s, crash after 1s at t=2, immediate restart; crash at t=3 → back-off 10s
        PodStatus st = at(s, Duration.ofMillis(2500));
        assertThat(st.getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
        assertThat(st.getContainerStatuses().get(0).getLastState().getTerminated().getExitCode()).isEqualTo(1);
        st = at(s, Duration.ofSeconds(4));
        var w = st.getContainerStatuses().get(0).getState().getWaiting();
        assertThat(w.getReason()).isEqualTo("CrashLoopBackOff");
        assertThat(w.getMessage()).isEqualTo("back-off 10s restarting failed container=nginx pod=crash_default(uid-1)");
        assertThat(st.getPhase()).isEqualTo("Running");
        assertThat(condition(st, "Ready")).isEqualTo("False");
        assertThat(events).anyMatch(e -> e.reason().equals("BackOff") && e.type().equals("Warning")
                && e.message().equals("Back-off restarting failed container nginx in pod crash_default(uid-1)"));
        assertThat(s.nextWake(T0.plusSeconds(4))).contains(T0.plusSeconds(13));
        st = at(s, Duration.ofSeconds(13));
        assertThat(st.getContainerStatuses().get(0).getRestartCount()).isEqualTo(2);
        st = at(s, Duration.ofSeconds(15));
        assertThat(st.getContainerStatuses().get(0).getState().getWaiting().getMessage()).startsWith("back-off 20s");
        assertThat(timing.backOff(6)).isEqualTo(Duration.ofMinutes(5));
        assertThat(timing.backOff(5)).isEqualTo(Duration.ofSeconds(160));
    }

    @Test
    void oomIsExit137OOMKilled() {
        PodSimulation s = sim(pod("oom").editMetadata().addToAnnotations(Directives.ANNOTATION, "oom=2s").endMetadata()
                .editSpec().withRestartPolicy("Never").endSpec().build());
        var t = at(s, Duration.ofSeconds(4)).getContainerStatuses().get(0).getState().getTerminated();
        assertThat(t.getExitCode()).isEqualTo(137);
        assertThat(t.getReason()).isEqualTo("OOMKilled");
    }

    @Test
    void imagePullErrorThenBackOff() {
        PodSimulation s = sim(pod("pull").editMetadata().addToAnnotations(Directives.ANNOTATION, "image-pull-error").endMetadata().build());
        PodStatus st = at(s, Duration.ofMillis(1500));
        assertThat(st.getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ErrImagePull");
        st = at(s, Duration.ofMillis(2500));
        assertThat(st.getContainerStatuses().get(0).getState().getWaiting().getReason()).isEqualTo("ImagePullBackOff");
        assertThat(st.getContainerStatuses().get(0).getState().getWaiting().getMessage()).isEqualTo("Back-off pulling image \"nginx:1.27\"");
        assertThat(st.getPhase()).isEqualTo("Pending");
        assertThat(events).extracting(PodEvent::message).contains("Error: ErrImagePull", "Error: ImagePullBackOff", "Back-off pulling image \"nginx:1.27\"");
        assertThat(images.has("nginx:1.27")).isFalse();
    }

    @Test
    void readinessHonoursInitialDelayAndSlowStart() {
        PodSimulation s = sim(pod("slow").editMetadata().addToAnnotations(Directives.ANNOTATION + ".nginx", "slow-start=10s").endMetadata().build());
        assertThat(at(s, Duration.ofSeconds(5)).getContainerStatuses().get(0).getReady()).isFalse();
        assertThat(s.nextWake(T0.plusSeconds(5))).contains(T0.plusSeconds(11));
        assertThat(at(s, Duration.ofSeconds(11)).getContainerStatuses().get(0).getReady()).isTrue();
    }

    @Test
    void gracefulDeletionStopsContainers() {
        PodSimulation s = sim(pod("del").build());
        at(s, Duration.ofSeconds(2));
        events.clear();
        s.beginDeletion(T0.plusSeconds(2), 30);
        PodStatus st = at(s, Duration.ofSeconds(2));
        assertThat(events).extracting(PodEvent::message).containsExactly("Stopping container nginx");
        assertThat(s.stopped()).isFalse();
        st = at(s, Duration.ofSeconds(3));
        assertThat(s.stopped()).isTrue();
        assertThat(st.getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isZero();
    }

    @Test
    void ignoreSigtermWaitsForTheGracePeriod() {
        PodSimulation s = sim(pod("stubborn").editMetadata().addToAnnotations(Directives.ANNOTATION, "ignore-sigterm").endMetadata().build());
        at(s, Duration.ofSeconds(2));
        s.beginDeletion(T0.plusSeconds(2), 5);
        at(s, Duration.ofSeconds(6));
        assertThat(s.stopped()).isFalse();
        PodStatus st = at(s, Duration.ofSeconds(7));
        assertThat(s.stopped()).isTrue();
        assertThat(st.getContainerStatuses().get(0).getState().getTerminated().getExitCode()).isEqualTo(137);
    }

    @Test
    void staticPodReadinessFollowsHealth() {
        AtomicBoolean healthy = new AtomicBoolean(true);
        images.add("nginx:1.27");
        PodSimulation s = new PodSimulation(pod("kube-scheduler").build(), NODE, timing, images, () -> "ab", null, T0, healthy::get);
        s.advance(T0);
        assertThat(s.status(T0).getContainerStatuses().get(0).getReady()).isTrue();
        healthy.set(false);
        List<PodEvent> ev = s.advance(T0.plusSeconds(1));
        assertThat(ev).extracting(PodEvent::reason).containsExactly("Unhealthy");
        assertThat(condition(s.status(T0.plusSeconds(1)), "Ready")).isEqualTo("False");
        healthy.set(true);
        s.advance(T0.plusSeconds(2));
        assertThat(condition(s.status(T0.plusSeconds(2)), "Ready")).isEqualTo("True");
    }

    @Test
    void livenessFailureRestartsTheContainer() {
        PodSimulation s = sim(pod("live").editMetadata().addToAnnotations(Directives.ANNOTATION, "liveness-fail-after=5s").endMetadata().build());
        PodStatus st = at(s, Duration.ofSeconds(7));
        assertThat(st.getContainerStatuses().get(0).getRestartCount()).isEqualTo(1);
        assertThat(reasons()).contains("Unhealthy", "Killing");
    }

    @Test
    void badDirectiveIsReportedNotThrown() {
        PodSimulation s = sim(pod("typo").editMetadata().addToAnnotations(Directives.ANNOTATION, "crash-lop").endMetadata().build());
        assertThat(events.get(0).reason()).isEqualTo("InvalidSimulation");
        assertThat(events.get(0).message()).startsWith("unknown kubelab.dev/simulate directive \"crash-lop\"");
        assertThat(at(s, Duration.ofSeconds(2)).getPhase()).isEqualTo("Running");
    }

    @Test
    void logsSayNoProcessRanAndKeepThePreviousInstance() {
        PodSimulation s = sim(pod("crash").editMetadata().addToAnnotations(Directives.ANNOTATION, "crash-loop").endMetadata().build());
        at(s, Duration.ofMillis(2500));
        ContainerLog log = s.log("nginx").orElseThrow();
        assertThat(log.render(null, false, false)).contains("no process runs").contains("container started");
        assertThat(log.render(null, false, true)).contains("process exited with code 1");
        assertThat(log.render(1, true, true)).startsWith("2024-05-01T10:00:02.000000000Z ");
    }

    @Test
    void qosClasses() {
        Pod guaranteed = pod("g").editSpec().editFirstContainer().withNewResources()
                .addToLimits("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m"))
                .addToLimits("memory", new io.fabric8.kubernetes.api.model.Quantity("64Mi")).endResources().endContainer().endSpec().build();
        assertThat(PodStatusRenderer.qosClass(guaranteed)).isEqualTo("Guaranteed");
        Pod burstable = pod("b").editSpec().editFirstContainer().withNewResources()
                .addToRequests("cpu", new io.fabric8.kubernetes.api.model.Quantity("100m")).endResources().endContainer().endSpec().build();
        assertThat(PodStatusRenderer.qosClass(burstable)).isEqualTo("Burstable");
    }
}
