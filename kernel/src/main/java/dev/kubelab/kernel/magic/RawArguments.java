package dev.kubelab.kernel.magic;

/**
 * Marks a magic that takes its argument text verbatim ({@link MagicContext#argLine()}), e.g. Java code after
 * {@code %time}: no shell-like splitting, no option parsing; only a lone {@code --help} prints the usage.
 */
public interface RawArguments {
}
