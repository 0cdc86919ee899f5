package dev.kubelab.cluster;

import java.util.Locale;
import java.util.Objects;

/**
 * A short piece of learner-facing text in English and Korean. The notebooks are bilingual, so every
 * message the cluster layer shows a learner (step titles, realism notes, selection reasons) carries both.
 */
public record Text(String en, String ko) {
    public Text {
        Objects.requireNonNull(en, "en");
        ko = ko == null ? en : ko;
    }

    public static Text of(String en, String ko) {
        return new Text(en, ko);
    }

    /** Text that reads the same in both languages (names, versions, paths). */
    public static Text plain(String s) {
        return new Text(s, s);
    }

    /** The text in {@code lang} ("ko" or anything else for English). */
    public String in(String lang) {
        return lang != null && lang.toLowerCase(Locale.ROOT).startsWith("ko") ? ko : en;
    }

    @Override
    public String toString() {
        return en;
    }
}
