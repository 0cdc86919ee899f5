package dev.kubelab.controller.framework;

import static org.assertj.core.api.Assertions.assertThat;

import dev.kubelab.apiserver.TestCluster;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.ConfigMapBuilder;
import io.fabric8.kubernetes.api.model.Event;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The client-go-style recorder writing to the real API server. */
class EventRecorderTest {
    static TestCluster cp;

    @BeforeAll
    static void up() throws Exception {
        cp = new TestCluster();
    }

    @AfterAll
    static void down() {
        cp.close();
    }

    List<Event> events(String name) {
        return cp.client().v1().events().inNamespace("default").list().getItems().stream()
                .filter(e -> name.equals(e.getInvolvedObject().getName())).toList();
    }

    @Test
    void repeatedEventsIncrementCountAndSimilarOnesAreCombined() {
        ConfigMap obj = cp.client().configMaps().inNamespace("default").resource(new ConfigMapBuilder()
                .withNewMetadata().withName("obj").endMetadata().build()).create();
        try (EventRecorder r = new EventRecorder(cp.client(), "test-controller")) {
            r.event(obj, EventRecorder.NORMAL, "Poked", "poked once");
            r.event(obj, EventRecorder.NORMAL, "Poked", "poked once");
            r.event(obj, EventRecorder.NORMAL, "Poked", "poked once");
            r.flush();
            List<Event> ev = events("obj");
            assertThat(ev).singleElement().satisfies(e -> {
                assertThat(e.getCount()).isEqualTo(3);
                assertThat(e.getMetadata().getName()).matches("obj\\.[0-9a-f]+");
                assertThat(e.getSource().getComponent()).isEqualTo("test-controller");
                assertThat(e.getReportingComponent()).isEqualTo("test-controller");
                assertThat(e.getInvolvedObject().getUid()).isEqualTo(obj.getMetadata().getUid());
                assertThat(e.getType()).isEqualTo("Normal");
                assertThat(e.getFirstTimestamp()).isNotNull();
            });
            // 10+ events differing only by message within 10 minutes are combined into one.
            for (int i = 0; i < 15; i++) {
                r.event(obj, EventRecorder.NORMAL, "Created", "Created thing " + i);
            }
            r.flush();
            List<Event> created = events("obj").stream().filter(e -> "Created".equals(e.getReason())).toList();
            assertThat(created).hasSize(10);
            assertThat(created).filteredOn(e -> e.getMessage().startsWith("(combined from similar events): "))
                    .singleElement().satisfies(e -> {
                        assertThat(e.getCount()).isEqualTo(6);
                        assertThat(e.getMessage()).isEqualTo("(combined from similar events): Created thing 14");
                    });
        }
    }

    @Test
    void clusterScopedObjectsGetEventsInDefaultNamespace() {
        var node = cp.client().nodes().resource(new io.fabric8.kubernetes.api.model.NodeBuilder().withNewMetadata().withName("n1")
                .endMetadata().build()).create();
        try (EventRecorder r = new EventRecorder(cp.client(), "node-controller")) {
            r.event(node, EventRecorder.NORMAL, "RegisteredNode", "Node n1 event: Registered Node n1 in Controller");
            r.flush();
        }
        assertThat(events("n1")).singleElement().satisfies(e -> assertThat(e.getMetadata().getNamespace()).isEqualTo("default"));
    }
}
