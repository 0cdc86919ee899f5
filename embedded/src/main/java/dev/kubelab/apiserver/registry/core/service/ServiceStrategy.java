package dev.kubelab.apiserver.registry.core.service;

import static dev.kubelab.apiserver.registry.Defaulting.object;
import static dev.kubelab.apiserver.registry.Defaulting.objects;
import static dev.kubelab.apiserver.registry.Defaulting.optionalObject;
import static dev.kubelab.apiserver.registry.Defaulting.put;
import static dev.kubelab.apiserver.registry.Defaulting.unset;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.GoFormat;
import dev.kubelab.apiserver.validation.NameValidation;
import dev.kubelab.apiserver.validation.ObjectMetaValidation;
import dev.kubelab.apiserver.validation.ObjectMetaValidation.NameValidator;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * pkg/registry/core/service/strategy.go + SetDefaults_Service. ClusterIP and NodePort allocation belong to the
 * service REST storage (the API server), which runs after these defaults; the IP family fields are set here
 * for single-stack IPv4 clusters.
 */
public final class ServiceStrategy extends GenericStrategy {

    private static final FieldPath SPEC = FieldPath.of("spec");
    private static final List<String> TYPES = List.of("ClusterIP", "ExternalName", "LoadBalancer", "NodePort");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");
    private static final List<String> AFFINITIES = List.of("ClientIP", "None");

    public ServiceStrategy() {
        super(true);
    }

    @Override protected NameValidator names() { return NameValidation::dns1035Label; }
    @Override protected boolean hasStatus() { return true; }

    @Override
    protected void resetStatus(ObjectNode svc) {
        svc.putObject("status").putObject("loadBalancer");
    }

    @Override
    public void applyDefaults(ObjectNode svc) {
        ObjectNode spec = object(svc, "spec");
        put(spec, "sessionAffinity", "None");
        put(spec, "type", "ClusterIP");
        for (ObjectNode port : objects(spec, "ports")) {
            put(port, "protocol", "TCP");
            JsonNode target = port.get("targetPort");
            if (target == null || target.isNull() || (target.isNumber() && target.asInt() == 0) || (target.isTextual() && target.asText().isEmpty())) {
                if (port.has("port")) port.set("targetPort", port.get("port"));
            }
        }
        String type = spec.path("type").asText();
        if (spec.path("sessionAffinity").asText().equals("ClientIP")) {
            ObjectNode clientIP = object(object(spec, "sessionAffinityConfig"), "clientIP");
            put(clientIP, "timeoutSeconds", 10800);
        }
        if (type.equals("NodePort") || type.equals("LoadBalancer")) put(spec, "externalTrafficPolicy", "Cluster");
        if (type.equals("LoadBalancer")) put(spec, "allocateLoadBalancerNodePorts", true);
        if (!type.equals("ExternalName")) put(spec, "internalTrafficPolicy", "Cluster");
    }

    @Override
    public void prepareForCreate(ObjectNode svc) {
        super.prepareForCreate(svc);
        ObjectNode spec = optionalObject(svc, "spec");
        if (spec == null || spec.path("type").asText().equals("ExternalName")) return;
        put(spec, "ipFamilyPolicy", "SingleStack");
        if (unset(spec, "ipFamilies") || spec.path("ipFamilies").isEmpty()) spec.putArray("ipFamilies").add("IPv4");
        String clusterIP = spec.path("clusterIP").asText("");
        if (!clusterIP.isEmpty() && (unset(spec, "clusterIPs") || spec.path("clusterIPs").isEmpty())) {
            spec.putArray("clusterIPs").add(clusterIP);
        }
    }

    @Override
    protected void validateObject(ObjectNode svc, FieldErrors errs) {
        JsonNode spec = svc.path("spec");
        String type = spec.path("type").asText("");
        if (type.isEmpty()) errs.required(SPEC.child("type"), "");
        else if (!TYPES.contains(type)) errs.notSupported(SPEC.child("type"), type, TYPES);
        String affinity = spec.path("sessionAffinity").asText("");
        if (!affinity.isEmpty() && !AFFINITIES.contains(affinity)) errs.notSupported(SPEC.child("sessionAffinity"), affinity, AFFINITIES);
        boolean headless = spec.path("clusterIP").asText("").equals("None");
        JsonNode ports = spec.path("ports");
        if (type.equals("ExternalName")) {
            String external = spec.path("externalName").asText("");
            if (external.isEmpty()) errs.required(SPEC.child("externalName"), "");
            else for (String m : NameValidation.dns1123Subdomain(external)) errs.invalid(SPEC.child("externalName"), external, m);
        } else if (ports.isEmpty() && !headless) {
            errs.required(SPEC.child("ports"), "");
        }
        Set<String> names = new HashSet<>();
        Set<String> portProtocols = new HashSet<>();
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            FieldPath p = SPEC.child("ports").index(i);
            String name = port.path("name").asText("");
            if (ports.size() > 1 && name.isEmpty()) errs.required(p.child("name"), "");
            if (!name.isEmpty()) {
                for (String m : NameValidation.dns1123Label(name)) errs.invalid(p.child("name"), name, m);
                if (!names.add(name)) errs.duplicate(p.child("name"), name);
            }
            long number = port.path("port").asLong(0);
            for (String m : NameValidation.portNum(number)) errs.invalid(p.child("port"), number, m);
            String protocol = port.path("protocol").asText("");
            if (protocol.isEmpty()) errs.required(p.child("protocol"), "");
            else if (!PROTOCOLS.contains(protocol)) errs.notSupported(p.child("protocol"), protocol, PROTOCOLS);
            if (!portProtocols.add(number + "/" + protocol)) {
                errs.duplicate(p, new GoFormat.Raw("core.ServicePort{Name:" + GoFormat.quote(name) + ", Protocol:"
                        + GoFormat.quote(protocol) + ", Port:" + number + "}"));
            }
            JsonNode target = port.get("targetPort");
            if (target != null && target.isNumber()) {
                for (String m : NameValidation.portNum(target.asLong())) errs.invalid(p.child("targetPort"), target, m);
            } else if (target != null && target.isTextual()) {
                for (String m : NameValidation.portName(target.asText())) errs.invalid(p.child("targetPort"), target.asText(), m);
            }
            JsonNode nodePort = port.get("nodePort");
            if (nodePort != null && nodePort.asLong(0) != 0) {
                if (!type.equals("NodePort") && !type.equals("LoadBalancer")) {
                    errs.forbidden(p.child("nodePort"), "may not be used when `type` is '" + type + "'");
                } else {
                    for (String m : NameValidation.portNum(nodePort.asLong())) errs.invalid(p.child("nodePort"), nodePort, m);
                }
            }
        }
        ObjectMetaValidation.validateLabels(spec.get("selector"), SPEC.child("selector"), errs);
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        JsonNode ns = n.path("spec");
        JsonNode os = o.path("spec");
        String oldIP = os.path("clusterIP").asText("");
        String newIP = ns.path("clusterIP").asText("");
        boolean toOrFromExternalName = ns.path("type").asText().equals("ExternalName") || os.path("type").asText().equals("ExternalName");
        if (!oldIP.isEmpty() && !newIP.isEmpty() && !oldIP.equals(newIP) && !toOrFromExternalName) {
            JsonNode ips = ns.path("clusterIPs").isEmpty() ? com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode().add(newIP) : ns.path("clusterIPs");
            errs.invalid(SPEC.child("clusterIPs").index(0), new GoFormat.Raw(GoFormat.stringSlice(ips)), "may not change once set");
        }
    }

}
