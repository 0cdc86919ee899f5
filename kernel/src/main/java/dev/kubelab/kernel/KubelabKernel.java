package dev.kubelab.kernel;

import dev.kubelab.kernel.display.AlreadyDisplayed;
import dev.kubelab.kernel.display.Display;
import dev.kubelab.kernel.display.DisplayHandle;
import dev.kubelab.kernel.display.DisplaySink;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.display.Progress;
import dev.kubelab.kernel.eval.CellError;
import dev.kubelab.kernel.eval.JavaEvaluator;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicException;
import dev.kubelab.kernel.magic.MagicRegistry;
import dev.kubelab.kernel.magic.MagicUsageException;
import dev.kubelab.kernel.output.CellOutput;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.BaseKernel;
import org.dflib.jjava.jupyter.kernel.JupyterIO;
import org.dflib.jjava.jupyter.kernel.LanguageInfo;
import org.dflib.jjava.jupyter.kernel.ReplacementOptions;
import org.dflib.jjava.jupyter.kernel.comm.CommManager;
import org.dflib.jjava.jupyter.kernel.display.DisplayData;
import org.dflib.jjava.jupyter.kernel.display.Renderer;
import org.dflib.jjava.jupyter.kernel.util.StringStyler;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishDisplayData;
import org.dflib.jjava.jupyter.messages.publish.PublishError;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteInput;
import org.dflib.jjava.jupyter.messages.publish.PublishExecuteResult;
import org.dflib.jjava.jupyter.messages.publish.PublishStream;
import org.dflib.jjava.jupyter.messages.publish.PublishUpdateDisplayData;
import org.dflib.jjava.jupyter.messages.reply.ErrorReply;
import org.dflib.jjava.jupyter.messages.reply.ExecuteReply;
import org.dflib.jjava.jupyter.messages.request.ExecuteRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.function.Supplier;

/**
 * The kubelab Jupyter kernel: jjava's protocol handling with JShell cells, kubelab magics, the display API and
 * streamed, capped output. JShell is created on a background thread at start so kernel_info_reply is immediate
 * and the first cell finds javac already warm.
 */
public final class KubelabKernel extends BaseKernel {
    private static final Logger LOG = LoggerFactory.getLogger(KubelabKernel.class);
    public static final String VERSION = "0.1.0";
    /** Bytes a cell may print before the rest is dropped (override: -Dkubelab.output.limit=…). */
    static final long OUTPUT_LIMIT = Long.getLong("kubelab.output.limit", 2L * 1024 * 1024);

    /** The jshell tool's default imports (what Java users expect in a REPL), java.time, and the display API. */
    static final List<String> STARTUP = List.of(
            "import java.io.*;",
            "import java.math.*;",
            "import java.net.*;",
            "import java.nio.file.*;",
            "import java.time.*;",
            "import java.util.*;",
            "import java.util.concurrent.*;",
            "import java.util.function.*;",
            "import java.util.regex.*;",
            "import java.util.stream.*;",
            "import static dev.kubelab.kernel.display.Display.*;");

    private final CompletableFuture<JavaEvaluator> evaluator;
    private final MagicRegistry registry;
    private final CellOutput output = new CellOutput(OUTPUT_LIMIT);
    private final InMemoryHistory history;
    private final Map<Class<?>, Object> state = new ConcurrentHashMap<>();
    private volatile ShellReplyEnvironment cellEnv;
    private volatile String language = Language.detect();
    private volatile Thread magicThread;
    private volatile int currentCell;
    /** Set by an interrupt during the current cell, also when it arrives while JShell is still starting. */
    private volatile boolean cellInterrupted;

    public KubelabKernel(MagicRegistry registry) {
        this(registry, new InMemoryHistory());
    }

