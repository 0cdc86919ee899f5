package dev.kubelab.kernel.driver;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Drives a kernel through the real Python {@code jupyter_client} (scripts/kernel_driver.py, run with Debian's
 * python3 or $KUBELAB_PYTHON): one kernel per driver, one JSON command per line. Used by the kernel tests and the
 * kernel benchmark, so both measure what a Jupyter front end sees.
 */
public final class JupyterDriver implements AutoCloseable {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Process process;
    private final BufferedWriter in;
    private final BufferedReader out;
    private final JsonNode ready;
    private final Path specDir;

    private JupyterDriver(Process process, Path specDir) throws IOException {
        this.process = process;
        this.specDir = specDir;
        this.in = new BufferedWriter(new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8));
        this.out = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        this.ready = readLine();
    }

    /** Starts a kernel with {@code kernelArgv} (the connection file is appended) and waits for kernel_info. */
    public static JupyterDriver start(List<String> kernelArgv, Path root) throws IOException {
        Path script = root.resolve("scripts").resolve("kernel_driver.py");
        Path specDir = Files.createTempDirectory("kubelab-jupyter-");
        List<String> cmd = new ArrayList<>(List.of(python(), script.toString(), "--spec-dir", specDir.toString(),
                "--argv", JSON.writeValueAsString(kernelArgv)));
        // kernel and driver logs (e.g. warnings about deliberately malformed messages) go to a file, not the build output
        Path log = specDir.resolve("driver.log");
        ProcessBuilder pb = new ProcessBuilder(cmd).redirectError(log.toFile());
        pb.environment().put("PYTHONUNBUFFERED", "1");
        return new JupyterDriver(pb.start(), specDir);
    }

    /** The kernel of this build: {@code java -cp <current classpath> dev.kubelab.kernel.KernelMain}. */
    public static List<String> inProcessClasspathKernel(List<String> jvmFlags) {
        List<String> argv = new ArrayList<>();
        argv.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        argv.addAll(jvmFlags);
        argv.addAll(List.of("-cp", System.getProperty("java.class.path"), "dev.kubelab.kernel.KernelMain"));
        return argv;
    }

    /** The python3 that has jupyter_client: $KUBELAB_PYTHON, else Debian's /usr/bin/python3. */
    public static String python() {
        String env = System.getenv("KUBELAB_PYTHON");
        return env != null && !env.isBlank() ? env : "/usr/bin/python3";
    }

    /** The repository root (-Dkubelab.root, set by surefire and the launcher). */
    public static Path root() {
        String r = System.getProperty("kubelab.root");
        return r != null ? Path.of(r) : Path.of("").toAbsolutePath();
    }

    public JsonNode ready() {
        return ready;
    }

    public long kernelPid() {
        return ready.path("pid").asLong();
    }

    public JsonNode execute(String code) throws IOException {
        return send(op("execute").put("code", code));
    }

    public JsonNode execute(String code, int timeoutSeconds) throws IOException {
        return send(op("execute").put("code", code).put("timeout", timeoutSeconds));
    }

    public JsonNode complete(String code, int cursor) throws IOException {
        return send(op("complete").put("code", code).put("cursor", cursor));
    }

    public JsonNode inspect(String code, int cursor) throws IOException {
        return send(op("inspect").put("code", code).put("cursor", cursor));
    }

    public JsonNode isComplete(String code) throws IOException {
        return send(op("is_complete").put("code", code));
    }

    /** Runs {@code code}, interrupts it after {@code delaySeconds} by interrupt_request or SIGINT. */
    public JsonNode interrupt(String code, double delaySeconds, boolean signal) throws IOException {
        return send(op("interrupt").put("code", code).put("delay", delaySeconds).put("mode", signal ? "signal" : "message"));
    }

    /** As {@link #interrupt(String, double, boolean)}, the delay counted from the cell's first output (so it surely runs). */
    public JsonNode interruptAfterOutput(String code, double delaySeconds, boolean signal) throws IOException {
        return send(op("interrupt").put("code", code).put("delay", delaySeconds).put("mode", signal ? "signal" : "message")
                .put("after_output", true));
    }

    public JsonNode send(ObjectNode command) throws IOException {
        in.write(JSON.writeValueAsString(command));
        in.newLine();
        in.flush();
        return readLine();
    }

    public static ObjectNode op(String name) {
        return JSON.createObjectNode().put("op", name);
    }

    private JsonNode readLine() throws IOException {
        String line = out.readLine();
        if (line == null) {
            String log = "";
            try {
                log = Files.readString(specDir.resolve("driver.log"));
            } catch (IOException ignored) {
                // no log
            }
            throw new IOException("the Jupyter driver ended (is jupyter_client installed for " + python() + "?)\n"
                    + log.substring(Math.max(0, log.length() - 4000)));
        }
        return JSON.readTree(line);
    }

    /** Concatenated text of the stream messages of one execute answer. */
    public static String streamText(JsonNode answer, String name) {
        StringBuilder sb = new StringBuilder();
        for (JsonNode m : answer.path("messages")) {
            if (m.path("type").asText().equals("stream") && m.path("content").path("name").asText().equals(name)) {
                sb.append(m.path("content").path("text").asText());
            }
        }
        return sb.toString();
    }

    /** The messages of one type, in arrival order. */
    public static List<JsonNode> messages(JsonNode answer, String type) {
        List<JsonNode> list = new ArrayList<>();
        for (JsonNode m : answer.path("messages")) {
            if (m.path("type").asText().equals(type)) {
                list.add(m.path("content"));
            }
        }
        return list;
    }

    /** Kills the driver (the kernel's parent) without letting it shut the kernel down, as a crash would. */
    public void killDriver() throws IOException {
        process.destroyForcibly();
        deleteSpecDir();
    }

    private void deleteSpecDir() throws IOException {
        try (var files = Files.walk(specDir)) {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Override
    public void close() throws IOException {
        try {
            send(op("shutdown"));
        } catch (IOException ignored) {
            // already gone
        }
        try {
            if (!process.waitFor(20, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            process.destroyForcibly();
        }
        deleteSpecDir();
    }
}
