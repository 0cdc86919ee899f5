package dev.kubelab.apiserver.patch;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.kubelab.apiserver.Json;
import java.util.List;
import org.junit.jupiter.api.Test;

class FieldSetTest {

    @Test
    void elementKeysAreTheCompactJsonTheMapperWrites() throws Exception {
        for (String v : List.of("\"app\"", "\"a \\\"quoted\\\" \\\\ name\"", "\"tab\\tnew\\nline\\u0001\"", "\"한글\"", "80", "-3",
                "123456789012345678901234567890", "true", "1.5", "null")) {
            JsonNode value = Json.MAPPER.readTree(v);
            ObjectNode expected = JsonNodeFactory.instance.objectNode();
            expected.set("name", value);
            assertThat(FieldSet.keyJson("name", value)).as(v).isEqualTo(Json.string(expected));
        }
    }

    @Test
    void aPodsFieldsAreItsLeavesKeyedByMergeKey() throws Exception {
        ObjectNode pod = (ObjectNode) Json.MAPPER.readTree("""
                {"apiVersion":"v1","kind":"Pod","metadata":{"name":"p","labels":{"app":"web"}},
                 "spec":{"containers":[{"name":"app","image":"nginx","ports":[{"containerPort":80}]}],
                         "nodeSelector":{"disk":"ssd"}},
                 "status":{"phase":"Pending"}}""");
        assertThat(FieldSet.of(pod, false).toFieldsV1()).isEqualTo(Json.MAPPER.readTree("""
                {"f:metadata":{"f:labels":{"f:app":{}}},
                 "f:spec":{"f:containers":{"k:{\\"name\\":\\"app\\"}":{".":{},"f:image":{},"f:name":{},
                                              "f:ports":{"k:{\\"containerPort\\":80}":{".":{},"f:containerPort":{}}}}},
                           "f:nodeSelector":{"f:disk":{}}}}"""));
        assertThat(FieldSet.of(pod, true).toFieldsV1()).isEqualTo(Json.MAPPER.readTree("{\"f:status\":{\"f:phase\":{}}}"));
    }
}
