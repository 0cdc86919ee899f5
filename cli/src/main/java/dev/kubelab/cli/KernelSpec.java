package dev.kubelab.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The kubelab kernelspec (kernel.json) and where Jupyter looks for it. Kept apart from the command so tests can
 * check exactly what is written.
 */
public final class KernelSpec {
    public static final String DEFAULT_NAME = "kubelab";
    public static final String DISPLAY_NAME = "Java · Kubernetes lab";

    /**
     * JVM flags of the kernel process, chosen for Binder-like sessions (1–2 GB for everything) and a fast start:
     * <ul>
     *   <li>-Xms32m -Xmx768m: the heap grows on demand up to 768 MB, which leaves room (of 1–2 GB) for metaspace,
     *       thread stacks, etcd and the browser side; the embedded cluster will share this JVM;</li>
     *   <li>-XX:+UseSerialGC: the smallest collector footprint and no GC threads to start; heaps this size collect in
     *       milliseconds and a notebook has a single user;</li>
     *   <li>-XX:TieredStopAtLevel=1: C1 only — JShell's javac runs much sooner warm (see ./kubelab bench kernel);
     *       a teaching kernel spends its time compiling small snippets, not in long hot loops;</li>
     *   <li>-Xshare:auto with an AppCDS archive (written by 'kernelspec install --cds') when present: classes of
     *       javac, JShell and the kernel load mapped instead of parsed;</li>
     *   <li>-XX:-UsePerfData: no hsperfdata file per kernel; -Djava.awt.headless=true; UTF-8 I/O.</li>
     * </ul>
     */
    public static List<String> jvmFlags(Path cdsArchive) {
        List<String> flags = new ArrayList<>(List.of(
                "-Xms32m", "-Xmx768m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1", "-XX:-UsePerfData",
                "-Djava.awt.headless=true", "-Dfile.encoding=UTF-8", "-Dstdout.encoding=UTF-8", "-Dstderr.encoding=UTF-8"));
        if (cdsArchive != null) {
            flags.add("-XX:SharedArchiveFile=" + cdsArchive.toAbsolutePath());
            flags.add("-Xshare:auto");
        }
        return flags;
    }

    /** The kernel.json content. */
    public static Map<String, Object> json(Path java, Path jar, Path cdsArchive) {
        List<String> argv = new ArrayList<>();
        argv.add(java.toAbsolutePath().toString());
        argv.addAll(jvmFlags(cdsArchive));
        argv.addAll(List.of("-jar", jar.toAbsolutePath().toString(), "kernel", "{connection_file}"));
        Map<String, Object> spec = new LinkedHashMap<>();
        spec.put("argv", argv);
        spec.put("display_name", DISPLAY_NAME);
        spec.put("language", "java");
        // message: the interrupt travels as interrupt_request on the control channel; a JVM has no portable way to
        // treat SIGINT (by default it exits). The kernel still handles SIGINT by interrupting the cell.
        spec.put("interrupt_mode", "message");
        spec.put("env", Map.of());
        spec.put("metadata", Map.of("debugger", false));
        return spec;
    }

    /** Writes kernel.json into {@code kernelsDir/name}; returns the directory. */
    public static Path write(Path kernelsDir, String name, Map<String, Object> spec) throws IOException {
        Path dir = kernelsDir.resolve(name);
        Files.createDirectories(dir);
        new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(dir.resolve("kernel.json").toFile(), spec);
        return dir;
    }

    /** The user's Jupyter data directory, computed as jupyter_core does. */
    public static Path userDataDir(Map<String, String> env, String osName, Path home) {
        String explicit = env.get("JUPYTER_DATA_DIR");
        if (explicit != null && !explicit.isBlank()) {
            return Path.of(explicit);
        }
        String os = osName.toLowerCase(Locale.ROOT);
        if (os.contains("mac")) {
            return home.resolve("Library").resolve("Jupyter");
        }
        if (os.contains("win")) {
            String appData = env.get("APPDATA");
            return appData != null ? Path.of(appData, "jupyter") : home.resolve(".jupyter").resolve("data");
        }
        String xdg = env.get("XDG_DATA_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : home.resolve(".local").resolve("share");
        return base.resolve("jupyter");
    }

    /** {@code PREFIX/share/jupyter/kernels}, where Jupyter looks for kernels of an environment. */
    public static Path kernelsUnderPrefix(Path prefix) {
        return prefix.resolve("share").resolve("jupyter").resolve("kernels");
    }

    /**
     * Runs a short training workload (JShell creation, one compiled snippet, the magics registry) with
     * -XX:ArchiveClassesAtExit so the classes it loads are archived next to the kernelspec. Returns null (and the
     * kernel starts without it) if that fails; a stale archive (jar rebuilt) is ignored by the JVM under -Xshare:auto.
     */
    public static Path createCdsArchive(Path java, Path jar, Path dir) {
        Path archive = dir.resolve("kubelab.jsa");
        try {
            if (Files.isRegularFile(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0) {
                return archive; // made for this very jar already
            }
            Files.deleteIfExists(archive);
        } catch (IOException e) {
            return null;
        }
        List<String> cmd = new ArrayList<>(List.of(java.toString()));
        cmd.addAll(jvmFlags(null));
        cmd.addAll(List.of("-XX:ArchiveClassesAtExit=" + archive, "-cp", jar.toString(), "dev.kubelab.kernel.Training"));
        try {
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
            if (!p.waitFor(120, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                return null;
            }
            return p.exitValue() == 0 && Files.size(archive) > 0 ? archive : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    private KernelSpec() {
    }
}
