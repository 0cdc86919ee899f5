package dev.kubelab.magics.general;

import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import dev.kubelab.kernel.magic.RawArguments;
import picocli.CommandLine.Command;

import java.util.Locale;

/** {@code %time JAVA} / {@code %%time}: runs Java and prints how long it took (wall clock). */
@Command(name = "time", description = "Run Java code (the rest of the line, or the cell with %%%%time) and print its wall-clock time.",
        footer = {"", "Examples: %%time LongStream.range(0, 1_000_000).sum()", "          %%%%time  (then Java lines)"})
public final class TimeMagic implements Magic, RawArguments {

    @Override
    public Kind kind() {
        return Kind.BOTH;
    }

    @Override
    public Object run(MagicContext context) {
        String code = context.body().orElse(context.argLine());
        long start = System.nanoTime();
        try {
            return context.evalJava(code);
        } finally {
            double ms = (System.nanoTime() - start) / 1e6;
            context.out().println(String.format(Locale.ROOT, "%s: %.1f ms", context.text("실행 시간", "Wall time"), ms));
        }
    }
}
