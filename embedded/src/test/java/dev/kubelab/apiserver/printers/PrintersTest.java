package dev.kubelab.apiserver.printers;

import static dev.kubelab.apiserver.registry.Fixtures.resource;
import static dev.kubelab.apiserver.registry.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.printers.TableConvertor.Column;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Columns and cells as `kubectl get` (and -o wide) shows them on a real 1.31 cluster. */
class PrintersTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2024-05-01T12:00:00Z"), ZoneOffset.UTC);

    private static TableConvertor printer(String group, String kind, String resource) {
        return Printers.forResource(resource(group, kind, resource, true), CLOCK);
    }

    private static List<String> names(TableConvertor t, int priority) {
        return t.columns().stream().filter(c -> c.priority() == priority).map(Column::name).toList();
    }

    private static final String RUNNING_POD = """
            metadata: {name: web-1, creationTimestamp: "2024-05-01T11:54:48Z"}
            spec:
              nodeName: node-1
              containers: [{name: web, image: nginx}, {name: log, image: busybox}]
            status:
              phase: Running
              podIP: 10.244.1.5
              podIPs: [{ip: 10.244.1.5}]
              conditions: [{type: Ready, status: "True"}]
              containerStatuses:
              - name: web
                ready: true
                restartCount: 2
                state: {running: {startedAt: "2024-05-01T11:58:00Z"}}
                lastState: {terminated: {exitCode: 1, reason: Error, finishedAt: "2024-05-01T11:57:00Z"}}
              - name: log
                ready: true
                restartCount: 0
                state: {running: {startedAt: "2024-05-01T11:55:00Z"}}
            """;

    @Test
    void podColumnsAndRunningRow() {
        TableConvertor pods = printer("", "Pod", "pods");
        assertThat(names(pods, 0)).containsExactly("Name", "Ready", "Status", "Restarts", "Age");
        assertThat(names(pods, 1)).containsExactly("IP", "Node", "Nominated Node", "Readiness Gates");
        assertThat(pods.columns().get(0).format()).isEqualTo("name");
        assertThat(pods.columns().get(0).description()).startsWith("Name must be unique within a namespace.");
        assertThat(pods.columns().get(5).description()).startsWith("podIP address allocated to the pod.");
        assertThat(pods.cells(yaml(RUNNING_POD)))
                .containsExactly("web-1", "2/2", "Running", "2 (3m ago)", "5m12s", "10.244.1.5", "node-1", "<none>", "<none>");
    }

    @Test
    void podStatusReasons() {
        TableConvertor pods = printer("", "Pod", "pods");
        assertThat(status(pods, """
                spec: {containers: [{name: a}]}
                status: {phase: Pending}
                """)).isEqualTo("Pending");
        assertThat(status(pods, """
                spec: {containers: [{name: a}]}
                status: {phase: Pending, containerStatuses: [{name: a, state: {waiting: {reason: ContainerCreating}}}]}
                """)).isEqualTo("ContainerCreating");
        assertThat(status(pods, """
                spec: {containers: [{name: a}]}
                status: {phase: Running, containerStatuses: [{name: a, restartCount: 4, state: {waiting: {reason: CrashLoopBackOff}}}]}
                """)).isEqualTo("CrashLoopBackOff");
        assertThat(status(pods, """
                spec: {containers: [{name: a}]}
                status: {phase: Succeeded, containerStatuses: [{name: a, state: {terminated: {exitCode: 0, reason: Completed}}}]}
                """)).isEqualTo("Completed");
        assertThat(status(pods, """
                spec: {containers: [{name: a}]}
                status: {phase: Failed, containerStatuses: [{name: a, state: {terminated: {exitCode: 137}}}]}
                """)).isEqualTo("ExitCode:137");
        assertThat(status(pods, """
                spec: {initContainers: [{name: init}], containers: [{name: a}]}
                status: {phase: Pending, initContainerStatuses: [{name: init, state: {waiting: {reason: PodInitializing}}}]}
                """)).isEqualTo("Init:0/1");
        assertThat(status(pods, """
                spec: {initContainers: [{name: init}], containers: [{name: a}]}
                status: {phase: Pending, initContainerStatuses: [{name: init, restartCount: 3, state: {waiting: {reason: CrashLoopBackOff}}}]}
                """)).isEqualTo("Init:CrashLoopBackOff");
        assertThat(status(pods, """
                metadata: {deletionTimestamp: "2024-05-01T11:59:00Z"}
                spec: {containers: [{name: a}]}
                status: {phase: Running, containerStatuses: [{name: a, ready: true, state: {running: {}}}]}
                """)).isEqualTo("Terminating");
    }

    private static String status(TableConvertor pods, String yaml) {
        return (String) pods.cells(yaml(yaml)).get(2);
    }

    @Test
    void nodeStatusRolesAndWideCells() {
        TableConvertor nodes = printer("", "Node", "nodes");
        assertThat(names(nodes, 0)).containsExactly("Name", "Status", "Roles", "Age", "Version");
        assertThat(names(nodes, 1)).containsExactly("Internal-IP", "External-IP", "OS-Image", "Kernel-Version", "Container-Runtime");
        ObjectNode node = yaml("""
                metadata:
                  name: kind-control-plane
                  creationTimestamp: "2024-04-28T12:00:00Z"
                  labels: {node-role.kubernetes.io/control-plane: ""}
                spec: {unschedulable: true}
                status:
                  conditions: [{type: MemoryPressure, status: "False"}, {type: Ready, status: "True"}]
                  addresses: [{type: InternalIP, address: 172.18.0.2}, {type: Hostname, address: kind-control-plane}]
                  nodeInfo: {kubeletVersion: v1.31.0, osImage: Debian GNU/Linux 12 (bookworm), kernelVersion: 6.8.0, containerRuntimeVersion: "containerd://1.7.18"}
                """);
        assertThat(nodes.cells(node)).containsExactly("kind-control-plane", "Ready,SchedulingDisabled", "control-plane", "3d",
                "v1.31.0", "172.18.0.2", "<none>", "Debian GNU/Linux 12 (bookworm)", "6.8.0", "containerd://1.7.18");
    }

    @Test
    void deploymentAndServiceRows() {
        TableConvertor deployments = printer("apps", "Deployment", "deployments");
        assertThat(names(deployments, 0)).containsExactly("Name", "Ready", "Up-to-date", "Available", "Age");
        assertThat(names(deployments, 1)).containsExactly("Containers", "Images", "Selector");
        assertThat(deployments.columns().get(2).type()).isEqualTo("integer");
        assertThat(deployments.cells(yaml("""
                metadata: {name: web, creationTimestamp: "2024-05-01T11:00:00Z"}
                spec:
                  replicas: 3
                  selector: {matchLabels: {app: web, tier: front}}
                  template: {spec: {containers: [{name: nginx, image: "nginx:1.27"}]}}
                status: {readyReplicas: 2, updatedReplicas: 3, availableReplicas: 2}
                """))).containsExactly("web", "2/3", 3L, 2L, "60m", "nginx", "nginx:1.27", "app=web,tier=front");

        TableConvertor services = printer("", "Service", "services");
        assertThat(names(services, 0)).containsExactly("Name", "Type", "Cluster-IP", "External-IP", "Port(s)", "Age");
        assertThat(services.cells(yaml("""
                metadata: {name: web, creationTimestamp: "2024-05-01T11:59:00Z"}
                spec: {type: NodePort, clusterIP: 10.96.12.34, selector: {app: web}, ports: [{port: 80, nodePort: 30080, protocol: TCP}, {port: 443, protocol: TCP}]}
                """))).containsExactly("web", "NodePort", "10.96.12.34", "<none>", "80:30080/TCP,443/TCP", "60s", "app=web");
        assertThat(services.cells(yaml("""
                metadata: {name: lb}
                spec: {type: LoadBalancer, clusterIP: 10.96.0.9, ports: [{port: 80, protocol: TCP}]}
                status: {loadBalancer: {}}
                """))).element(3).isEqualTo("<pending>");
    }

    @Test
    void jobAndCronJobRows() {
        TableConvertor jobs = printer("batch", "Job", "jobs");
        assertThat(names(jobs, 0)).containsExactly("Name", "Status", "Completions", "Duration", "Age");
        assertThat(jobs.cells(yaml("""
                metadata: {name: pi, creationTimestamp: "2024-05-01T11:50:00Z"}
                spec: {completions: 1, parallelism: 1, template: {spec: {containers: [{name: pi, image: perl}]}}, selector: {matchLabels: {batch.kubernetes.io/controller-uid: abc}}}
                status: {succeeded: 1, startTime: "2024-05-01T11:50:00Z", completionTime: "2024-05-01T11:50:42Z", conditions: [{type: Complete, status: "True"}]}
                """))).containsExactly("pi", "Complete", "1/1", "42s", "10m", "pi", "perl", "batch.kubernetes.io/controller-uid=abc");

        TableConvertor cronjobs = printer("batch", "CronJob", "cronjobs");
        assertThat(names(cronjobs, 0)).containsExactly("Name", "Schedule", "Timezone", "Suspend", "Active", "Last Schedule", "Age");
        assertThat(cronjobs.cells(yaml("""
                metadata: {name: hello, creationTimestamp: "2024-05-01T10:00:00Z"}
                spec: {schedule: "*/1 * * * *", suspend: false, jobTemplate: {spec: {template: {spec: {containers: [{name: hello, image: busybox}]}}}}}
                status: {lastScheduleTime: "2024-05-01T11:59:00Z", active: [{name: hello-1}]}
                """))).containsExactly("hello", "*/1 * * * *", "<none>", false, 1L, "60s", "120m", "hello", "busybox", "");
    }

    @Test
    void eventsCoreAndEventsApi() {
        TableConvertor events = printer("", "Event", "events");
        assertThat(names(events, 0)).containsExactly("Last Seen", "Type", "Reason", "Object", "Message");
        assertThat(names(events, 1)).containsExactly("Subobject", "Source", "First Seen", "Count", "Name");
        assertThat(events.cells(yaml("""
                metadata: {name: web-1.17c, namespace: default}
                involvedObject: {kind: Pod, name: web-1, fieldPath: "spec.containers{web}"}
                reason: Pulled
                message: "Successfully pulled image \\"nginx\\" "
                type: Normal
                source: {component: kubelet, host: node-1}
                firstTimestamp: "2024-05-01T11:50:00Z"
                lastTimestamp: "2024-05-01T11:58:00Z"
                count: 3
                """))).containsExactly("2m", "Normal", "Pulled", "pod/web-1", "spec.containers{web}", "kubelet, node-1",
                "Successfully pulled image \"nginx\"", "10m", 3L, "web-1.17c");

        TableConvertor v1 = Printers.forResource(resource("events.k8s.io", "Event", "events", true), CLOCK);
        assertThat(v1.cells(yaml("""
                metadata: {name: e1}
                regarding: {kind: Deployment, name: web}
                reason: ScalingReplicaSet
                note: Scaled up replica set web-abc to 3
                type: Normal
                eventTime: "2024-05-01T11:59:30.000000Z"
                reportingController: deployment-controller
                reportingInstance: cm-1
                """))).containsExactly("30s", "Normal", "ScalingReplicaSet", "deployment/web", "",
                "deployment-controller, cm-1", "Scaled up replica set web-abc to 3", "30s", 1L, "e1");
    }

    @Test
    void smallKinds() {
        String created = "creationTimestamp: \"2024-05-01T11:00:00Z\"";
        assertThat(printer("", "Namespace", "namespaces").cells(yaml("metadata: {name: dev, " + created + "}\nstatus: {phase: Active}")))
                .containsExactly("dev", "Active", "60m");
        assertThat(printer("", "ConfigMap", "configmaps").cells(yaml("metadata: {name: cfg}\ndata: {a: '1', b: '2'}")))
                .containsExactly("cfg", 2L, "<unknown>");
        assertThat(printer("", "Secret", "secrets").cells(yaml("metadata: {name: s}\ntype: Opaque\ndata: {a: MQ==}")))
                .containsExactly("s", "Opaque", 1L, "<unknown>");
        assertThat(printer("policy", "PodDisruptionBudget", "poddisruptionbudgets").cells(yaml("metadata: {name: p}\nspec: {minAvailable: 1}\nstatus: {disruptionsAllowed: 0}")))
                .containsExactly("p", "1", "N/A", 0L, "<unknown>");
        assertThat(printer("scheduling.k8s.io", "PriorityClass", "priorityclasses").cells(yaml("metadata: {name: high}\nvalue: 1000\npreemptionPolicy: PreemptLowerPriority")))
                .containsExactly("high", 1000L, false, "PreemptLowerPriority", "<unknown>");
        assertThat(printer("rbac.authorization.k8s.io", "ClusterRole", "clusterroles").columns()).extracting(Column::name, Column::type)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("Name", "string"), org.assertj.core.groups.Tuple.tuple("Created At", "date"));
        assertThat(printer("rbac.authorization.k8s.io", "RoleBinding", "rolebindings").cells(yaml("""
                metadata: {name: rb}
                roleRef: {kind: ClusterRole, name: view}
                subjects: [{kind: User, name: jane}, {kind: ServiceAccount, name: ci, namespace: dev}, {kind: Group, name: ops}]
                """))).containsExactly("rb", "ClusterRole/view", "<unknown>", "jane", "ops", "dev/ci");
        assertThat(printer("coordination.k8s.io", "Lease", "leases").cells(yaml("metadata: {name: kube-scheduler}\nspec: {holderIdentity: sched-1_abc}")))
                .containsExactly("kube-scheduler", "sched-1_abc", "<unknown>");
        assertThat(printer("discovery.k8s.io", "EndpointSlice", "endpointslices").cells(yaml("""
                metadata: {name: web-abc}
                addressType: IPv4
                ports: [{port: 80, name: http}]
                endpoints: [{addresses: [10.0.0.1]}, {addresses: [10.0.0.2]}, {addresses: [10.0.0.3]}, {addresses: [10.0.0.4]}]
                """))).containsExactly("web-abc", "IPv4", "80", "10.0.0.1,10.0.0.2,10.0.0.3 + 1 more...", "<unknown>");
        assertThat(printer("", "Endpoints", "endpoints").cells(yaml("""
                metadata: {name: web}
                subsets: [{addresses: [{ip: 10.0.0.1}, {ip: 10.0.0.2}], ports: [{port: 80}]}]
                """))).containsExactly("web", "10.0.0.1:80,10.0.0.2:80", "<unknown>");
    }
}
