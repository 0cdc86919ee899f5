package dev.kubelab.magics.teaching;

import dev.kubelab.kernel.display.DisplayHandle;
import dev.kubelab.kernel.display.Progress;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.MagicRegistry;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Runs a cell body the way the kernel would — Java, {@code %line} magics, or one {@code %%cell} magic — for magics that
 * wrap other cells ({@code %%trace}). Results are displayed as they come.
 */
final class CellRunner {
    private CellRunner() {
    }

    static void run(MagicContext context, String body) throws Exception {
        String stripped = body.stripLeading();
        if (stripped.startsWith("%%")) {
            int nl = stripped.indexOf('\n');
            String head = nl < 0 ? stripped : stripped.substring(0, nl);
            String rest = nl < 0 ? "" : stripped.substring(nl + 1);
            invoke(context, head.substring(2), true, rest);
            return;
        }
        StringBuilder java = new StringBuilder();
        for (String line : body.split("\n", -1)) {
            if (line.stripLeading().startsWith("%")) {
                flushJava(context, java);
                invoke(context, line.stripLeading().substring(1), false, null);
            } else {
                java.append(line).append('\n');
            }
        }
        flushJava(context, java);
    }

    private static void flushJava(MagicContext context, StringBuilder java) {
        if (java.toString().isBlank()) {
            java.setLength(0);
            return;
        }
        Object v = context.evalJava(java.toString());
        java.setLength(0);
        if (v != null) context.display(v);
    }

    private static void invoke(MagicContext context, String nameAndArgs, boolean cell, String body) throws Exception {
        String s = nameAndArgs.strip();
        int sp = indexOfSpace(s);
        String name = sp < 0 ? s : s.substring(0, sp);
        String args = sp < 0 ? "" : s.substring(sp + 1).strip();
        Object result = context.registry().invoke(name, cell, args, new Nested(context, args, cell ? body : null));
        if (result != null && !(result instanceof dev.kubelab.kernel.display.AlreadyDisplayed)) context.display(result);
    }

    private static int indexOfSpace(String s) {
        for (int i = 0; i < s.length(); i++) if (Character.isWhitespace(s.charAt(i))) return i;
        return -1;
    }

    /** The outer context with the inner magic's own argument line and body. */
    private record Nested(MagicContext outer, String argLine, String bodyText) implements MagicContext {
        @Override
        public Optional<String> body() {
            return Optional.ofNullable(bodyText);
        }

        @Override
        public String language() {
            return outer.language();
        }

        @Override
        public void setLanguage(String language) {
            outer.setLanguage(language);
        }

        @Override
        public PrintStream out() {
            return outer.out();
        }

        @Override
        public PrintStream err() {
            return outer.err();
        }

        @Override
        public DisplayHandle display(Object value) {
            return outer.display(value);
        }

        @Override
        public Progress progress(String label, long total) {
            return outer.progress(label, total);
        }

        @Override
        public void bind(String name, Class<?> type, Object value) {
            outer.bind(name, type, value);
        }

        @Override
        public void addToClasspath(List<Path> entries) {
            outer.addToClasspath(entries);
        }

        @Override
        public List<String> classpath() {
            return outer.classpath();
        }

        @Override
        public Object evalJava(String source) {
            return outer.evalJava(source);
        }

        @Override
        public <T> T state(Class<T> key, Supplier<T> create) {
            return outer.state(key, create);
        }

        @Override
        public MagicRegistry registry() {
            return outer.registry();
        }
    }
}
