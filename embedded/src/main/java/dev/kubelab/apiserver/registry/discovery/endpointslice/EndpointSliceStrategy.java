package dev.kubelab.apiserver.registry.discovery.endpointslice;

import static dev.kubelab.apiserver.registry.Defaulting.objects;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.NameValidation;
import java.util.List;

/** pkg/registry/discovery/endpointslice/strategy.go with SetDefaults_EndpointPort. */
public final class EndpointSliceStrategy extends GenericStrategy {

    private static final List<String> ADDRESS_TYPES = List.of("FQDN", "IPv4", "IPv6");
    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    public EndpointSliceStrategy() {
        super(true);
    }

    @Override
    public void applyDefaults(ObjectNode slice) {
        for (ObjectNode port : objects(slice, "ports")) {
            put(port, "protocol", "TCP");
            if (!port.has("name")) port.put("name", "");
        }
    }

    @Override
    protected void validateObject(ObjectNode slice, FieldErrors errs) {
        String type = slice.path("addressType").asText("");
        if (type.isEmpty()) errs.required(FieldPath.of("addressType"), "");
        else if (!ADDRESS_TYPES.contains(type)) errs.notSupported(FieldPath.of("addressType"), type, ADDRESS_TYPES);
        JsonNode endpoints = slice.path("endpoints");
        if (endpoints.size() > 1000) errs.tooMany(FieldPath.of("endpoints"), endpoints.size(), 1000);
        for (int i = 0; i < endpoints.size(); i++) {
            JsonNode addrs = endpoints.get(i).path("addresses");
            FieldPath p = FieldPath.of("endpoints").index(i).child("addresses");
            if (addrs.isEmpty()) errs.required(p, "must contain at least 1 address");
            else if (addrs.size() > 100) errs.tooMany(p, addrs.size(), 100);
        }
        JsonNode ports = slice.path("ports");
        for (int i = 0; i < ports.size(); i++) {
            JsonNode port = ports.get(i);
            FieldPath p = FieldPath.of("ports").index(i);
            String name = port.path("name").asText("");
            if (!name.isEmpty()) for (String m : NameValidation.dns1123Label(name)) errs.invalid(p.child("name"), name, m);
            JsonNode number = port.get("port");
            if (number != null && number.isNumber()) for (String m : NameValidation.portNum(number.asLong())) errs.invalid(p.child("port"), number, m);
            String protocol = port.path("protocol").asText("");
            if (!protocol.isEmpty() && !PROTOCOLS.contains(protocol)) errs.notSupported(p.child("protocol"), protocol, PROTOCOLS);
        }
    }

    @Override
    protected void validateObjectUpdate(ObjectNode n, ObjectNode o, FieldErrors errs) {
        if (!n.path("addressType").equals(o.path("addressType"))) errs.immutable(FieldPath.of("addressType"), n.path("addressType").asText(""));
    }
}
