package dev.kubelab.apiserver.registry.core.endpoint;

import static dev.kubelab.apiserver.registry.Defaulting.objects;
import static dev.kubelab.apiserver.registry.Defaulting.put;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.registry.GenericStrategy;
import dev.kubelab.apiserver.validation.FieldErrors;
import dev.kubelab.apiserver.validation.FieldPath;
import dev.kubelab.apiserver.validation.NameValidation;
import java.util.List;

/** pkg/registry/core/endpoint/strategy.go: subsets with addresses (ip required) and ports. */
public final class EndpointsStrategy extends GenericStrategy {

    private static final List<String> PROTOCOLS = List.of("SCTP", "TCP", "UDP");

    public EndpointsStrategy() {
        super(true);
    }

    @Override
    public void applyDefaults(ObjectNode ep) {
        for (ObjectNode subset : objects(ep, "subsets")) {
            for (ObjectNode port : objects(subset, "ports")) put(port, "protocol", "TCP");
        }
    }

    @Override
    protected void validateObject(ObjectNode ep, FieldErrors errs) {
        JsonNode subsets = ep.path("subsets");
        for (int i = 0; i < subsets.size(); i++) {
            JsonNode s = subsets.get(i);
            FieldPath sp = FieldPath.of("subsets").index(i);
            for (String list : new String[] {"addresses", "notReadyAddresses"}) {
                JsonNode addrs = s.path(list);
                for (int j = 0; j < addrs.size(); j++) {
                    if (addrs.get(j).path("ip").asText("").isEmpty()) errs.required(sp.child(list).index(j).child("ip"), "");
                }
            }
            JsonNode ports = s.path("ports");
            for (int j = 0; j < ports.size(); j++) {
                JsonNode port = ports.get(j);
                FieldPath pp = sp.child("ports").index(j);
                String name = port.path("name").asText("");
                if (ports.size() > 1 && name.isEmpty()) errs.required(pp.child("name"), "");
                else if (!name.isEmpty()) for (String m : NameValidation.dns1123Label(name)) errs.invalid(pp.child("name"), name, m);
                long number = port.path("port").asLong(0);
                for (String m : NameValidation.portNum(number)) errs.invalid(pp.child("port"), number, m);
                String protocol = port.path("protocol").asText("");
                if (protocol.isEmpty()) errs.required(pp.child("protocol"), "");
                else if (!PROTOCOLS.contains(protocol)) errs.notSupported(pp.child("protocol"), protocol, PROTOCOLS);
            }
        }
    }
}
