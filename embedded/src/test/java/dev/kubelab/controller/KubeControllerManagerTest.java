package dev.kubelab.controller;

import static dev.kubelab.apiserver.TestCluster.await;
import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.apiserver.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.DeletionPropagation;
import io.fabric8.kubernetes.api.model.Event;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.NamespaceBuilder;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.DaemonSetBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The whole kube-controller-manager (all controllers, leader election on) against the real etcd-backed
 * kube-apiserver, with {@link FakeKubelet} playing scheduler and kubelets through the API. Each test uses its own
 * namespace.
 */
class KubeControllerManagerTest {
    static final io.fabric8.kubernetes.client.dsl.base.PatchContext JSON_PATCH =
            io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON);
    static TestCluster cp;
    static KubeControllerManager kcm;
    static FakeKubelet kubelet;
    static Path kubeconfig;

    @BeforeAll
    static void up() throws Exception {
        cp = new TestCluster();
        // Shorter job pod failure back-off (kubelab-only flag; Kubernetes: 10s) to keep the suite quick.
        // Without the node lifecycle controller: these hand-made nodes post no leases, and it would (rightly) mark them
        // unreachable and evict their pods after the grace period. It has its own test (NodeLifecycleControllerTest).
        kcm = cp.own(new KubeControllerManager(cp.config(), KubeControllerManager.Options.defaults()
                .withControllers(List.of("*", "-nodelifecycle"))
                .withFlags(Map.of("job-pod-failure-backoff", "1s"))));
        kcm.start();
        kubelet = cp.own(new FakeKubelet(cp.client()));
        kubeconfig = Files.createTempFile("kubeconfig", ".yaml");
        Files.writeString(kubeconfig, "apiVersion: v1\nkind: Config\nclusters:\n- name: c\n  cluster:\n    server: " + cp.cp.server()
                + "\nusers:\n- name: u\n  user: {}\ncontexts:\n- name: x\n  context:\n    cluster: c\n    user: u\ncurrent-context: x\n");
        for (String node : List.of("kubelab-control-plane", "kubelab-worker")) {
            var b = new NodeBuilder().withNewMetadata().withName(node).addToLabels("kubernetes.io/hostname", node).endMetadata().withNewSpec().endSpec();
            if (node.endsWith("control-plane")) {
                b.editSpec().addNewTaint().withKey("node-role.kubernetes.io/control-plane").withEffect("NoSchedule").endTaint().endSpec();
            }
            cp.client().nodes().resource(b.build()).create();
            // TaintNodesByCondition admission gave the new node not-ready:NoSchedule; the node lifecycle controller
            // would lift it once the node is Ready — done here by hand, as it is not running.
            cp.client().nodes().withName(node).edit(n -> {
                n.getSpec().getTaints().removeIf(t -> t.getKey().equals("node.kubernetes.io/not-ready"));
                return n;
            });
        }
        await("kube-controller-manager leads", () -> kcm.isLeading());
    }

    @AfterAll
    static void down() throws IOException {
        if (cp != null) {
            cp.close();
        }
        if (kubeconfig != null) {
            Files.deleteIfExists(kubeconfig);
        }
    }

    static void namespace(String ns) {
        // spec.finalizers [kubernetes] is what kube-apiserver's namespace strategy sets on create.
        cp.client().namespaces().resource(new NamespaceBuilder().withNewMetadata().withName(ns).endMetadata()
                .withNewSpec().withFinalizers("kubernetes").endSpec().build()).create();
        // Pods there need the default ServiceAccount, which the serviceaccount controller creates right after.
        await("default service account in " + ns, () -> cp.client().serviceAccounts().inNamespace(ns).withName("default").get() != null);
    }

    static Deployment deployment(String ns, String name, int replicas, String image) {
        return new DeploymentBuilder().withNewMetadata().withName(name).withNamespace(ns).endMetadata()
                .withNewSpec().withReplicas(replicas)
                .withNewSelector().addToMatchLabels("app", name).endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                .withNewSpec().addNewContainer().withName("web").withImage(image).addNewPort().withName("http")
                .withContainerPort(8080).endPort().endContainer().endSpec()
                .endTemplate().endSpec().build();
    }

    static List<Pod> pods(String ns, String label, String value) {
        return cp.client().pods().inNamespace(ns).withLabel(label, value).list().getItems().stream()
                .filter(p -> p.getMetadata().getDeletionTimestamp() == null).toList();
    }

    static List<Event> events(String ns, String reason) {
        return cp.client().v1().events().inNamespace(ns).list().getItems().stream().filter(e -> reason.equals(e.getReason())).toList();
    }

    static String kubectl(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("kubectl", "--kubeconfig", kubeconfig.toString()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(90, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as("kubectl %s: %s", String.join(" ", args), out).isZero();
        return out;
    }

    @Test
    void rollingUpdateRolloutHistoryUndoPauseResumeWithRealKubectl() throws Exception {
        String ns = "rollout";
        namespace(ns);
        cp.client().apps().deployments().inNamespace(ns).resource(deployment(ns, "web", 4, "nginx:1.26")).create();
        assertThat(kubectl("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s"))
                .contains("deployment \"web\" successfully rolled out");
        // Every state of the rollout stays within replicas + maxSurge and replicas - maxUnavailable (25% of 4 -> 1, 1).
        RolloutBounds bounds = RolloutBounds.watch(cp.client(), ns);
        kubectl("set", "image", "deployment/web", "web=nginx:1.27", "-n", ns);
        awaitRolloutOf(ns, "nginx:1.27");
        assertThat(kubectl("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s"))
                .contains("deployment \"web\" successfully rolled out");
        List<ReplicaSet> rss = cp.client().apps().replicaSets().inNamespace(ns).list().getItems();
        assertThat(rss).hasSize(2);
        ReplicaSet v2 = rss.stream().filter(r -> "2".equals(r.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))).findFirst().orElseThrow();
        ReplicaSet v1 = rss.stream().filter(r -> "1".equals(r.getMetadata().getAnnotations().get("deployment.kubernetes.io/revision"))).findFirst().orElseThrow();
        assertThat(v2.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27");
        assertThat(v1.getSpec().getReplicas()).isZero();
        assertThat(pods(ns, "app", "web")).hasSize(4).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.27"));
        // The rolling update went through both ReplicaSets in steps bounded by maxSurge 1 / maxUnavailable 1.
        List<String> scaling = events(ns, "ScalingReplicaSet").stream().map(Event::getMessage).toList();
        assertThat(scaling).contains("Scaled up replica set " + v1.getMetadata().getName() + " from 0 to 4",
                "Scaled up replica set " + v2.getMetadata().getName() + " from 0 to 1");
        assertThat(scaling).anyMatch(m -> m.startsWith("Scaled down replica set " + v1.getMetadata().getName() + " from 4 to 3"));
        bounds.close();
        bounds.assertHeld(4, 1, 1);
        assertThat(kubectl("rollout", "history", "deployment/web", "-n", ns)).contains("REVISION").contains("1 ").contains("2 ");
        // kubectl rollout undo restores the revision-1 template client-side; the controller makes it revision 3.
        kubectl("rollout", "undo", "deployment/web", "-n", ns);
        awaitRolloutOf(ns, "nginx:1.26");
        assertThat(kubectl("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).contains("successfully rolled out");
        ReplicaSet back = cp.client().apps().replicaSets().inNamespace(ns).withName(v1.getMetadata().getName()).get();
        assertThat(back.getMetadata().getAnnotations()).containsEntry("deployment.kubernetes.io/revision", "3")
                .containsEntry("deployment.kubernetes.io/revision-history", "1");
        assertThat(back.getSpec().getReplicas()).isEqualTo(4);
        // pause / resume
        kubectl("rollout", "pause", "deployment/web", "-n", ns);
        await("paused condition", () -> cp.client().apps().deployments().inNamespace(ns).withName("web").get().getStatus().getConditions()
                .stream().anyMatch(c -> "Progressing".equals(c.getType()) && "DeploymentPaused".equals(c.getReason()) && "Unknown".equals(c.getStatus())));
        kubectl("set", "image", "deployment/web", "web=nginx:1.28", "-n", ns);
        kubectl("scale", "deployment/web", "--replicas=2", "-n", ns);
        await("paused deployment still scales", () -> pods(ns, "app", "web").size() == 2);
        assertThat(cp.client().apps().replicaSets().inNamespace(ns).list().getItems()).hasSize(2); // no rollout while paused
        kubectl("rollout", "resume", "deployment/web", "-n", ns);
        awaitRolloutOf(ns, "nginx:1.28");
        assertThat(kubectl("rollout", "status", "deployment/web", "-n", ns, "--timeout=60s")).contains("successfully rolled out");
        assertThat(pods(ns, "app", "web")).hasSize(2).allSatisfy(p -> assertThat(p.getSpec().getContainers().get(0).getImage()).isEqualTo("nginx:1.28"));
    }

    /**
     * Our API server does not track metadata.generation yet, so kubectl rollout status cannot tell a status written
     * before the controller saw the new template: wait until the controller reports progress of the ReplicaSet with
     * this image (reasons ReplicaSetUpdated / NewReplicaSetAvailable carry freshly computed counts).
     */
    static void awaitRolloutOf(String ns, String image) {
        await("rollout of " + image + " under way", () -> {
            ReplicaSet rs = cp.client().apps().replicaSets().inNamespace(ns).list().getItems().stream()
                    .filter(r -> image.equals(r.getSpec().getTemplate().getSpec().getContainers().get(0).getImage()))
                    .findFirst().orElse(null);
            Deployment d = cp.client().apps().deployments().inNamespace(ns).withName("web").get();
            return rs != null && d.getStatus() != null && d.getStatus().getConditions().stream().anyMatch(c -> "Progressing".equals(c.getType())
                    && ("ReplicaSetUpdated".equals(c.getReason()) || "NewReplicaSetAvailable".equals(c.getReason()))
                    && c.getMessage().contains("\"" + rs.getMetadata().getName() + "\""));
        });
    }

    @Test
    void stuckRolloutExceedsItsProgressDeadline() throws Exception {
        String ns = "stuck";
        namespace(ns);
        Deployment d = deployment(ns, "web", 1, "app:1");
        d.getSpec().setProgressDeadlineSeconds(2);
        d.getSpec().getTemplate().getMetadata().getLabels().put("test/hold", "true"); // never becomes ready
        cp.client().apps().deployments().inNamespace(ns).resource(d).create();
        await("ProgressDeadlineExceeded", () -> {
            Deployment x = cp.client().apps().deployments().inNamespace(ns).withName("web").get();
            return x.getStatus() != null && x.getStatus().getConditions().stream().anyMatch(c -> "Progressing".equals(c.getType())
                    && "False".equals(c.getStatus()) && "ProgressDeadlineExceeded".equals(c.getReason())
                    && c.getMessage().matches("ReplicaSet \"web-[a-z0-9]+\" has timed out progressing[.]"));
        });
        Process p = new ProcessBuilder("kubectl", "--kubeconfig", kubeconfig.toString(), "rollout", "status", "deployment/web", "-n", ns)
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).isNotZero();
        assertThat(out).contains("deployment \"web\" exceeded its progress deadline");
    }

    @Test
    void recreateStrategyRemovesOldPodsBeforeCreatingNewOnes() {
        String ns = "recreate";
        namespace(ns);
        Deployment d = deployment(ns, "web", 3, "app:1");
        d.getSpec().setStrategy(new io.fabric8.kubernetes.api.model.apps.DeploymentStrategyBuilder().withType("Recreate").build());
        cp.client().apps().deployments().inNamespace(ns).resource(d).create();
        await("3 pods", () -> pods(ns, "app", "web").size() == 3);
        String oldRs = cp.client().apps().replicaSets().inNamespace(ns).list().getItems().get(0).getMetadata().getName();
        java.util.List<String> oldPodsWhenNewRsAppeared = new java.util.concurrent.CopyOnWriteArrayList<>();
        var inf = cp.client().apps().replicaSets().inNamespace(ns).inform(new io.fabric8.kubernetes.client.informers.ResourceEventHandler<ReplicaSet>() {
            @Override
            public void onAdd(ReplicaSet r) {
                if (!r.getMetadata().getName().equals(oldRs)) {
                    oldPodsWhenNewRsAppeared.add(Integer.toString(cp.client().pods().inNamespace(ns).withLabel("app", "web").list().getItems().stream()
                            .filter(p -> p.getMetadata().getName().startsWith(oldRs + "-")).toList().size()));
                }
            }

            @Override
            public void onUpdate(ReplicaSet o, ReplicaSet n) {
            }

            @Override
            public void onDelete(ReplicaSet r, boolean unknown) {
            }
        });
        // A JSON patch, as kubectl set image would send (no resourceVersion: no conflict with the controllers' writes).
        cp.client().apps().deployments().inNamespace(ns).withName("web").patch(JSON_PATCH,
                "[{\"op\":\"replace\",\"path\":\"/spec/template/spec/containers/0/image\",\"value\":\"app:2\"}]");
        await("3 new pods", () -> pods(ns, "app", "web").size() == 3 && pods(ns, "app", "web").stream()
                .allMatch(p -> "app:2".equals(p.getSpec().getContainers().get(0).getImage())));
        await("new ReplicaSet seen by the test's informer", () -> !oldPodsWhenNewRsAppeared.isEmpty());
        inf.close();
        assertThat(oldPodsWhenNewRsAppeared).containsExactly("0");
        assertThat(events(ns, "ScalingReplicaSet")).extracting(Event::getMessage).contains("Scaled down replica set " + oldRs + " from 3 to 0");
    }

    @Test
    void replicaSetReplacesDeletedPodsAndRecordsEventsWithControllerUserAgent() {
        String ns = "heal";
        namespace(ns);
        long t0 = System.nanoTime();
        cp.client().apps().deployments().inNamespace(ns).resource(deployment(ns, "api", 3, "nginx")).create();
        await("3 pods", () -> pods(ns, "app", "api").size() == 3);
        Pod victim = pods(ns, "app", "api").get(0);
        cp.client().pods().inNamespace(ns).withName(victim.getMetadata().getName()).withGracePeriod(0).delete();
        await("replacement", () -> pods(ns, "app", "api").size() == 3
                && pods(ns, "app", "api").stream().noneMatch(p -> p.getMetadata().getName().equals(victim.getMetadata().getName())));
        var creates = cp.cp.apiServer().audit().since(t0).stream()
                .filter(e -> "ResponseComplete".equals(e.stage()) && "create".equals(e.verb()) && "pods".equals(e.resource())).toList();
        assertThat(creates).isNotEmpty().allSatisfy(e -> assertThat(e.userAgent())
                .matches("kube-controller-manager/v\\d+\\.\\d+\\.\\d+ \\(linux/amd64\\) kubernetes/\\w+/replicaset-controller"));
        await("SuccessfulCreate events", () -> events(ns, "SuccessfulCreate").size() >= 4);
        assertThat(events(ns, "SuccessfulCreate")).allSatisfy(e -> {
            assertThat(e.getMessage()).matches("Created pod: api-[a-z0-9]+-[a-z0-9]{5}");
            assertThat(e.getSource().getComponent()).isEqualTo("replicaset-controller");
            assertThat(e.getInvolvedObject().getKind()).isEqualTo("ReplicaSet");
        });
    }

    @Test
    void endpointsAndEndpointSlicesFollowReadyPods() {
        String ns = "svc";
        namespace(ns);
        cp.client().apps().deployments().inNamespace(ns).resource(deployment(ns, "web", 2, "nginx")).create();
        cp.client().services().inNamespace(ns).resource(new ServiceBuilder().withNewMetadata().withName("web").endMetadata()
                .withNewSpec().addToSelector("app", "web").addNewPort().withName("http").withPort(80)
                .withTargetPort(new IntOrString("http")).endPort().endSpec().build()).create();
        await("2 ready addresses", () -> {
            var ep = cp.client().endpoints().inNamespace(ns).withName("web").get();
            return ep != null && ep.getSubsets() != null && ep.getSubsets().size() == 1
                    && ep.getSubsets().get(0).getAddresses() != null && ep.getSubsets().get(0).getAddresses().size() == 2;
        });
        var ep = cp.client().endpoints().inNamespace(ns).withName("web").get();
        assertThat(ep.getSubsets().get(0).getPorts()).singleElement().satisfies(p -> {
            assertThat(p.getName()).isEqualTo("http");
            assertThat(p.getPort()).isEqualTo(8080);
        });
        await("slice with 2 ready endpoints", () -> {
            List<EndpointSlice> s = cp.client().discovery().v1().endpointSlices().inNamespace(ns)
                    .withLabel("kubernetes.io/service-name", "web").list().getItems();
            return s.size() == 1 && s.get(0).getEndpoints() != null && s.get(0).getEndpoints().size() == 2
                    && s.get(0).getEndpoints().stream().allMatch(e -> e.getConditions().getReady());
        });
        EndpointSlice slice = cp.client().discovery().v1().endpointSlices().inNamespace(ns).withLabel("kubernetes.io/service-name", "web")
                .list().getItems().get(0);
        assertThat(slice.getMetadata().getName()).startsWith("web-");
        assertThat(slice.getMetadata().getLabels()).containsEntry("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io");
        assertThat(slice.getAddressType()).isEqualTo("IPv4");
        assertThat(slice.getPorts()).singleElement().satisfies(p -> assertThat(p.getPort()).isEqualTo(8080));
        assertThat(slice.getMetadata().getOwnerReferences()).singleElement().satisfies(r -> assertThat(r.getKind()).isEqualTo("Service"));
        // A pod that stops being ready moves to notReadyAddresses.
        Pod p = pods(ns, "app", "web").get(0);
        kubelet.setPhase(p, "Running", false);
        await("one not-ready address", () -> {
            var e = cp.client().endpoints().inNamespace(ns).withName("web").get();
            return e.getSubsets().get(0).getNotReadyAddresses() != null && e.getSubsets().get(0).getNotReadyAddresses().size() == 1
                    && e.getSubsets().get(0).getAddresses().size() == 1;
        });
    }

    @Test
    void jobsCompleteOrFailAfterBackoffLimitAndTtlDeletesThem() {
        String ns = "batch";
        namespace(ns);
        cp.client().batch().v1().jobs().inNamespace(ns).resource(new JobBuilder().withNewMetadata().withName("pi").endMetadata()
                .withNewSpec().withCompletions(3).withParallelism(2).withNewTemplate().withNewMetadata().addToLabels("test/exit", "Succeeded").endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("pi").withImage("perl").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        await("pi complete", () -> hasCondition(cp.client().batch().v1().jobs().inNamespace(ns).withName("pi").get(), "Complete"));
        Job pi = cp.client().batch().v1().jobs().inNamespace(ns).withName("pi").get();
        assertThat(pi.getStatus().getSucceeded()).isEqualTo(3);
        assertThat(pi.getStatus().getCompletionTime()).isNotNull();
        assertThat(cp.client().pods().inNamespace(ns).withLabel("job-name", "pi").list().getItems()).hasSize(3)
                .allSatisfy(p -> assertThat(p.getMetadata().getLabels()).containsEntry("batch.kubernetes.io/job-name", "pi"));
        await("Completed event", () -> events(ns, "Completed").stream().anyMatch(e -> "Job completed".equals(e.getMessage())
                && "job-controller".equals(e.getSource().getComponent())));

        cp.client().batch().v1().jobs().inNamespace(ns).resource(new JobBuilder().withNewMetadata().withName("crash").endMetadata()
                .withNewSpec().withBackoffLimit(1).withTtlSecondsAfterFinished(0).withNewTemplate().withNewMetadata().addToLabels("test/exit", "Failed").endMetadata()
                .withNewSpec().withRestartPolicy("Never").addNewContainer().withName("c").withImage("busybox").endContainer().endSpec()
                .endTemplate().endSpec().build()).create();
        await("second attempt after back-off", () -> cp.client().pods().inNamespace(ns).withLabel("job-name", "crash").list().getItems().size() == 2
                || !events(ns, "BackoffLimitExceeded").isEmpty());
        await("BackoffLimitExceeded event", () -> events(ns, "BackoffLimitExceeded").stream()
                .anyMatch(e -> "Job has reached the specified backoff limit".equals(e.getMessage()) && "Warning".equals(e.getType())));
        // ttlSecondsAfterFinished: 0 — the ttl-after-finished controller deletes the failed Job and (foreground) its pods.
        await("crash job deleted", () -> cp.client().batch().v1().jobs().inNamespace(ns).withName("crash").get() == null);
        await("crash pods deleted", () -> cp.client().pods().inNamespace(ns).withLabel("job-name", "crash").list().getItems().isEmpty());
    }

    static boolean hasCondition(Job j, String type) {
        return j != null && j.getStatus() != null && j.getStatus().getConditions() != null
                && j.getStatus().getConditions().stream().anyMatch(c -> type.equals(c.getType()) && "True".equals(c.getStatus()));
    }

    @Test
    void everyNamespaceGetsADefaultServiceAccount() {
        namespace("fresh");
        await("default service account", () -> cp.client().serviceAccounts().inNamespace("fresh").withName("default").get() != null);
    }

    @Test
    void namespaceDeletionRemovesContentThenFinalizes() {
        String ns = "doomed";
        namespace(ns);
        cp.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("cfg").endMetadata().build()).create();
        cp.client().apps().deployments().inNamespace(ns).resource(deployment(ns, "web", 2, "nginx")).create();
        await("pods", () -> pods(ns, "app", "web").size() == 2);
        cp.client().namespaces().withName(ns).delete();
        await("namespace gone", () -> cp.client().namespaces().withName(ns).get() == null);
        assertThat(cp.client().configMaps().inNamespace(ns).list().getItems()).isEmpty();
        assertThat(cp.client().pods().inNamespace(ns).list().getItems()).isEmpty();
    }

    @Test
    void garbageCollectorBackgroundForegroundAndOrphan() {
        String ns = "gc";
        namespace(ns);
        ConfigMap owner = cp.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("owner").endMetadata().build()).create();
        cp.client().configMaps().inNamespace(ns).resource(new ConfigMapBuilder().withNewMetadata().withName("dependent")
                .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("v1").withKind("ConfigMap").withName("owner")
                        .withUid(owner.getMetadata().getUid()).build()).endMetadata().build()).create();
        cp.client().configMaps().inNamespace(ns).withName("owner").delete();
        await("background: dependent collected", () -> cp.client().configMaps().inNamespace(ns).withName("dependent").get() == null);

        // Foreground: the Deployment stays (with the foregroundDeletion finalizer) until its ReplicaSet and pods are gone.
        cp.client().apps().deployments().inNamespace(ns).resource(deployment(ns, "fg", 2, "nginx")).create();
        await("fg pods", () -> pods(ns, "app", "fg").size() == 2);
        cp.client().apps().deployments().inNamespace(ns).withName("fg").withPropagationPolicy(DeletionPropagation.FOREGROUND).delete();
        await("foreground: deployment gone", () -> cp.client().apps().deployments().inNamespace(ns).withName("fg").get() == null);
        assertThat(cp.client().apps().replicaSets().inNamespace(ns).withLabel("app", "fg").list().getItems()).isEmpty();
        assertThat(cp.client().pods().inNamespace(ns).withLabel("app", "fg").list().getItems()).isEmpty();

        // Orphan: the ReplicaSet goes, its pods stay without an ownerReference.
        cp.client().apps().deployments().inNamespace(ns).resource(deployment(ns, "orph", 2, "nginx")).create();
        await("orph pods", () -> pods(ns, "app", "orph").size() == 2);
        cp.client().apps().deployments().inNamespace(ns).withName("orph").withPropagationPolicy(DeletionPropagation.ORPHAN).delete();
        await("orphan: deployment gone", () -> cp.client().apps().deployments().inNamespace(ns).withName("orph").get() == null);
        await("replica set orphaned", () -> cp.client().apps().replicaSets().inNamespace(ns).withLabel("app", "orph").list().getItems()
                .stream().allMatch(r -> r.getMetadata().getOwnerReferences() == null || r.getMetadata().getOwnerReferences().isEmpty()));
        assertThat(cp.client().apps().replicaSets().inNamespace(ns).withLabel("app", "orph").list().getItems()).hasSize(1);
        assertThat(pods(ns, "app", "orph")).hasSize(2);
    }

    @Test
    void podDisruptionBudgetStatus() {
        String ns = "pdb";
        namespace(ns);
        cp.client().apps().deployments().inNamespace(ns).resource(deployment(ns, "web", 3, "nginx")).create();
        cp.client().policy().v1().podDisruptionBudget().inNamespace(ns).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web").endMetadata().withNewSpec().withMinAvailable(new IntOrString(2))
                .withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build()).create();
        cp.client().policy().v1().podDisruptionBudget().inNamespace(ns).resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("web-pct").endMetadata().withNewSpec().withMaxUnavailable(new IntOrString("50%"))
                .withNewSelector().addToMatchLabels("app", "web").endSelector().endSpec().build()).create();
        await("pdb allows 1", () -> {
            PodDisruptionBudget p = cp.client().policy().v1().podDisruptionBudget().inNamespace(ns).withName("web").get();
            return p.getStatus() != null && Integer.valueOf(3).equals(p.getStatus().getCurrentHealthy())
                    && Integer.valueOf(1).equals(p.getStatus().getDisruptionsAllowed());
        });
        PodDisruptionBudget p = cp.client().policy().v1().podDisruptionBudget().inNamespace(ns).withName("web").get();
        assertThat(p.getStatus().getDesiredHealthy()).isEqualTo(2);
        assertThat(p.getStatus().getExpectedPods()).isEqualTo(3);
        assertThat(p.getStatus().getConditions()).singleElement().satisfies(c -> {
            assertThat(c.getType()).isEqualTo("DisruptionAllowed");
            assertThat(c.getStatus()).isEqualTo("True");
            assertThat(c.getReason()).isEqualTo("SufficientPods");
        });
        // maxUnavailable 50% of the Deployment's 3 replicas rounds up to 2: desiredHealthy 1, 2 disruptions allowed.
        await("pct pdb", () -> {
            PodDisruptionBudget q = cp.client().policy().v1().podDisruptionBudget().inNamespace(ns).withName("web-pct").get();
            return q.getStatus() != null && Integer.valueOf(1).equals(q.getStatus().getDesiredHealthy())
                    && Integer.valueOf(2).equals(q.getStatus().getDisruptionsAllowed());
        });
    }

    @Test
    void daemonSetRunsOnePodPerEligibleNodePinnedByAffinity() {
        String ns = "ds";
        namespace(ns);
        cp.client().apps().daemonSets().inNamespace(ns).resource(new DaemonSetBuilder().withNewMetadata().withName("agent").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "agent").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "agent").endMetadata()
                .withNewSpec().addNewContainer().withName("a").withImage("agent:1").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        await("1 daemon pod (control plane tainted)", () -> pods(ns, "app", "agent").size() == 1);
        Pod pod = pods(ns, "app", "agent").get(0);
        var term = pod.getSpec().getAffinity().getNodeAffinity().getRequiredDuringSchedulingIgnoredDuringExecution().getNodeSelectorTerms().get(0);
        assertThat(term.getMatchFields()).singleElement().satisfies(r -> {
            assertThat(r.getKey()).isEqualTo("metadata.name");
            assertThat(r.getValues()).containsExactly("kubelab-worker");
        });
        assertThat(pod.getSpec().getTolerations()).anyMatch(t -> "node.kubernetes.io/unreachable".equals(t.getKey()) && "NoExecute".equals(t.getEffect()));
        assertThat(pod.getMetadata().getLabels()).containsKey("controller-revision-hash");
        await("ds status", () -> {
            var s = cp.client().apps().daemonSets().inNamespace(ns).withName("agent").get().getStatus();
            return s != null && Integer.valueOf(1).equals(s.getDesiredNumberScheduled()) && Integer.valueOf(1).equals(s.getNumberReady());
        });
        // Tolerating the control-plane taint adds the second node.
        cp.client().apps().daemonSets().inNamespace(ns).withName("agent").patch(JSON_PATCH,
                "[{\"op\":\"add\",\"path\":\"/spec/template/spec/tolerations\",\"value\":[{\"key\":\"node-role.kubernetes.io/control-plane\","
                        + "\"operator\":\"Exists\",\"effect\":\"NoSchedule\"}]}]");
        await("2 updated daemon pods", () -> {
            var s = cp.client().apps().daemonSets().inNamespace(ns).withName("agent").get().getStatus();
            return pods(ns, "app", "agent").size() == 2 && s != null && Integer.valueOf(2).equals(s.getUpdatedNumberScheduled())
                    && Integer.valueOf(2).equals(s.getNumberReady());
        });
        assertThat(pods(ns, "app", "agent")).extracting(p -> p.getSpec().getNodeName())
                .containsExactlyInAnyOrder("kubelab-worker", "kubelab-control-plane");
    }

    @Test
    void statefulSetCreatesPodsInOrderWaitingForReadiness() {
        String ns = "sts";
        namespace(ns);
        cp.client().apps().statefulSets().inNamespace(ns).resource(new StatefulSetBuilder().withNewMetadata().withName("db").endMetadata()
                .withNewSpec().withReplicas(3).withServiceName("db").withNewSelector().addToMatchLabels("app", "db").endSelector()
                .withNewTemplate().withNewMetadata().addToLabels("app", "db").addToLabels("test/hold", "true").endMetadata()
                .withNewSpec().addNewContainer().withName("db").withImage("postgres").endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
        await("db-0", () -> cp.client().pods().inNamespace(ns).withName("db-0").get() != null);
        for (int i = 0; i < 3; i++) {
            String name = "db-" + i;
            Pod p = TestCluster.eventually(name, () -> cp.client().pods().inNamespace(ns).withName(name).get());
            // OrderedReady: the next ordinal does not exist while this one is not Running and Ready.
            assertThat(cp.client().pods().inNamespace(ns).withName("db-" + (i + 1)).get()).isNull();
            assertThat(p.getSpec().getHostname()).isEqualTo(name);
            assertThat(p.getSpec().getSubdomain()).isEqualTo("db");
            assertThat(p.getMetadata().getLabels()).containsEntry("statefulset.kubernetes.io/pod-name", name)
                    .containsEntry("apps.kubernetes.io/pod-index", Integer.toString(i)).containsKey("controller-revision-hash");
            kubelet.bind(p, "kubelab-worker");
            kubelet.setPhase(p, "Running", true);
        }
        await("3 ready", () -> Integer.valueOf(3).equals(cp.client().apps().statefulSets().inNamespace(ns).withName("db").get().getStatus().getReadyReplicas()));
        assertThat(events(ns, "SuccessfulCreate")).extracting(Event::getMessage)
                .contains("create Pod db-0 in StatefulSet db successful", "create Pod db-2 in StatefulSet db successful");
        // Scale down removes the highest ordinal.
        cp.client().apps().statefulSets().inNamespace(ns).withName("db")
                .patch(io.fabric8.kubernetes.client.dsl.base.PatchContext.of(io.fabric8.kubernetes.client.dsl.base.PatchType.JSON_MERGE),
                        "{\"spec\":{\"replicas\":2}}");
        await("db-2 gone", () -> cp.client().pods().inNamespace(ns).withName("db-2").get() == null);
        assertThat(cp.client().pods().inNamespace(ns).withName("db-1").get()).isNotNull();
        // No pod was replaced: the template did not change.
        assertThat(events(ns, "SuccessfulDelete")).extracting(Event::getMessage).containsExactly("delete Pod db-2 in StatefulSet db successful");
    }

    @Test
    void stoppingTheControllerManagerStopsSelfHealingAndStartingHealsWithLease() throws Exception {
        String ns = "drill";
        namespace(ns);
        cp.client().apps().deployments().inNamespace(ns).resource(deployment(ns, "web", 2, "nginx")).create();
        await("2 pods", () -> pods(ns, "app", "web").size() == 2);
        var lease = cp.client().leases().inNamespace("kube-system").withName("kube-controller-manager").get();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(kcm.identity());
        kcm.stop();
        assertThat(kcm.runningControllers()).isEmpty();
        Pod victim = pods(ns, "app", "web").get(0);
        cp.client().pods().inNamespace(ns).withName(victim.getMetadata().getName()).withGracePeriod(0).delete();
        await("pod gone", () -> pods(ns, "app", "web").size() == 1);
        Thread.sleep(1000); // give a (wrongly) running controller the chance to heal; none must
        assertThat(pods(ns, "app", "web")).hasSize(1);
        kcm.start();
        await("healed", () -> pods(ns, "app", "web").size() == 2);
        assertThat(kcm.runningControllers()).contains("deployment", "replicaset", "garbagecollector");
    }
}
