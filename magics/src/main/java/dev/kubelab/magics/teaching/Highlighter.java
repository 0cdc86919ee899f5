package dev.kubelab.magics.teaching;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A tiny line-based highlighter for kubectl's {@code -o yaml} and {@code -o json} output: keys, strings, numbers,
 * booleans and comments get colours. kubectl's output is regular (block-style YAML, indented JSON), so a few
 * patterns suffice; a general highlighting library (highlight.js, Prism) would need JavaScript in the front end,
 * which handouts and nbconvert output cannot rely on.
 */
final class Highlighter {
    private static final Pattern YAML_KEY = Pattern.compile("^(\\s*(?:- )?)([^:#\\s][^:#]*?)(:)(\\s|$)(.*)$");
    private static final Pattern JSON_KEY = Pattern.compile("^(\\s*)(\"(?:[^\"\\\\]|\\\\.)*\")(\\s*:\\s*)(.*)$");
    private static final String KEY = "#0451a5";
    private static final String STRING = "#a31515";
    private static final String NUMBER = "#098658";
    private static final String LITERAL = "#0000ff";

    private Highlighter() {
    }

    static String html(String text, String format) {
        StringBuilder b = new StringBuilder("<pre style=\"font-family:monospace;line-height:1.3\">");
        for (String line : text.stripTrailing().split("\n", -1)) {
            b.append(format.equals("json") ? json(line) : yaml(line)).append('\n');
        }
        return b.append("</pre>").toString();
    }

    private static String span(String color, String s) {
        return "<span style=\"color:" + color + "\">" + Html.escape(s) + "</span>";
    }

    private static String yaml(String line) {
        if (line.stripLeading().startsWith("#")) return span("#008000", line);
        Matcher m = YAML_KEY.matcher(line);
        if (m.matches()) {
            return Html.escape(m.group(1)) + span(KEY, m.group(2)) + Html.escape(m.group(3) + m.group(4)) + value(m.group(5));
        }
        if (line.stripLeading().startsWith("- ")) {
            int i = line.indexOf("- ") + 2;
            return Html.escape(line.substring(0, i)) + value(line.substring(i));
        }
        return Html.escape(line);
    }

    private static String json(String line) {
        Matcher m = JSON_KEY.matcher(line);
        if (m.matches()) return Html.escape(m.group(1)) + span(KEY, m.group(2)) + Html.escape(m.group(3)) + value(m.group(4));
        String s = line.strip();
        int lead = line.indexOf(s);
        return Html.escape(line.substring(0, Math.max(0, lead))) + value(s);
    }

    private static String value(String v) {
        String trail = v.endsWith(",") ? "," : "";
        String core = trail.isEmpty() ? v : v.substring(0, v.length() - 1);
        String c = core.strip();
        if (c.isEmpty() || c.equals("{") || c.equals("}") || c.equals("[") || c.equals("]") || c.equals("|") || c.equals(">")) {
            return Html.escape(v);
        }
        String color;
        if (c.startsWith("\"") || c.startsWith("'")) color = STRING;
        else if (c.matches("-?\\d+(\\.\\d+)?([eE][-+]?\\d+)?")) color = NUMBER;
        else if (c.equals("true") || c.equals("false") || c.equals("null") || c.equals("{}") || c.equals("[]")) color = LITERAL;
        else color = STRING;
        return span(color, core) + Html.escape(trail);
    }
}