    private KubelabKernel(MagicRegistry registry, InMemoryHistory history) {
        super("kubelab", VERSION,
                new LanguageInfo("java", Runtime.version().toString(), "text/x-java", ".jshell", "java", "text/x-java", "script"),
                List.of(), history, new JupyterIO(StandardCharsets.UTF_8), new CommManager(), new Renderer(),
                null, null, false, new StringStyler("", "", "", i -> ""));
        this.registry = registry;
        this.history = history;
        // Output of user code — also from threads it starts — goes to the front end for the whole session.
        System.setOut(output.stdout());
        System.setErr(output.stderr());
        Display.install(new Sink());
        this.evaluator = new CompletableFuture<>();
        Thread starter = new Thread(() -> {
            try {
                long delay = Long.getLong("kubelab.test.jshellDelay", 0); // tests: a slow JShell start on demand
                if (delay > 0) {
                    Thread.sleep(delay);
                }
                JavaEvaluator e = new JavaEvaluator(STARTUP);
                e.warmUp();
                evaluator.complete(e);
            } catch (Throwable t) {
                LOG.error("JShell could not start: {}", t.toString());
                evaluator.completeExceptionally(t);
            }
        }, "kubelab-jshell-start");
        starter.setDaemon(true);
        starter.start();
    }

    public MagicRegistry registry() {
        return registry;
    }

    JavaEvaluator java() {
        try {
            return evaluator.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CellError("Interrupted", "interrupted while JShell was starting", List.of("Interrupted"));
        } catch (ExecutionException e) {
            throw new CellError("KernelError", "JShell could not start: " + e.getCause(),
                    List.of("JShell could not start: " + e.getCause()));
        }
    }

