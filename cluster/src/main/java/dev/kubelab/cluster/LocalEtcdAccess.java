package dev.kubelab.cluster;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * etcd running on this machine (embedded, binaries): etcdctl runs here with the endpoint and client certificate
 * flags, and snapshots are ordinary files. The restore procedure is the provider's, passed in.
 */
public final class LocalEtcdAccess implements EtcdAccess {
    /** The provider's restore procedure (stop kube-apiserver, restore into a new data dir, restart etcd on it, …). */
    @FunctionalInterface
    public interface Restore {
        void restore(String snapshot, ProgressListener progress);
    }

    private final Path etcdctl;
    private final List<String> endpoints;
    private final Optional<Tls> tls;
    private final Restore restore;

    public LocalEtcdAccess(Path etcdctl, List<String> endpoints, Optional<Tls> tls, Restore restore) {
        this.etcdctl = etcdctl;
        this.endpoints = List.copyOf(endpoints);
        this.tls = tls;
        this.restore = restore;
    }

    @Override
    public List<String> endpoints() {
        return endpoints;
    }

    @Override
    public Optional<Tls> tls() {
        return tls;
    }

    @Override
    public Text location() {
        return Text.of("this machine (etcdctl " + etcdctl + ")", "이 머신 (etcdctl " + etcdctl + ")");
    }

    @Override
    public boolean local() {
        return true;
    }

    @Override
    public List<String> commandLine(List<String> args) {
        List<String> cmd = new ArrayList<>(List.of(etcdctl.toString(), "--endpoints=" + String.join(",", endpoints)));
        tls.ifPresent(t -> cmd.addAll(List.of("--cacert=" + t.caFile(), "--cert=" + t.certFile(), "--key=" + t.keyFile())));
        cmd.addAll(args);
        return cmd;
    }

    @Override
    public ExecResult etcdctl(List<String> args) {
        ProcessBuilder pb = new ProcessBuilder(commandLine(args));
        pb.environment().put("ETCDCTL_API", "3");
        try {
            Process p = pb.start();
            p.getOutputStream().close();
            CompletableFuture<String> out = read(p.getInputStream());
            CompletableFuture<String> err = read(p.getErrorStream());
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return new ExecResult(124, out.getNow(""), "etcdctl did not finish within 60 s");
            }
            return new ExecResult(p.exitValue(), out.get(5, TimeUnit.SECONDS), err.get(5, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new ClusterException("cannot run " + etcdctl + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ClusterException("interrupted while running etcdctl");
        } catch (Exception e) {
            throw new ClusterException("etcdctl failed: " + e.getMessage(), e);
        }
    }

    private static CompletableFuture<String> read(InputStream in) {
        return CompletableFuture.supplyAsync(() -> {
            try (in) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                return "";
            }
        });
    }

    @Override
    public void copyOut(String etcdSidePath, Path localPath) {
        copy(Path.of(etcdSidePath), localPath);
    }

    @Override
    public void copyIn(Path localPath, String etcdSidePath) {
        copy(localPath, Path.of(etcdSidePath));
    }

    private static void copy(Path from, Path to) {
        if (from.toAbsolutePath().normalize().equals(to.toAbsolutePath().normalize())) return;
        try {
            if (to.getParent() != null) Files.createDirectories(to.getParent());
            Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        } catch (IOException e) {
            throw new ClusterException("cannot copy " + from + " to " + to + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void restore(String snapshot, ProgressListener progress) {
        if (!Files.isRegularFile(Path.of(snapshot))) {
            throw new ClusterException("no snapshot at " + snapshot + ": take one with %etcdctl snapshot save " + snapshot);
        }
        restore.restore(snapshot, progress);
    }
}
