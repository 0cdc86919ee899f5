package dev.kubelab.bench.apiserver;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.kubelab.bench.Benchmark;
import dev.kubelab.bench.Measurement;
import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.assertj.core.api.Assertions.assertThat;

class ApiServerSuiteTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void registeredForTheApiserverSuite() {
        assertThat(ServiceLoader.load(Benchmark.class).stream().map(ServiceLoader.Provider::get))
                .anyMatch(b -> b instanceof ApiServerSuite && b.suite().equals("apiserver"));
    }

    @Test
    void ceilingsAndFloorsFromTheRowGoals() throws Exception {
        Measurement ceiling = ApiServerSuite.measurement(JSON.readTree("{\"measurement\":\"p50\",\"value\":4.0,\"unit\":\"ms\",\"goal\":\"≤ 3\"}"));
        assertThat(ceiling.goal()).isEqualTo(3.0);
        assertThat(ceiling.meetsGoal()).isFalse();
        Measurement floor = ApiServerSuite.measurement(JSON.readTree("{\"measurement\":\"share\",\"value\":70.0,\"unit\":\"%\",\"goal\":\"≥ 60\"}"));
        assertThat(floor.higherIsBetter()).isTrue();
        assertThat(floor.meetsGoal()).isTrue();
        assertThat(ApiServerSuite.measurement(JSON.readTree("{\"measurement\":\"rss\",\"value\":1,\"unit\":\"MiB\"}")).goal()).isNull();
    }
}
