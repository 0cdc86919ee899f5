package dev.kubelab.kernel.magic;

/**
 * A magic command. Implementations are picocli {@code @Command} classes (name, one-line description, options and
 * parameters declared once: parsing, typed values, {@code --help} usage and completion all come from that one
 * declaration) with a public no-argument constructor, listed in
 * {@code META-INF/services/dev.kubelab.kernel.magic.Magic}. A fresh instance is created per invocation, so option
 * fields never leak between calls; state that must outlive a call goes to {@link MagicContext#state}.
 *
 * <p>picocli formats descriptions and footers with {@code String.format}: write a literal {@code %} as {@code %%}
 * (so {@code "%%maven"} shows as {@code %maven}).
 *
 * <p>Sub-commands ({@code %cluster up}) are picocli sub-commands; the most specific one that implements Magic runs.
 */
public interface Magic {

    enum Kind {
        /** {@code %name args} on one line. */
        LINE,
        /** {@code %%name args} on the first line of a cell; the rest of the cell is the body. */
        CELL,
        /** Either form; {@link MagicContext#body()} tells which one was used. */
        BOTH
    }

    default Kind kind() {
        return Kind.LINE;
    }

    /**
     * Runs the magic. The result is shown like a cell's trailing value ({@link dev.kubelab.kernel.display.Renderable}
     * values render themselves; null shows nothing). Throw {@link MagicException} for expected failures: the user sees
     * its message as one line.
     */
    Object run(MagicContext context) throws Exception;
}
