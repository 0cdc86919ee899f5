package dev.kubelab.kernel.magic;

import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.display.Renderable;
import picocli.CommandLine.Command;

import java.util.stream.Collectors;

/** {@code %lsmagic}: every magic with its one-line description. */
@Command(name = "lsmagic", description = "List every magic with a one-line description.")
public final class LsMagic implements Magic {

    @Override
    public Object run(MagicContext context) {
        MagicRegistry registry = context.registry();
        return (Renderable) () -> {
            int width = registry.all().stream().mapToInt(e -> e.usageName().length()).max().orElse(8);
            String text = registry.all().stream()
                    .map(e -> String.format("%-" + width + "s  %s", e.usageName(), e.description()))
                    .collect(Collectors.joining("\n"));
            String footer = context.text("각 매직의 사용법: %이름 --help", "Usage of each magic: %name --help");
            String rows = registry.all().stream()
                    .map(e -> "<tr><td style=\"text-align:left\"><code>" + escape(e.usageName()) + "</code></td><td style=\"text-align:left\">"
                            + escape(e.description()) + "</td></tr>")
                    .collect(Collectors.joining());
            String html = "<table>" + rows + "</table><p>" + escape(footer) + "</p>";
            return MimeBundle.html(html, text + "\n\n" + footer);
        };
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