    @Override
    protected synchronized void handleExecuteRequest(ShellReplyEnvironment env, Message<ExecuteRequest> message) {
        commManager.setMessageContext(message);
        ExecuteRequest request = message.getContent();
        String code = request.getCode() == null ? "" : request.getCode();
        boolean silent = request.isSilent();
        int count = silent ? executionCount.get() : executionCount.getAndIncrement();
        env.setBusyDeferIdle();
        if (!silent) {
            env.publish(new PublishExecuteInput(code, count));
        }
        if (request.shouldStoreHistory() && !silent) {
            history.add(count, code);
        }
        cellEnv = env;
        currentCell = count;
        cellInterrupted = false;
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().clearStop();
        }
        output.begin((name, text) -> env.publish(new PublishStream(
                "stderr".equals(name) ? PublishStream.StreamType.ERR : PublishStream.StreamType.OUT, text)));
        try {
            Object value = runCell(code, count);
            output.end();
            DisplayData data = silent ? null : toDisplayData(value);
            if (data != null) {
                env.publish(new PublishExecuteResult(count, data));
            }
            env.defer().reply(new ExecuteReply(count, Map.of()));
        } catch (Throwable t) {
            CellError error = t instanceof CellError ? (CellError) t : unexpected(t);
            output.end();
            env.publish(new PublishError(error.errorName(), error.errorValue(), error.traceback()));
            ErrorReply reply = new ErrorReply(error.errorName(), error.errorValue(), error.traceback());
            reply.setExecutionCount(count);
            env.defer().replyError(ExecuteReply.MESSAGE_TYPE.error(), reply);
        } finally {
            Thread.interrupted(); // an interrupt aimed at a magic must not leak into the next request
        }
    }

    private static CellError unexpected(Throwable t) {
        LOG.warn("cell failed inside the kernel", t);
        String msg = t.getClass().getSimpleName() + (t.getMessage() == null ? "" : ": " + t.getMessage());
        return new CellError(t.getClass().getSimpleName(), String.valueOf(t.getMessage()),
                List.of(msg, "(this is a kernel problem, not your code; the kernel keeps running)"));
    }

    /** Runs the segments of a cell in order; the last one's value is the cell's value. */
    Object runCell(String code, int count) {
        Object last = null;
        for (CellSyntax.Segment segment : CellSyntax.segments(code)) {
            if (cellInterrupted) {
                throw new CellError("Interrupted", "the cell was stopped",
                        List.of("Interrupted: the cell was stopped; variables defined before keep their values."));
            }
            last = segment.magic ? runMagic(segment) : javaForCell().eval(segment.text(), count, segment.firstLine);
        }
        return last;
    }

    /** The evaluator; an interrupt that arrived while JShell was still starting applies to it. */
    private JavaEvaluator javaForCell() {
        boolean wasReady = evaluator.isDone();
        JavaEvaluator java = java();
        if (!wasReady && cellInterrupted) {
            java.stop();
        }
        return java;
    }

    private Object runMagic(CellSyntax.Segment segment) {
        String shown = (segment.cellMagic ? "%%" : "%") + segment.name;
        magicThread = Thread.currentThread();
        try {
            return registry.invoke(segment.name, segment.cellMagic, segment.args,
                    new Context(segment.cellMagic ? Optional.of(segment.text()) : Optional.empty(), segment.args));
        } catch (MagicUsageException e) {
            String msg = e.getMessage().startsWith("%") || e.getMessage().startsWith("unknown magic")
                    ? e.getMessage() : shown + ": " + e.getMessage();
            throw new CellError("UsageError", msg, List.of(msg));
        } catch (MagicException e) {
            String msg = e.getMessage() != null && e.getMessage().startsWith("%") ? e.getMessage() : shown + ": " + e.getMessage();
            throw new CellError("MagicError", msg, List.of(msg));
        } catch (CellError e) {
            throw e;
        } catch (InterruptedException e) {
            throw new CellError("Interrupted", shown + " was interrupted", List.of("Interrupted: " + shown + " was stopped"));
        } catch (Exception e) {
            LOG.debug("{} failed", shown, e);
            String msg = shown + " failed: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            throw new CellError(e.getClass().getSimpleName(), msg, List.of(msg));
        } finally {
            magicThread = null;
        }
    }

    /** What a value looks like as execute_result: nothing for void/handles, a bundle for Renderable, else text. */
    static DisplayData toDisplayData(Object value) {
        Object v = value;
        String text = null;
        if (value instanceof JavaEvaluator.Value) {
            JavaEvaluator.Value jv = (JavaEvaluator.Value) value;
            v = jv.object;
            text = jv.text;
            if (!(v instanceof MimeBundle) && !(v instanceof dev.kubelab.kernel.display.Renderable)
                    && !(v instanceof AlreadyDisplayed)) {
                return text == null ? null : data(MimeBundle.text(text));
            }
        }
        if (v == null || v instanceof AlreadyDisplayed) {
            return null;
        }
        return data(v instanceof String ? MimeBundle.text((String) v) : Display.bundleOf(v));
    }

    static DisplayData data(MimeBundle bundle) {
        DisplayData d = new DisplayData();
        bundle.data().forEach(d::putData);
        return d;
    }

    @Override
    public Object evalRaw(String source) {
        return runCell(source, currentCell);
    }

    @Override
    public DisplayData inspect(String code, int cursor, boolean extraDetail) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        List<CellSyntax.Segment> segments = CellSyntax.segments(code);
        CellSyntax.Segment seg = CellSyntax.at(segments, at);
        String doc;
        if (seg != null && seg.magic && !(seg.cellMagic && at >= seg.start)) {
            doc = registry.find(seg.name).map(e -> registry.usage(e.name())).orElse("");
        } else if (seg != null) {
            doc = java().inspect(seg.text(), at - seg.start);
        } else {
            doc = "";
        }
        return doc.isBlank() ? null : data(MimeBundle.text(doc));
    }

    @Override
    public ReplacementOptions complete(String code, int cursor) {
        int at = Math.max(0, Math.min(cursor, code.length()));
        int lineStart = code.lastIndexOf('\n', Math.max(0, at - 1)) + 1;
        if (at < lineStart) {
            lineStart = at;
        }
        String line = code.substring(lineStart, at);
        String stripped = line.stripLeading();
        boolean firstLine = code.substring(0, lineStart).isBlank();
        if (stripped.startsWith("%") && (firstLine || !stripped.startsWith("%%"))) {
            int offset = lineStart + (line.length() - stripped.length());
            MagicRegistry.Completion c = registry.complete(stripped, offset, new Context(Optional.empty(), ""));
            return new ReplacementOptions(c.matches, c.start, c.end);
        }
        CellSyntax.Segment seg = CellSyntax.at(CellSyntax.segments(code), at);
        if (seg == null || (seg.magic && !seg.cellMagic)) {
            return new ReplacementOptions(List.of(), at, at);
        }
        JavaEvaluator.Completion c = java().complete(seg.text(), at - seg.start);
        return new ReplacementOptions(c.matches, seg.start + c.start, seg.start + c.end);
    }

    @Override
    public String isComplete(String code) {
        List<CellSyntax.Segment> segments = CellSyntax.segments(code);
        StringBuilder java = new StringBuilder();
        for (CellSyntax.Segment s : segments) {
            if (s.cellMagic) {
                return IS_COMPLETE_YES;
            }
            if (!s.magic) {
                java.append(s.text()).append('\n');
            }
        }
        switch (java().completeness(java.toString())) {
            case "incomplete":
                return "";
            case "invalid":
                return IS_COMPLETE_BAD;
            default:
                return IS_COMPLETE_YES;
        }
    }

    /** interrupt_request (control channel) and SIGINT: stop the running snippet, or interrupt a running magic. */
    @Override
    public void interrupt() {
        cellInterrupted = true;
        Thread magic = magicThread;
        if (magic != null) {
            magic.interrupt();
        }
        if (evaluator.isDone() && !evaluator.isCompletedExceptionally()) {
            evaluator.join().stop();
        }
    }

    @Override
    public void onShutdown(boolean isRestarting) {
        super.onShutdown(isRestarting);
        output.close();
    }

    /** Display API output goes to the cell that is running (or ran last), after its pending stdout. */
    private final class Sink implements DisplaySink {
        @Override
        public void display(MimeBundle bundle, String displayId) {
            ShellReplyEnvironment env = cellEnv;
            if (env == null) {
                return;
            }
            output.flush();
            DisplayData d = data(bundle);
            if (displayId != null) {
                d.setDisplayId(displayId);
            }
            env.publish(new PublishDisplayData(d));
        }

        @Override
        public void update(MimeBundle bundle, String displayId) {
            ShellReplyEnvironment env = cellEnv;
            if (env == null) {
                return;
            }
            output.flush();
            DisplayData d = data(bundle);
            d.setDisplayId(displayId);
            env.publish(new PublishUpdateDisplayData(d));
        }
    }

    /** The {@link MagicContext} of one magic call. */
    private final class Context implements MagicContext {
        private final Optional<String> body;
        private final String argLine;

        Context(Optional<String> body, String argLine) {
            this.body = body;
            this.argLine = argLine;
        }

        @Override
        public String argLine() {
            return argLine;
        }

        @Override
        public Optional<String> body() {
            return body;
        }

        @Override
        public String language() {
            return language;
        }

        @Override
        public void setLanguage(String lang) {
            String l = Language.normalize(lang);
            if (l == null) {
                throw new MagicUsageException("unknown language '" + lang + "': use ko or en");
            }
            language = l;
        }

        @Override
        public PrintStream out() {
            return output.stdout();
        }

        @Override
        public PrintStream err() {
            return output.stderr();
        }

        @Override
        public DisplayHandle display(Object value) {
            return Display.display(value);
        }

        @Override
        public Progress progress(String label, long total) {
            return Display.progress(label, total);
        }

        @Override
        public void bind(String name, Class<?> type, Object value) {
            java().bind(name, type, value);
        }

        @Override
        public void addToClasspath(List<Path> entries) {
            JavaEvaluator java = java();
            for (Path p : entries) {
                java.addToClasspath(p.toAbsolutePath().toString());
            }
        }

        @Override
        public List<String> classpath() {
            return new ArrayList<>(java().classpath());
        }

        @Override
        public Object evalJava(String source) {
            Object v = java().eval(source, currentCell, 0);
            if (v instanceof JavaEvaluator.Value) {
                JavaEvaluator.Value jv = (JavaEvaluator.Value) v;
                return jv.object != null ? jv.object : jv.text;
            }
            return v;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T state(Class<T> key, Supplier<T> create) {
            return (T) KubelabKernel.this.state.computeIfAbsent(key, k -> create.get());
        }

        @Override
        public MagicRegistry registry() {
            return registry;
        }
    }
}
