package dev.kubelab.cluster.embedded;

import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * What {@code etcdutl snapshot restore --bump-revision N --mark-compacted} does (etcd 3.5+; the etcd 3.4 here lacks
 * it): after a restore the store's revision is behind what every informer has seen, so their watches would wait for
 * revisions that mean something else now. Writing past the old revision and compacting there makes every old
 * resourceVersion "too old" (410 Gone), so components re-list — the reason the Kubernetes docs ask for it.
 */
final class RevisionBump {
    private static final ByteSequence KEY = ByteSequence.from("/kubelab/restore-revision-bump", StandardCharsets.UTF_8);

    private RevisionBump() {
    }

    /** Raises etcd's revision above {@code pastRevision} and compacts there; returns the new revision. */
    static long past(String endpoint, long pastRevision) throws Exception {
        try (Client client = Client.builder().endpoints(endpoint).build()) {
            KV kv = client.getKVClient();
            long rev = kv.get(KEY).get(30, TimeUnit.SECONDS).getHeader().getRevision();
            ByteSequence value = ByteSequence.from("bump", StandardCharsets.UTF_8);
            while (rev <= pastRevision) {
                List<CompletableFuture<?>> batch = new ArrayList<>();
                long n = Math.min(500, pastRevision - rev + 1);
                for (long i = 0; i < n; i++) batch.add(kv.put(KEY, value));
                CompletableFuture.allOf(batch.toArray(new CompletableFuture[0])).get(60, TimeUnit.SECONDS);
                rev = kv.get(KEY).get(30, TimeUnit.SECONDS).getHeader().getRevision();
            }
            rev = kv.delete(KEY).get(30, TimeUnit.SECONDS).getHeader().getRevision();
            kv.compact(rev).get(60, TimeUnit.SECONDS);
            return rev;
        }
    }
}
