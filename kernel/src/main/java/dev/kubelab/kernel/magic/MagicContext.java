package dev.kubelab.kernel.magic;

import dev.kubelab.kernel.display.DisplayHandle;
import dev.kubelab.kernel.display.Progress;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** What a running magic may use from the kernel. */
public interface MagicContext {

    /** The cell body of a cell magic ({@code %%name}); empty for a line magic. */
    Optional<String> body();

    /** The magic's argument text exactly as typed after its name (for {@link RawArguments} magics). */
    String argLine();

    /** The notebook language, {@code ko} or {@code en} (from the notebook metadata, {@code %lang} or $KUBELAB_LANG). */
    String language();

    void setLanguage(String language);

    /** Picks the text for the notebook's language. */
    default String text(String ko, String en) {
        return "ko".equals(language()) ? ko : en;
    }

    /** Standard output of the running cell (streamed to the front end). */
    PrintStream out();

    PrintStream err();

    DisplayHandle display(Object value);

    Progress progress(String label, long total);

    /**
     * Declares (or redeclares) a variable {@code name} of static type {@code type} in the user's JShell session, holding
     * {@code value}; later cells use it like any variable ({@code client.pods().list()}). The type must be visible to
     * user code (on the kernel's classpath or added with %jars/%maven).
     */
    void bind(String name, Class<?> type, Object value);

    /** Adds jars or directories to the classpath of user code. */
    void addToClasspath(List<Path> entries);

    /** The classpath user code sees (kernel classpath plus added entries). */
    List<String> classpath();

    /** Evaluates Java source as a cell would and returns the trailing value (null when there is none). */
    Object evalJava(String source);

    /** Per-kernel state that outlives one magic call, created on first use. */
    <T> T state(Class<T> key, Supplier<T> create);

    /** The registry (for %lsmagic and magics that call other magics). */
    MagicRegistry registry();
}
