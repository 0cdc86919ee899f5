package dev.kubelab.apiserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** Arbitrary bodies, patches and selectors: always an answer, never a 5xx. */
class RequestFuzzTest {

    static TestCluster c;

    @BeforeContainer
    static void up() {
        c = new TestCluster();
        c.post("/api/v1/namespaces/default/configmaps", "{\"metadata\":{\"name\":\"target\"},\"data\":{\"a\":\"1\"}}");
    }

    @AfterContainer
    static void down() {
        c.close();
    }

    @Provide
    Arbitrary<String> bodies() {
        Arbitrary<String> fragments = Arbitraries.of("{", "}", "[", "]", "\"metadata\"", ":", ",", "\"name\"", "\"x\"", "null", "1",
                "\"kind\"", "\"Pod\"", "\"apiVersion\"", "\"v2\"", "\"spec\"", "{}", "[]", "\"$patch\"", "\"delete\"", "true", "\"data\"",
                "\"op\"", "\"path\"", "\"/a\"", "\"value\"", "\u00ff", "\n", "- ", "a: b");
        return fragments.list().ofMaxSize(25).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> selectors() {
        return Arbitraries.of("a", "=", "==", "!=", "!", " in ", " notin ", "(", ")", ",", "b", " ", "x/y", "-", "metadata.name", "status.phase", ".", "é")
                .list().ofMaxSize(10).map(l -> String.join("", l));
    }

    @Provide
    Arbitrary<String> contentTypes() {
        return Arbitraries.of("application/json", "application/yaml", "application/merge-patch+json", "application/json-patch+json",
                "application/strategic-merge-patch+json", "application/apply-patch+yaml", "text/plain", "");
    }

    @Property(tries = 150)
    void anyBodyIsAnsweredWithoutServerError(@ForAll("bodies") String body, @ForAll("contentTypes") String ct) {
        int create = c.call("POST", "/api/v1/namespaces/default/configmaps", ct.isEmpty() ? null : ct, body).code();
        int patch = c.call("PATCH", "/api/v1/namespaces/default/configmaps/target?fieldManager=fuzz", ct.isEmpty() ? null : ct, body).code();
        int update = c.call("PUT", "/api/v1/namespaces/default/configmaps/target", ct.isEmpty() ? null : ct, body).code();
        assertThat(create).isLessThan(500);
        assertThat(patch).isLessThan(500);
        assertThat(update).isLessThan(500);
    }

    @Property(tries = 150)
    void anySelectorIsAnsweredWithoutServerError(@ForAll("selectors") String sel) {
        String q = URLEncoder.encode(sel, StandardCharsets.UTF_8);
        assertThat(c.get("/api/v1/pods?labelSelector=" + q).code()).isIn(200, 400);
        assertThat(c.get("/api/v1/pods?fieldSelector=" + q).code()).isIn(200, 400);
    }
}
