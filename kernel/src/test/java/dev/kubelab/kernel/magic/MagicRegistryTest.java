package dev.kubelab.kernel.magic;

import dev.kubelab.kernel.display.DisplayHandle;
import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.display.Progress;
import dev.kubelab.kernel.testmagics.DemoMagic;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MagicRegistryTest {

    @Command(name = "echo", description = "Echo the words.")
    public static final class Echo implements Magic {
        @Option(names = {"-u", "--upper"}, description = "Upper-case.")
        boolean upper;
        @Option(names = "--times", description = "Repeat count.")
        int times = 1;
        @Parameters(paramLabel = "WORD")
        List<String> words = new ArrayList<>();

        @Override
        public Object run(MagicContext context) {
            String s = String.join(" ", words).repeat(times);
            return upper ? s.toUpperCase() : s;
        }
    }

    @Command(name = "body", description = "Return the cell body.")
    public static final class Body implements Magic {
        @Override
        public Kind kind() {
            return Kind.CELL;
        }

        @Override
        public Object run(MagicContext context) {
            return context.body().orElseThrow();
        }
    }

    static MagicRegistry registry() {
        return new MagicRegistry().register(Echo.class).register(Body.class).register(LsMagic.class).register(DemoMagic.class);
    }

    @Test
    void discoversMagicsWithServiceLoader() {
        MagicRegistry discovered = MagicRegistry.discover(getClass().getClassLoader());
        assertThat(discovered.all()).extracting(MagicRegistry.Entry::name).contains("lsmagic", "demo");
    }

    @Test
    void parsesFlagsOptionsAndPositionals() throws Exception {
        MagicRegistry r = registry();
        assertThat(r.invoke("echo", false, "hello 'big world'", new FakeContext())).isEqualTo("hello big world");
        assertThat(r.invoke("echo", false, "-u --times=2 ab", new FakeContext())).isEqualTo("ABAB");
        assertThat(r.invoke("echo", false, "--times 3 x", new FakeContext())).isEqualTo("xxx");
        assertThat(r.invoke("echo", false, "--upper -- --not-an-option", new FakeContext())).isEqualTo("--NOT-AN-OPTION");
    }

    @Test
    void badArgumentsAreOneLineUsageErrors() {
        MagicRegistry r = registry();
        assertThatThrownBy(() -> r.invoke("echo", false, "--times x", new FakeContext()))
                .isInstanceOf(MagicUsageException.class)
                .hasMessage("%echo: Invalid value for option '--times': 'x' is not an int (see %echo --help)");
        assertThatThrownBy(() -> r.invoke("echo", false, "--bogus", new FakeContext()))
                .hasMessage("%echo: Unknown option: '--bogus' (see %echo --help)");
    }

    @Test
    void unknownMagicSuggestsCloseMatches() {
        MagicRegistry r = registry();
        assertThat(r.closeMatches("ecko")).containsExactly("echo");
        assertThat(r.closeMatches("lsmagc")).containsExactly("lsmagic");
        assertThat(r.closeMatches("zzzzzz")).isEmpty();
        assertThatThrownBy(() -> r.invoke("ech", false, "", new FakeContext()))
                .isInstanceOf(MagicUsageException.class)
                .hasMessage("unknown magic %ech — did you mean %echo? (%lsmagic lists all)");
    }

    @Test
    void lineAndCellFormsAreChecked() throws Exception {
        MagicRegistry r = registry();
        assertThat(r.invoke("body", true, "", new FakeContext(Optional.of("a\nb")))).isEqualTo("a\nb");
        assertThatThrownBy(() -> r.invoke("body", false, "", new FakeContext()))
                .hasMessage("%body is a cell magic: start the cell with %%body");
        assertThatThrownBy(() -> r.invoke("echo", true, "", new FakeContext()))
                .hasMessage("%%echo is a line magic: write %echo on its own line");
    }

    @Test
    void helpIsGeneratedFromTheDeclaration() throws Exception {
        MagicRegistry r = registry();
        Object help = r.invoke("echo", false, "--help", new FakeContext());
        assertThat(((MimeBundle) help).plainText()).startsWith("Usage: %echo [-hu] [--times=<times>] [WORD...]")
                .contains("Echo the words.", "-u, --upper", "Upper-case.");
        assertThat(r.usage("demo")).contains("up", "down");
        assertThat(((MimeBundle) r.invoke("demo", false, "up -h", new FakeContext())).plainText()).startsWith("Usage: %demo up");
    }

    @Test
    void subCommandRunsTheMostSpecificMagic() throws Exception {
        MagicRegistry r = registry();
        assertThat(r.invoke("demo", false, "down", new FakeContext())).isEqualTo("down");
        assertThat(r.invoke("demo", false, "", new FakeContext())).isEqualTo("demo");
    }

    @Test
    void completesNamesOptionsSubCommandsAndHookValues() {
        MagicRegistry r = registry();
        assertThat(r.complete("%e", 0, new FakeContext()).matches).containsExactly("%echo");
        assertThat(r.complete("%%b", 0, new FakeContext()).matches).containsExactly("%%body");
        assertThat(r.complete("%b", 0, new FakeContext()).matches).as("cell-only magic not offered as line").isEmpty();
        assertThat(r.complete("%echo --t", 5, new FakeContext()).matches).containsExactly("--times");
        MagicRegistry.Completion c = r.complete("%demo d", 5, new FakeContext());
        assertThat(c.matches).containsExactly("down");
        assertThat(c.start).isEqualTo(11);
        assertThat(c.end).isEqualTo(12);
        assertThat(r.complete("%demo up --name b", 0, new FakeContext()).matches).containsExactly("beta");
    }

    @Test
    void lsmagicListsNamesAndDescriptions() throws Exception {
        Object out = registry().invoke("lsmagic", false, "", new FakeContext());
        String text = ((dev.kubelab.kernel.display.Renderable) out).render().plainText();
        assertThat(text).contains("%echo", "Echo the words.", "%%body", "Return the cell body.", "%lsmagic");
    }

    @Test
    void rejectsClassesWithoutCommandName() {
        assertThatThrownBy(() -> new MagicRegistry().register(NoName.class)).hasMessageContaining("needs @Command(name = ...)");
    }

    public static final class NoName implements Magic {
        @Override
        public Object run(MagicContext context) {
            return null;
        }
    }

    /** A context without a kernel: enough for parsing, completion and magics that only compute. */
    final class FakeContext implements MagicContext {
        private final Optional<String> body;
        private final Map<Class<?>, Object> state = new HashMap<>();

        FakeContext() {
            this(Optional.empty());
        }

        FakeContext(Optional<String> body) {
            this.body = body;
        }

        @Override
        public Optional<String> body() {
            return body;
        }

        @Override
        public String argLine() {
            return "";
        }

        @Override
        public String language() {
            return "en";
        }

        @Override
        public void setLanguage(String language) {
        }

        @Override
        public PrintStream out() {
            return System.out;
        }

        @Override
        public PrintStream err() {
            return System.err;
        }

        @Override
        public DisplayHandle display(Object value) {
            return dev.kubelab.kernel.display.Display.display(value);
        }

        @Override
        public Progress progress(String label, long total) {
            return dev.kubelab.kernel.display.Display.progress(label, total);
        }

        @Override
        public void bind(String name, Class<?> type, Object value) {
        }

        @Override
        public void addToClasspath(List<Path> entries) {
        }

        @Override
        public List<String> classpath() {
            return List.of();
        }

        @Override
        public Object evalJava(String source) {
            return null;
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> T state(Class<T> key, Supplier<T> create) {
            return (T) state.computeIfAbsent(key, k -> create.get());
        }

        @Override
        public MagicRegistry registry() {
            return MagicRegistryTest.registry();
        }
    }
}
