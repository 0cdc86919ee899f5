package dev.kubelab.client;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.assertj.core.api.Assertions.assertThat;

class SerialCallsTest {

    @Test
    void callsRunOneAtATimeInOrderAndOverflowIsDropped() {
        SerialCalls calls = new SerialCalls(2);
        List<String> started = new ArrayList<>();
        List<CompletableFuture<Object>> pending = new ArrayList<>();
        for (String name : List.of("a", "b", "c", "d")) {
            boolean queued = calls.submit(() -> {
                started.add(name);
                CompletableFuture<Object> f = new CompletableFuture<>();
                pending.add(f);
                return f;
            });
            // "a" starts at once; "b" and "c" wait; "d" does not fit (capacity 2)
            assertThat(queued).isEqualTo(!name.equals("d"));
        }
        assertThat(started).containsExactly("a");
        pending.get(0).complete(null);
        assertThat(started).containsExactly("a", "b");
        pending.get(1).completeExceptionally(new IllegalStateException("a failed write does not stop the queue"));
        assertThat(started).containsExactly("a", "b", "c");
        pending.get(2).complete(null);
        assertThat(calls.queued()).isZero();
        assertThat(calls.submit(() -> CompletableFuture.completedFuture(null))).isTrue();
        calls.close();
        assertThat(calls.submit(() -> CompletableFuture.completedFuture(null))).isFalse();
    }
}
