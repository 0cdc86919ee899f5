package dev.kubelab.magics.general;

import dev.kubelab.kernel.magic.Magic;
import dev.kubelab.kernel.magic.MagicContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code %lang [ko|en]}: show or set the language magics answer in. */
@Command(name = "lang", description = "Show or set the notebook language (ko or en) that magics answer in.")
public final class LangMagic implements Magic {

    @Parameters(arity = "0..1", paramLabel = "ko|en", completionCandidates = Languages.class,
            description = "The language to switch to; without it, show the current one.")
    String language;

    @Override
    public Object run(MagicContext context) {
        if (language != null) {
            context.setLanguage(language);
        }
        return context.language();
    }

    /** Completion candidates for the language parameter. */
    static final class Languages extends java.util.ArrayList<String> {
        Languages() {
            super(java.util.List.of("ko", "en"));
        }
    }
}
