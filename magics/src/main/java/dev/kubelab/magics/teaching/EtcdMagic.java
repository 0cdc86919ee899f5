package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.cluster.EtcdAccess;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

import java.nio.file.Files;
import java.nio.file.Path;

/** {@code %etcd restore SNAPSHOT}: the provider's whole etcd restore procedure, each step reported live. */
@Command(name = "etcd", description = "etcd procedures: restore a snapshot the way this provider must (kubeadm's steps).",
        subcommands = {EtcdMagic.Restore.class})
public final class EtcdMagic implements Magic {
    @Override
    public Object run(MagicContext context) {
        throw new dev.kubelab.kernel.magic.MagicUsageException("%etcd: missing sub-command, one of: restore");
    }

    @Command(name = "restore", description = "Stop kube-apiserver, restore SNAPSHOT into a new data dir, point etcd at it, start, verify.")
    public static final class Restore implements Magic {
        @Parameters(paramLabel = "SNAPSHOT", description = "A snapshot file made with %%etcdctl snapshot save.")
        String snapshot;

        @Override
        public Object run(MagicContext context) {
            Cluster cluster = ClusterSession.require(context);
            EtcdAccess etcd = ClusterSession.call(cluster::etcd);
            String path = snapshot;
            if (etcd.local()) {
                Path p = Path.of(snapshot).toAbsolutePath();
                if (!Files.isRegularFile(p)) {
                    throw new MagicException(context.text("%etcd restore: 스냅샷 파일이 없습니다: ", "%etcd restore: no such snapshot file: ") + p);
                }
                path = p.toString();
            }
            String target = path;
            StepsDisplay steps = new StepsDisplay(context, context.text("etcd 스냅샷 복원: ", "Restoring etcd from ") + snapshot);
            ClusterSession.run(() -> etcd.restore(target, steps));
            return MimeBundle.text(context.text("복원 완료: ", "restore complete: ") + snapshot);
        }
    }
}
