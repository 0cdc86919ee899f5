package dev.kubelab.apiserver.storage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.kubelab.apiserver.errors.StatusError;
import dev.kubelab.etcd.EtcdProcess;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EtcdStoreTest {

    static EtcdProcess etcd;
    static EtcdStore store;

    @BeforeAll
    static void start() throws Exception {
        etcd = EtcdProcess.start(Files.createTempDirectory("kubelab-store").resolve("etcd"));
        store = new EtcdStore(etcd.endpoint(), Duration.ofSeconds(3));
    }

    @AfterAll
    static void stop() {
        store.close();
        etcd.close();
    }

    static byte[] b(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void createIsExclusiveAndRevisionsAreModRevisions() {
        EtcdStore.CasResult c = store.create("/registry/t/a", b("1"));
        assertThat(c.succeeded()).isTrue();
        EtcdStore.Entry e = store.get("/registry/t/a");
        assertThat(e.modRevision()).isEqualTo(c.revision());
        EtcdStore.CasResult again = store.create("/registry/t/a", b("2"));
        assertThat(again.succeeded()).isFalse();
        assertThat(new String(again.current().value(), StandardCharsets.UTF_8)).isEqualTo("1");
        EtcdStore.CasResult stale = store.update("/registry/t/a", b("3"), c.revision() - 1);
        assertThat(stale.succeeded()).isFalse();
        EtcdStore.CasResult ok = store.update("/registry/t/a", b("3"), c.revision());
        assertThat(ok.succeeded()).isTrue();
        assertThat(store.get("/registry/t/a").modRevision()).isEqualTo(ok.revision()).isGreaterThan(c.revision());
    }

    @Test
    void sixteenConcurrentWritersGetExactlyOneSuccessPerRevision() throws Exception {
        store.create("/registry/t/hot", b("0"));
        ExecutorService pool = Executors.newFixedThreadPool(16);
        try {
            for (int round = 0; round < 5; round++) {
                long rev = store.get("/registry/t/hot").modRevision();
                CountDownLatch go = new CountDownLatch(1);
                List<Future<Boolean>> fs = new ArrayList<>();
                for (int i = 0; i < 16; i++) {
                    int n = i;
                    fs.add(pool.submit(() -> {
                        go.await();
                        return store.update("/registry/t/hot", b("w" + n), rev).succeeded();
                    }));
                }
                go.countDown();
                int wins = 0;
                for (Future<Boolean> f : fs) if (f.get(30, TimeUnit.SECONDS)) wins++;
                assertThat(wins).as("round %d", round).isEqualTo(1);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void watchStreamsChangesAfterTheRevisionWithPrevKvOnDelete() throws Exception {
        long from = store.create("/registry/w/x", b("a")).revision();
        store.update("/registry/w/x", b("b"), from);
        long rev2 = store.get("/registry/w/x").modRevision();
        store.delete("/registry/w/x", rev2);
        LinkedBlockingQueue<EtcdStore.Change> q = new LinkedBlockingQueue<>();
        try (AutoCloseable w = store.watch("/registry/w/", from, new EtcdStore.WatchListener() {
            @Override public void changes(List<EtcdStore.Change> changes) { q.addAll(changes); }
            @Override public void error(StatusError error) { }
        })) {
            EtcdStore.Change m = q.poll(10, TimeUnit.SECONDS);
            assertThat(m.type()).isEqualTo(EtcdStore.Change.Type.PUT);
            assertThat(new String(m.entry().value(), StandardCharsets.UTF_8)).isEqualTo("b");
            EtcdStore.Change d = q.poll(10, TimeUnit.SECONDS);
            assertThat(d.type()).isEqualTo(EtcdStore.Change.Type.DELETE);
            assertThat(new String(d.prev().value(), StandardCharsets.UTF_8)).isEqualTo("b");
        }
    }

    @Test
    void watchFromACompactedRevisionIsGone() throws Exception {
        long old = store.create("/registry/c/x", b("a")).revision();
        store.update("/registry/c/x", b("b"), old);
        long now = store.currentRevision();
        store.compact(now);
        List<StatusError> errors = new CopyOnWriteArrayList<>();
        CountDownLatch got = new CountDownLatch(1);
        try (AutoCloseable w = store.watch("/registry/c/", old - 1, new EtcdStore.WatchListener() {
            @Override public void changes(List<EtcdStore.Change> changes) { }
            @Override public void error(StatusError error) { errors.add(error); got.countDown(); }
        })) {
            assertThat(got.await(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(errors.get(0).code()).isEqualTo(410);
        assertThat(errors.get(0).getMessage()).startsWith("too old resource version: " + (old - 1) + " (");
    }

    @Test
    void listPagesAtOneRevision() {
        for (int i = 0; i < 5; i++) store.create("/registry/p/k" + i, b("v" + i));
        EtcdStore.Page p1 = store.list("/registry/p/", null, 2, 0);
        assertThat(p1.entries()).hasSize(2);
        assertThat(p1.more()).isTrue();
        store.create("/registry/p/k9", b("late"));
        EtcdStore.Page p2 = store.list("/registry/p/", p1.entries().get(1).key() + "\0", 0, p1.revision());
        assertThat(p2.entries()).extracting(EtcdStore.Entry::key).containsExactly("/registry/p/k2", "/registry/p/k3", "/registry/p/k4");
    }

    @Test
    void etcdDownIsA503NamingEtcdAndRecoveryIsAutomatic() {
        store.create("/registry/d/x", b("1"));
        etcd.stop();
        try {
            assertThatThrownBy(() -> store.get("/registry/d/x"))
                    .isInstanceOfSatisfying(StatusError.class, e -> {
                        assertThat(e.code()).isEqualTo(503);
                        assertThat(e.getMessage()).contains("etcd");
                    });
        } finally {
            etcd.restart();
        }
        assertThat(store.get("/registry/d/x")).isNotNull();
    }
}
