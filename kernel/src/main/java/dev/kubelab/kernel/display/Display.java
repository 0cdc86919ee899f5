package dev.kubelab.kernel.display;

import java.util.Objects;
import java.util.UUID;

/**
 * The display API of every cell (static-imported at kernel start) and of the magics:
 * {@code display(x)}, {@code html(..)}, {@code svg(..)}, {@code markdown(..)} and {@code progress(..)}.
 * Each call shows its output at once and returns a {@link DisplayHandle} for updating it in place.
 */
public final class Display {
    private static volatile DisplaySink sink = DisplaySink.STDOUT;

    private Display() {
    }

    /** Installed by the kernel; tests may install their own. */
    public static void install(DisplaySink newSink) {
        sink = Objects.requireNonNull(newSink);
    }

    static DisplaySink sink() {
        return sink;
    }

    public static DisplayHandle display(Object value) {
        return show(bundleOf(value));
    }

    public static DisplayHandle html(String html) {
        return show(MimeBundle.html(html, stripTags(html)));
    }

    public static DisplayHandle svg(String svg) {
        return show(MimeBundle.text("[SVG image]").with(MimeBundle.SVG, svg));
    }

    public static DisplayHandle markdown(String markdown) {
        return show(MimeBundle.text(markdown).with(MimeBundle.MARKDOWN, markdown));
    }

    /** A progress bar shown now and redrawn in place as work advances. */
    public static Progress progress(String label, long total) {
        return new Progress(label, total);
    }

    /** Shows a bundle as-is. */
    public static DisplayHandle show(MimeBundle bundle) {
        String id = UUID.randomUUID().toString();
        sink.display(bundle, id);
        return new DisplayHandle(id);
    }

    /** How a value is shown: Renderable values render themselves, bundles pass through, the rest is text. */
    public static MimeBundle bundleOf(Object value) {
        if (value instanceof MimeBundle) {
            return (MimeBundle) value;
        }
        if (value instanceof Renderable) {
            MimeBundle b = ((Renderable) value).render();
            return b != null ? b : MimeBundle.text(String.valueOf(value));
        }
        return MimeBundle.text(String.valueOf(value));
    }

    static String stripTags(String html) {
        return html == null ? "" : html.replaceAll("<[^>]*>", "").strip();
    }
}
