package dev.kubelab.kernel.testmagics;

import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.display.Progress;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicCompleter;
import dev.kubelab.kernel.magic.MagicContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.util.List;

/** A magic with sub-commands, as the cluster magics will be: %demo up binds a variable, %demo down removes nothing. */
@Command(name = "demo", description = "A test magic with sub-commands.", subcommands = {DemoMagic.Up.class, DemoMagic.Down.class})
public final class DemoMagic implements Magic {

    @Override
    public Object run(MagicContext context) {
        return "demo";
    }

    @Command(name = "up", description = "Start a pretend cluster and bind it as a variable.")
    public static final class Up implements Magic, MagicCompleter {
        @Option(names = "--name", description = "Name of the pretend cluster.")
        String name = "lab";

        @Option(names = "--steps", description = "Progress steps to show.")
        int steps = 3;

        @Override
        public Object run(MagicContext context) {
            try (Progress p = context.progress("starting " + name, steps)) {
                for (int i = 0; i < steps; i++) {
                    p.note("step " + i).step();
                }
            }
            Pretend cluster = new Pretend(name, context.language());
            context.bind("demo", Pretend.class, cluster);
            return MimeBundle.html("<b>" + name + "</b> is up", name + " is up");
        }

        @Override
        public List<String> complete(MagicContext context, List<String> previousArgs, String prefix) {
            return previousArgs.contains("--name") ? List.of("alpha", "beta") : List.of();
        }
    }

    @Command(name = "down", description = "Stop it.")
    public static final class Down implements Magic {
        @Override
        public Object run(MagicContext context) {
            return "down";
        }
    }

    /** What %demo up binds. */
    public static final class Pretend {
        private final String name;
        private final String language;

        public Pretend(String name, String language) {
            this.name = name;
            this.language = language;
        }

        public String name() {
            return name;
        }

        public String language() {
            return language;
        }
    }
}
