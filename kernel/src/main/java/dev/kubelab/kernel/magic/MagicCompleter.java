package dev.kubelab.kernel.magic;

import java.util.List;

/**
 * Optional completion hook for a magic whose candidates are only known at run time (pod names, files, versions…).
 * Option names, sub-commands and picocli {@code completionCandidates} are completed without it.
 */
public interface MagicCompleter {
    /**
     * @param context      the kernel's magic context (language, bound state)
     * @param previousArgs the complete words typed after the magic name, before the word being completed
     * @param prefix       the partial word at the cursor (may be empty)
     */
    List<String> complete(MagicContext context, List<String> previousArgs, String prefix);
}
