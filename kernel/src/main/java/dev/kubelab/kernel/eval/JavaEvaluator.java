package dev.kubelab.kernel.eval;

import jdk.jshell.Diag;
import jdk.jshell.EvalException;
import jdk.jshell.ExpressionSnippet;
import jdk.jshell.JShell;
import jdk.jshell.JShellException;
import jdk.jshell.Snippet;
import jdk.jshell.SnippetEvent;
import jdk.jshell.SourceCodeAnalysis;
import jdk.jshell.SourceCodeAnalysis.Completeness;
import jdk.jshell.UnresolvedReferenceException;
import jdk.jshell.VarSnippet;

import java.io.File;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Java cells on JShell, in-process. Splits a cell into snippets, evaluates them in order, returns the trailing
 * expression's object, and turns failures into {@link CellError}s the user can read: compiler message + source line +
 * caret, or the user's exception with only the frames of user code.
 */
public final class JavaEvaluator implements AutoCloseable {

    /** The outcome of a cell: the trailing value (if the last snippet is an expression) and its JShell string. */
    public static final class Value {
        public final Object object;
        public final String text;

        Value(Object object, String text) {
            this.object = object;
            this.text = text;
        }
    }

    /** Only this many frames of each exception in a chain are shown. */
    private static final int MAX_FRAMES = 12;
    private static final Pattern EXIT_CALL = Pattern.compile(
            "\\bSystem\\s*\\.\\s*exit\\s*\\(|\\bRuntime\\s*\\.\\s*getRuntime\\s*\\(\\s*\\)\\s*\\.\\s*(exit|halt)\\s*\\(");

    private final JShell shell;
    private final KernelExecutionControlProvider provider;
    private final SourceCodeAnalysis analysis;
    private final Map<String, Class<?>> varClasses = new ConcurrentHashMap<>();
    /** snippet id → {cell number, line offset of the snippet in its cell} for readable stack frames. */
    private final Map<String, int[]> snippetOrigins = new ConcurrentHashMap<>();
    private final List<String> addedClasspath = new CopyOnWriteArrayList<>();
    private volatile boolean stopRequested;

    public JavaEvaluator(List<String> startupImports) {
        provider = new KernelExecutionControlProvider();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        shell = JShell.builder()
                .executionEngine(provider, Map.of())
                .out(quiet).err(quiet)
                .compilerOptions("-Xlint:none")
                .build();
        // User code compiles against the kernel's own classpath (fabric8, the display API, objects bound later);
        // the loader delegates to the kernel's class loader first, so classes are shared, not duplicated.
        String cp = System.getProperty("java.class.path", "");
        if (!cp.isBlank()) {
            shell.addToClasspath(cp);
        }
        analysis = shell.sourceCodeAnalysis();
        for (String imp : startupImports) {
            check(shell.eval(imp), imp);
        }
    }

    /** Compiles and runs a trivial snippet so javac and the execution path are loaded before the first cell. */
    public void warmUp() {
        List<SnippetEvent> events = shell.eval("int kubelab$warmup = 1 + 1;");
        events.stream().map(SnippetEvent::snippet).filter(Objects::nonNull).distinct().forEach(shell::drop);
        analysis.completionSuggestions("Stri", 4, new int[1]);
    }

    private static void check(List<SnippetEvent> events, String src) {
        for (SnippetEvent e : events) {
            if (e.status() == Snippet.Status.REJECTED) {
                throw new IllegalStateException("startup snippet rejected: " + src);
            }
        }
    }

    /** Evaluates Java source; cellNumber and lineOffset only label error frames. */
    public Value eval(String code, int cellNumber, int lineOffset) {
        if (EXIT_CALL.matcher(code).find()) {
            throw new CellError("ExitRefused", "System.exit/Runtime.exit would end the kernel process",
                    List.of("System.exit/Runtime.exit would end the kernel process and lose every variable.",
                            "Use the notebook's Kernel > Restart to start over."));
        }
        Value last = null;
        for (SourcePiece piece : split(code)) {
            if (stopRequested) {
                throw interrupted();
            }
            last = evalPiece(code, piece, cellNumber, lineOffset);
            if (stopRequested) {
                throw interrupted();
            }
        }
        return last;
    }

