package dev.kubelab.kernel.display;

/**
 * A value that knows how to show itself in a notebook. When a cell's trailing expression (or a magic's
 * result) is Renderable, the kernel publishes {@link #render()} instead of {@code toString()}.
 */
@FunctionalInterface
public interface Renderable {
    MimeBundle render();
}
