package dev.kubelab.magics.general;

import dev.kubelab.kernel.display.MimeBundle;
import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import picocli.CommandLine.Command;

import java.util.List;

/** {@code %classpath}: the classpath user code compiles and runs with. */
@Command(name = "classpath", description = "Show the classpath of user code (the kernel's, then what %jars/%maven added).")
public final class ClasspathMagic implements Magic {

    @Override
    public Object run(MagicContext context) {
        List<String> cp = context.classpath();
        return MimeBundle.text(String.join("\n", cp));
    }
}