    private Value evalPiece(String cell, SourcePiece piece, int cellNumber, int lineOffset) {
        KernelExecutionControl control = provider.control();
        control.clearLastInvoked();
        List<SnippetEvent> events = shell.eval(piece.source);
        Value value = null;
        for (SnippetEvent event : events) {
            if (event.causeSnippet() != null) {
                continue; // consequences for other snippets (e.g. an overwritten method), not this one
            }
            Snippet snippet = event.snippet();
            if (snippet != null) {
                // stack-trace line numbers count from the snippet's first non-blank character
                int firstCode = piece.start + leadingSpace(piece.source);
                snippetOrigins.put(snippet.id(), new int[]{cellNumber, lineOffset + lineOf(cell, firstCode) - 1});
            }
            if (event.status() == Snippet.Status.REJECTED) {
                throw compileError(cell, piece, snippet, lineOffset);
            }
            JShellException ex = event.exception();
            if (ex != null) {
                if (stopRequested) {
                    throw interrupted();
                }
                throw runtimeError(ex);
            }
            if (snippet instanceof VarSnippet) {
                VarSnippet var = (VarSnippet) snippet;
                Class<?> holder = control.lastInvoked();
                if (holder != null) {
                    varClasses.put(var.name(), holder);
                }
                if (var.subKind() == Snippet.SubKind.TEMP_VAR_EXPRESSION_SUBKIND) {
                    value = new Value(readField(holder, var.name()), event.value());
                }
            } else if (snippet instanceof ExpressionSnippet && event.value() != null) {
                ExpressionSnippet expr = (ExpressionSnippet) snippet;
                Object obj = readField(varClasses.get(expr.name()), expr.name());
                value = new Value(obj, event.value());
            }
            if (event.status() == Snippet.Status.RECOVERABLE_DEFINED || event.status() == Snippet.Status.RECOVERABLE_NOT_DEFINED) {
                String missing = shell.unresolvedDependencies((jdk.jshell.DeclarationSnippet) snippet)
                        .collect(Collectors.joining(", "));
                System.err.println("note: " + describe(snippet) + " was declared, but cannot be used until "
                        + missing + " is declared");
            }
        }
        return value;
    }

    private static String describe(Snippet s) {
        if (s instanceof jdk.jshell.DeclarationSnippet) {
            return ((jdk.jshell.DeclarationSnippet) s).name();
        }
        return "the snippet";
    }

    private static Object readField(Class<?> holder, String name) {
        if (holder == null || name == null) {
            return null;
        }
        try {
            java.lang.reflect.Field f = holder.getField(name);
            f.setAccessible(true); // JShell's wrapper classes are package-private (in the open, unnamed module)
            return f.get(null);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return null;
        }
    }

