package dev.kubelab.apiserver.registry.core;

import static dev.kubelab.apiserver.registry.Fixtures.create;
import static dev.kubelab.apiserver.registry.Fixtures.lines;
import static dev.kubelab.apiserver.registry.Fixtures.yaml;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.apiserver.registry.Fixtures;
import dev.kubelab.apiserver.registry.ResourceStrategy;
import org.junit.jupiter.api.Test;

/** Services, namespaces, nodes, configmaps, secrets, service accounts, endpoints, events, quotas. */
class CoreStrategiesTest {

    private static ResourceStrategy s(String kind, String resource, boolean namespaced) {
        return Fixtures.strategy("", kind, resource, namespaced);
    }

    @Test
    void serviceDefaultsAsKubectlExposeSeesThem() {
        ResourceStrategy services = s("Service", "services", true);
        ObjectNode svc = yaml("""
                apiVersion: v1
                kind: Service
                metadata: {name: web, namespace: default}
                spec:
                  selector: {app: web}
                  ports: [{port: 80}]
                """);
        assertThat(create(services, svc)).isEmpty();
        assertThat(svc.at("/spec/type").asText()).isEqualTo("ClusterIP");
        assertThat(svc.at("/spec/sessionAffinity").asText()).isEqualTo("None");
        assertThat(svc.at("/spec/ports/0/protocol").asText()).isEqualTo("TCP");
        assertThat(svc.at("/spec/ports/0/targetPort").asInt()).isEqualTo(80);
        assertThat(svc.at("/spec/internalTrafficPolicy").asText()).isEqualTo("Cluster");
        assertThat(svc.at("/spec/ipFamilyPolicy").asText()).isEqualTo("SingleStack");
        assertThat(svc.at("/spec/ipFamilies").toString()).isEqualTo("[\"IPv4\"]");
        assertThat(svc.at("/status/loadBalancer").isObject()).isTrue();
    }

    @Test
    void serviceValidation() {
        ResourceStrategy services = s("Service", "services", true);
        ObjectNode svc = yaml("""
                metadata: {name: 1web, namespace: default}
                spec:
                  type: Magic
                  ports: [{name: http, port: 0}, {name: http, port: 443, protocol: QUIC}]
                """);
        assertThat(lines(create(services, svc))).contains(
                "metadata.name: Invalid value: \"1web\": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')",
                "spec.type: Unsupported value: \"Magic\": supported values: \"ClusterIP\", \"ExternalName\", \"LoadBalancer\", \"NodePort\"",
                "spec.ports[0].port: Invalid value: 0: must be between 1 and 65535, inclusive",
                "spec.ports[1].name: Duplicate value: \"http\"",
                "spec.ports[1].protocol: Unsupported value: \"QUIC\": supported values: \"SCTP\", \"TCP\", \"UDP\"");
        assertThat(lines(create(services, yaml("metadata: {name: web, namespace: default}\nspec: {}"))))
                .containsExactly("spec.ports: Required value");

        ObjectNode old = yaml("metadata: {name: web, namespace: default}\nspec: {clusterIP: 10.96.0.10, ports: [{port: 80}]}");
        create(services, old);
        ObjectNode moved = old.deepCopy();
        moved.with("spec").put("clusterIP", "10.96.0.11").putArray("clusterIPs").add("10.96.0.11");
        assertThat(lines(services.validateUpdate(moved, old)))
                .containsExactly("spec.clusterIPs[0]: Invalid value: []string{\"10.96.0.11\"}: may not change once set");
    }

    @Test
    void namespaceStartsActiveWithFinalizerAndNameLabel() {
        ResourceStrategy namespaces = s("Namespace", "namespaces", false);
        ObjectNode ns = yaml("apiVersion: v1\nkind: Namespace\nmetadata: {name: dev}");
        assertThat(create(namespaces, ns)).isEmpty();
        assertThat(ns.at("/spec/finalizers").toString()).isEqualTo("[\"kubernetes\"]");
        assertThat(ns.at("/status/phase").asText()).isEqualTo("Active");
        assertThat(ns.at("/metadata/labels/kubernetes.io~1metadata.name").asText()).isEqualTo("dev");
        assertThat(ns.at("/metadata/generation").isMissingNode()).isTrue();

        assertThat(lines(create(namespaces, yaml("metadata: {name: dev.team, namespace: x}")))).containsExactly(
                "metadata.name: Invalid value: \"dev.team\": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')",
                "metadata.namespace: Forbidden: not allowed on this type");
    }

    @Test
    void nodeKeepsStatusOnSpecUpdatesAndChecksTaints() {
        ResourceStrategy nodes = s("Node", "nodes", false);
        ObjectNode node = yaml("""
                metadata: {name: node-1}
                spec: {taints: [{key: dedicated, value: gpu, effect: NoSchedule}]}
                status: {capacity: {cpu: "4", memory: 8Gi, pods: "110"}, conditions: [{type: Ready, status: "True"}]}
                """);
        assertThat(create(nodes, node)).isEmpty();
        assertThat(node.at("/status/allocatable/cpu").asText()).as("allocatable defaults to capacity").isEqualTo("4");
        assertThat(node.at("/status/conditions/0/type").asText()).as("a node registers with its status").isEqualTo("Ready");

        ObjectNode cordoned = node.deepCopy();
        cordoned.with("spec").put("unschedulable", true);
        cordoned.with("status").putArray("conditions");
        nodes.prepareForUpdate(cordoned, node);
        assertThat(cordoned.at("/status/conditions/0/type").asText()).isEqualTo("Ready");

        ObjectNode bad = yaml("metadata: {name: n}\nspec: {taints: [{key: a, effect: Sometimes}]}");
        assertThat(lines(create(nodes, bad))).containsExactly(
                "spec.taints[0].effect: Unsupported value: \"Sometimes\": supported values: \"NoSchedule\", \"PreferNoSchedule\", \"NoExecute\"");
    }

