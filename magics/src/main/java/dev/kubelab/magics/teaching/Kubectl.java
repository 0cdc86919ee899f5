package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Cluster;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/** Runs the real kubectl against the notebook's cluster (KUBECONFIG set to the cluster's admin kubeconfig). */
public final class Kubectl {
    /** What kubectl printed and its exit code. */
    public record Result(int exitCode, String stdout, String stderr) {
    }

    private Kubectl() {
    }

    /** The kubectl on PATH ($KUBELAB_KUBECTL overrides), or empty. */
    public static Optional<Path> find() {
        String override = System.getenv("KUBELAB_KUBECTL");
        if (override != null && !override.isBlank()) return Optional.of(Path.of(override)).filter(Files::isExecutable);
        String path = System.getenv("PATH");
        if (path == null) return Optional.empty();
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, "kubectl");
            if (Files.isExecutable(p)) return Optional.of(p);
        }
        return Optional.empty();
    }

    public static Path require(MagicContext context) {
        return find().orElseThrow(() -> new MagicException(context.text(
                "kubectl 을 찾을 수 없습니다: https://kubernetes.io/docs/tasks/tools/ 에서 설치하거나 (apt-get install kubectl, conda install -c conda-forge kubernetes-client) PATH 에 추가하세요",
                "kubectl not found on PATH: install it from https://kubernetes.io/docs/tasks/tools/ (apt-get install kubectl, or conda install -c conda-forge kubernetes-client)")));
    }

    /** Runs {@code kubectl ARGS} with {@code stdin} (may be null) against {@code cluster}. */
    public static Result run(MagicContext context, Cluster cluster, List<String> args, String stdin) {
        Path kubectl = require(context);
        List<String> cmd = new ArrayList<>();
        cmd.add(kubectl.toString());
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        pb.environment().put("KUBECONFIG", ClusterSession.call(() -> cluster.kubeconfig().path().toString()));
        pb.environment().remove("KUBECTL_EXTERNAL_DIFF");
        try {
            Process p = pb.start();
            CompletableFuture<String> out = CompletableFuture.supplyAsync(() -> read(p.getInputStream()));
            CompletableFuture<String> err = CompletableFuture.supplyAsync(() -> read(p.getErrorStream()));
            try (var in = p.getOutputStream()) {
                if (stdin != null) in.write(stdin.getBytes(StandardCharsets.UTF_8));
            }
            int code = p.waitFor();
            return new Result(code, out.join(), err.join());
        } catch (IOException e) {
            throw new MagicException("kubectl: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new MagicException("kubectl interrupted");
        }
    }

    private static String read(InputStream in) {
        try (in) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }
}