    /** Splits a cell into JShell snippets with their start offsets. */
    List<SourcePiece> split(String code) {
        List<SourcePiece> pieces = new ArrayList<>();
        String rest = code;
        int consumed = 0;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            int lead = leadingSpace(rest);
            if (info.completeness() == Completeness.EMPTY) {
                break;
            }
            if (!info.completeness().isComplete() || info.source() == null) {
                pieces.add(new SourcePiece(rest.substring(lead), consumed + lead, false));
                break;
            }
            // the snippet's own positions count from its source, which may keep some of the leading whitespace
            pieces.add(new SourcePiece(info.source(), consumed + lead - Math.min(lead, leadingSpace(info.source())), true));
            int used = rest.length() - info.remaining().length();
            if (used <= 0) {
                break;
            }
            consumed += used;
            rest = info.remaining();
        }
        return pieces;
    }

    private static int leadingSpace(String s) {
        int i = 0;
        while (i < s.length() && Character.isWhitespace(s.charAt(i))) {
            i++;
        }
        return i;
    }

    private static int lineOf(String text, int offset) {
        int line = 1;
        for (int i = 0; i < Math.min(offset, text.length()); i++) {
            if (text.charAt(i) == '\n') {
                line++;
            }
        }
        return line;
    }

    private CellError compileError(String cell, SourcePiece piece, Snippet snippet, int lineOffset) {
        List<String> lines = new ArrayList<>();
        String first = null;
        List<Diag> diags = snippet == null ? List.of() : shell.diagnostics(snippet).filter(Diag::isError).collect(Collectors.toList());
        if (diags.isEmpty()) {
            first = "the snippet could not be compiled";
            lines.add(first);
        }
        for (Diag d : diags) {
            String msg = d.getMessage(Locale.ENGLISH);
            if (first == null) {
                first = msg.lines().findFirst().orElse(msg);
            }
            int pos = (int) Math.max(0, d.getStartPosition());
            int end = (int) Math.max(pos + 1, d.getEndPosition());
            int abs = Math.min(cell.length(), piece.start + Math.min(pos, piece.source.length()));
            int absEnd = Math.min(cell.length(), piece.start + Math.min(end, piece.source.length()));
            int lineStart = cell.lastIndexOf('\n', abs - 1) + 1;
            int lineEnd = cell.indexOf('\n', abs);
            if (lineEnd < 0) {
                lineEnd = cell.length();
            }
            String srcLine = cell.substring(lineStart, lineEnd);
            int lineNo = lineOffset + lineOf(cell, abs);
            String label = "line " + lineNo + ": ";
            lines.addAll(msg.lines().collect(Collectors.toList()));
            lines.add(label + srcLine);
            int caretLen = Math.max(1, Math.min(absEnd, lineEnd) - abs);
            lines.add(" ".repeat(label.length() + (abs - lineStart)) + "^" + (caretLen > 1 ? "~".repeat(caretLen - 1) : ""));
        }
        return new CellError("CompilationError", first, lines);
    }

    private CellError runtimeError(JShellException ex) {
        if (ex instanceof UnresolvedReferenceException) {
            UnresolvedReferenceException u = (UnresolvedReferenceException) ex;
            String missing = shell.unresolvedDependencies(u.getSnippet()).collect(Collectors.joining(", "));
            String msg = u.getSnippet().name() + " cannot be used until " + missing + " is declared";
            return new CellError("UnresolvedReference", msg, List.of(msg));
        }
        List<String> lines = new ArrayList<>();
        Throwable t = ex;
        String name = null;
        String value = null;
        String prefix = "";
        Set<Throwable> seen = new LinkedHashSet<>();
        while (t != null && seen.add(t)) {
            String cls = t instanceof EvalException ? ((EvalException) t).getExceptionClassName() : t.getClass().getName();
            String msg = t.getMessage();
            if (name == null) {
                name = cls.substring(cls.lastIndexOf('.') + 1);
                value = msg == null ? "" : msg;
            }
            lines.add(prefix + cls + (msg == null ? "" : ": " + msg));
            lines.addAll(userFrames(t.getStackTrace()));
            prefix = "Caused by: ";
            t = t.getCause();
        }
        return new CellError(name, value, lines);
    }

    /** The frames of user code: everything above the last REPL frame, with REPL frames named by cell and line. */
    private List<String> userFrames(StackTraceElement[] trace) {
        int lastRepl = -1;
        for (int i = 0; i < trace.length; i++) {
            if (isRepl(trace[i])) {
                lastRepl = i;
            }
        }
        int end = lastRepl >= 0 ? lastRepl + 1 : cutAtMachinery(trace);
        List<String> out = new ArrayList<>();
        for (int i = 0; i < end && out.size() < MAX_FRAMES; i++) {
            out.add("    at " + frame(trace[i]));
        }
        if (end > MAX_FRAMES) {
            out.add("    ... " + (end - MAX_FRAMES) + " more");
        }
        return out;
    }

    private static int cutAtMachinery(StackTraceElement[] trace) {
        for (int i = 0; i < trace.length; i++) {
            String c = trace[i].getClassName();
            if (c.startsWith("jdk.jshell.") || c.startsWith("jdk.internal.reflect.") || c.startsWith("java.lang.reflect.")
                    || c.startsWith("dev.kubelab.kernel.")) {
                return i;
            }
        }
        return trace.length;
    }

    /** JShell reports frames of snippets with file name "#id" (and an empty or REPL.* class name). */
    private static boolean isRepl(StackTraceElement e) {
        return e.getClassName().startsWith("REPL.") || (e.getFileName() != null && e.getFileName().matches("#\\d+"));
    }

    private String frame(StackTraceElement e) {
        if (!isRepl(e)) {
            return e.toString();
        }
        String file = e.getFileName() == null ? "" : e.getFileName();
        int[] origin = file.startsWith("#") ? snippetOrigins.get(file.substring(1)) : null;
        String method = e.getMethodName().isEmpty() || e.getMethodName().equals("do_it$") ? "cell" : e.getMethodName();
        String cls = e.getClassName().replaceFirst("^REPL\\.\\$JShell\\$\\d+[A-Z]?\\$?", "").replace('$', '.');
        String where = origin == null ? file + ":" + e.getLineNumber()
                : "cell [" + origin[0] + "], line " + (origin[1] + Math.max(1, e.getLineNumber()));
        return (cls.isEmpty() ? "" : cls + ".") + method + " (" + where + ")";
    }

    private CellError interrupted() {
        return new CellError("Interrupted", "the cell was stopped", List.of("Interrupted: the cell was stopped; variables defined before keep their values."));
    }

    /** Stops the running snippet (from another thread). */
    public void stop() {
        stopRequested = true;
        try {
            shell.stop();
        } catch (RuntimeException ignored) {
            // nothing running
        }
    }

    /** Forgets an earlier stop; the kernel calls this when a new cell starts. */
    public void clearStop() {
        stopRequested = false;
    }

    public boolean stopRequested() {
        return stopRequested;
    }

    /** Completion candidates for {@code cursor} within {@code code}: [start, end) and the replacements. */
    public Completion complete(String code, int cursor) {
        SourcePiece piece = pieceAt(code, cursor);
        if (piece == null) {
            return new Completion(List.of(), cursor, cursor);
        }
        int[] anchor = new int[1];
        int local = cursor - piece.start;
        List<SourceCodeAnalysis.Suggestion> suggestions = analysis.completionSuggestions(piece.source, local, anchor);
        List<String> matches = suggestions.stream()
                .sorted((a, b) -> Boolean.compare(b.matchesType(), a.matchesType()))
                .map(SourceCodeAnalysis.Suggestion::continuation)
                .distinct()
                .collect(Collectors.toList());
        return new Completion(matches, piece.start + anchor[0], cursor);
    }

    /** Signature and javadoc of the element at {@code cursor}, or empty. */
    public String inspect(String code, int cursor) {
        SourcePiece piece = null;
        for (SourcePiece p : split(code)) {
            if (p.start <= cursor) {
                piece = p;
            }
        }
        if (piece == null) {
            return "";
        }
        int local = cursor - piece.start;
        List<SourceCodeAnalysis.Documentation> docs = analysis.documentation(piece.source, local, true);
        if (docs.isEmpty() && local < piece.source.length()) {
            // the cursor on an identifier: documentation is computed for the call around it, so look just past it
            int end = local;
            while (end < piece.source.length() && Character.isJavaIdentifierPart(piece.source.charAt(end))) {
                end++;
            }
            docs = analysis.documentation(piece.source.substring(0, end) + "(", end + 1, true);
        }
        return docs.stream()
                .map(d -> d.signature() + (d.javadoc() == null || d.javadoc().isBlank() ? "" : "\n\n" + d.javadoc().strip()))
                .distinct()
                .collect(Collectors.joining("\n\n"));
    }

    private SourcePiece pieceAt(String code, int cursor) {
        if (cursor < 0 || cursor > code.length()) {
            return null;
        }
        String upTo = code.substring(0, cursor);
        List<SourcePiece> pieces = split(upTo);
        if (pieces.isEmpty()) {
            return new SourcePiece("", cursor, false);
        }
        SourcePiece last = pieces.get(pieces.size() - 1);
        // completion looks at the text before the cursor: the piece is the original text from its start to the cursor
        return new SourcePiece(code.substring(last.start, cursor), last.start, last.complete);
    }

    /** {@code complete}, {@code invalid}, or {@code incomplete}. */
    public String completeness(String code) {
        String rest = code;
        while (!rest.isBlank()) {
            SourceCodeAnalysis.CompletionInfo info = analysis.analyzeCompletion(rest);
            switch (info.completeness()) {
                case EMPTY:
                    return "complete";
                case DEFINITELY_INCOMPLETE:
                case CONSIDERED_INCOMPLETE:
                    return "incomplete";
                case UNKNOWN:
                    return "invalid";
                default:
                    if (info.remaining().length() >= rest.length()) {
                        return "complete";
                    }
                    rest = info.remaining();
            }
        }
        return "complete";
    }

    /** Makes {@code value} available to user code as variable {@code name} of static type {@code type}. */
    public void bind(String name, Class<?> type, Object value) {
        if (!name.matches("[A-Za-z_$][A-Za-z0-9_$]*")) {
            throw new IllegalArgumentException("not a Java identifier: " + name);
        }
        Class<?> declared = type.isPrimitive() ? boxed(type) : type;
        String typeName = declared.getCanonicalName();
        if (typeName == null) {
            throw new IllegalArgumentException("type " + type.getName() + " has no canonical name (anonymous or local class)");
        }
        String key = name + "-" + UUID.randomUUID();
        Bindings.park(key, value);
        String src = (type.isPrimitive() ? type.getName() : typeName) + " " + name + " = (" + typeName + ") "
                + Bindings.class.getName() + ".take(\"" + key + "\");";
        KernelExecutionControl control = provider.control();
        control.clearLastInvoked();
        List<SnippetEvent> events = shell.eval(src);
        for (SnippetEvent e : events) {
            if (e.causeSnippet() == null && e.status() == Snippet.Status.REJECTED) {
                Bindings.take(key);
                String why = shell.diagnostics(e.snippet()).map(d -> d.getMessage(Locale.ENGLISH)).collect(Collectors.joining("; "));
                throw new IllegalStateException("cannot bind " + name + " as " + typeName + ": " + why);
            }
            if (e.causeSnippet() == null && e.snippet() instanceof VarSnippet && control.lastInvoked() != null) {
                varClasses.put(name, control.lastInvoked());
            }
        }
    }

    private static Class<?> boxed(Class<?> p) {
        if (p == int.class) return Integer.class;
        if (p == long.class) return Long.class;
        if (p == boolean.class) return Boolean.class;
        if (p == double.class) return Double.class;
        if (p == float.class) return Float.class;
        if (p == short.class) return Short.class;
        if (p == byte.class) return Byte.class;
        if (p == char.class) return Character.class;
        throw new IllegalArgumentException("void cannot be bound");
    }

    public void addToClasspath(String entry) {
        shell.addToClasspath(entry);
        addedClasspath.add(entry);
    }

    /** The classpath of user code: the kernel's, then the entries added by magics. */
    public List<String> classpath() {
        List<String> cp = new ArrayList<>();
        for (String e : System.getProperty("java.class.path", "").split(File.pathSeparator)) {
            if (!e.isBlank()) {
                cp.add(e);
            }
        }
        cp.addAll(addedClasspath);
        return cp;
    }

    /** Names of the variables currently declared (for completion of bound names, tests). */
    public List<String> variables() {
        return shell.variables().map(VarSnippet::name).collect(Collectors.toList());
    }

    @Override
    public void close() {
        shell.close();
    }

    /** Replacement candidates for a region of the cell. */
    public static final class Completion {
        public final List<String> matches;
        public final int start;
        public final int end;

        Completion(List<String> matches, int start, int end) {
            this.matches = matches;
            this.start = start;
            this.end = end;
        }
    }
}