    @Test
    void configMapKeysAndImmutability() {
        ResourceStrategy configmaps = s("ConfigMap", "configmaps", true);
        ObjectNode cm = yaml("metadata: {name: cfg, namespace: default}\ndata: {'good.key': '1', 'bad key': '2'}");
        assertThat(lines(create(configmaps, cm))).containsExactly(
                "data[bad key]: Invalid value: \"bad key\": a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')");
        ObjectNode frozen = yaml("metadata: {name: cfg, namespace: default}\nimmutable: true\ndata: {a: '1'}");
        ObjectNode changed = frozen.deepCopy();
        changed.with("data").put("a", "2");
        assertThat(lines(configmaps.validateUpdate(changed, frozen)))
                .containsExactly("data: Forbidden: field is immutable when `immutable` is set");
    }

    @Test
    void secretTypeStringDataAndRequiredKeys() {
        ResourceStrategy secrets = s("Secret", "secrets", true);
        ObjectNode secret = yaml("metadata: {name: s, namespace: default}\nstringData: {password: hunter2}");
        assertThat(create(secrets, secret)).isEmpty();
        assertThat(secret.path("type").asText()).isEqualTo("Opaque");
        assertThat(secret.at("/data/password").asText()).isEqualTo("aHVudGVyMg==");
        assertThat(secret.has("stringData")).isFalse();

        ObjectNode tls = yaml("metadata: {name: t, namespace: default}\ntype: kubernetes.io/tls\ndata: {tls.crt: eA==}");
        assertThat(lines(create(secrets, tls))).containsExactly("data[tls.key]: Required value");

        ObjectNode retyped = secret.deepCopy();
        retyped.put("type", "kubernetes.io/basic-auth");
        assertThat(lines(secrets.validateUpdate(retyped, secret))).contains("type: Invalid value: \"kubernetes.io/basic-auth\": field is immutable");

        assertThatThrownBy(() -> secrets.applyDefaults(yaml("metadata: {name: b}\ndata: {a: '!!notbase64'}")))
                .isInstanceOf(StatusError.class).extracting("code").isEqualTo(400);
    }

    @Test
    void eventsNeedMatchingNamespaces() {
        ResourceStrategy events = s("Event", "events", true);
        ObjectNode ev = yaml("""
                metadata: {name: web.1, namespace: default}
                involvedObject: {kind: Pod, name: web, namespace: other}
                reason: Started
                message: started
                type: Normal
                """);
        assertThat(lines(create(events, ev))).containsExactly("involvedObject.namespace: Invalid value: \"other\": does not match event.namespace");

        ResourceStrategy v1 = Fixtures.strategy("events.k8s.io", "Event", "events", true);
        ObjectNode modern = yaml("""
                metadata: {name: web.2, namespace: default}
                regarding: {kind: Pod, name: web, namespace: default}
                reason: Started
                type: Normal
                """);
        assertThat(lines(create(v1, modern))).containsExactlyInAnyOrder("eventTime: Required value");
        modern.put("eventTime", "2024-05-01T12:00:00.000000Z");
        assertThat(lines(create(v1, modern))).containsExactlyInAnyOrder(
                "reportingController: Required value", "reportingInstance: Required value", "action: Required value");
    }

    @Test
    void quotasAndLimitRangesCheckQuantities() {
        ResourceStrategy quotas = s("ResourceQuota", "resourcequotas", true);
        ObjectNode rq = yaml("metadata: {name: q, namespace: default}\nspec: {hard: {cpu: '10', memory: lots}}\nstatus: {used: {cpu: '1'}}");
        assertThat(lines(create(quotas, rq))).containsExactly(
                "spec.hard[memory]: Invalid value: \"lots\": quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
        assertThat(rq.path("status").isEmpty()).as("status reset on create").isTrue();

        ResourceStrategy limits = s("LimitRange", "limitranges", true);
        ObjectNode lr = yaml("metadata: {name: l, namespace: default}\nspec: {limits: [{type: Container, min: {cpu: '2'}, max: {cpu: '1'}}]}");
        assertThat(lines(create(limits, lr))).containsExactly("spec.limits[0].min[cpu]: Invalid value: \"2\": min value 2 is greater than max value 1");
    }

    @Test
    void serviceAccountsAndEndpoints() {
        assertThat(create(s("ServiceAccount", "serviceaccounts", true), yaml("metadata: {name: default, namespace: default}"))).isEmpty();
        ObjectNode ep = yaml("metadata: {name: web, namespace: default}\nsubsets: [{addresses: [{ip: 10.0.0.1}, {}], ports: [{port: 80}]}]");
        ResourceStrategy endpoints = s("Endpoints", "endpoints", true);
        assertThat(lines(create(endpoints, ep))).containsExactly("subsets[0].addresses[1].ip: Required value");
        assertThat(ep.at("/subsets/0/ports/0/protocol").asText()).isEqualTo("TCP");
    }
}
