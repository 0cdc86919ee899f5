package dev.kubelab.kernel.magic;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits a magic's argument line into words the way a POSIX shell does for the common cases: whitespace separates
 * words; 'single quotes' keep everything literally; "double quotes" keep spaces and allow \" \\ \$ escapes;
 * a backslash outside quotes escapes the next character. No expansion of variables or globs.
 */
public final class ArgTokenizer {
    private ArgTokenizer() {
    }

    /** The words; an unterminated quote is an error (one line, for the user). */
    public static List<String> split(String line) {
        return scan(line, false).words;
    }

    /** Words plus whether the line ends inside an unfinished word (for completion). */
    static Scan scan(String line, boolean lenient) {
        List<String> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        char quote = 0;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (quote == '\'') {
                if (c == '\'') {
                    quote = 0;
                } else {
                    cur.append(c);
                }
            } else if (quote == '"') {
                if (c == '"') {
                    quote = 0;
                } else if (c == '\\' && i + 1 < line.length() && "\"\\$`".indexOf(line.charAt(i + 1)) >= 0) {
                    cur.append(line.charAt(++i));
                } else {
                    cur.append(c);
                }
            } else if (c == '\'' || c == '"') {
                quote = c;
                inWord = true;
            } else if (c == '\\') {
                if (i + 1 < line.length()) {
                    cur.append(line.charAt(++i));
                }
                inWord = true;
            } else if (Character.isWhitespace(c)) {
                if (inWord) {
                    words.add(cur.toString());
                    cur.setLength(0);
                    inWord = false;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        if (quote != 0 && !lenient) {
            throw new IllegalArgumentException("unterminated " + (quote == '"' ? "double" : "single") + " quote");
        }
        boolean partial = inWord;
        if (inWord) {
            words.add(cur.toString());
        }
        return new Scan(words, partial);
    }

    static final class Scan {
        final List<String> words;
        final boolean endsInWord;

        Scan(List<String> words, boolean endsInWord) {
            this.words = words;
            this.endsInWord = endsInWord;
        }
    }
}
