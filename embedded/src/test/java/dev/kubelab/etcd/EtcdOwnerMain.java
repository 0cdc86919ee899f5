package dev.kubelab.etcd;

import java.nio.file.Path;

/** A JVM that owns an etcd and then just waits (to be killed by EtcdProcessTest). */
public final class EtcdOwnerMain {
    public static void main(String[] args) throws Exception {
        EtcdProcess etcd = EtcdProcess.start(Path.of(args[0]));
        System.out.println("ETCD-PID " + etcd.pid().orElseThrow());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
