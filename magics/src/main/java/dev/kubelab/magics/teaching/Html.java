package dev.kubelab.magics.teaching;

import java.util.List;

/** Small HTML helpers shared by the teaching magics (escaping and plain tables with a text twin). */
public final class Html {
    private Html() {
    }

    public static String escape(String s) {
        if (s == null) return "";
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** An HTML table; cells are escaped. */
    public static String table(List<String> headers, List<List<String>> rows) {
        StringBuilder b = new StringBuilder("<table class=\"kubelab\" style=\"border-collapse:collapse;font-family:monospace\"><thead><tr>");
        for (String h : headers) b.append("<th style=\"text-align:left;padding:2px 8px\">").append(escape(h)).append("</th>");
        b.append("</tr></thead><tbody>");
        for (List<String> r : rows) {
            b.append("<tr>");
            for (String c : r) b.append("<td style=\"padding:2px 8px\">").append(escape(c)).append("</td>");
            b.append("</tr>");
        }
        return b.append("</tbody></table>").toString();
    }

    /** The same table as aligned plain text (kubectl's column style: two spaces between columns). */
    public static String textTable(List<String> headers, List<List<String>> rows) {
        int[] w = new int[headers.size()];
        for (int i = 0; i < w.length; i++) w[i] = headers.get(i).length();
        for (List<String> r : rows) for (int i = 0; i < w.length && i < r.size(); i++) w[i] = Math.max(w[i], r.get(i).length());
        StringBuilder b = new StringBuilder();
        appendRow(b, headers, w);
        for (List<String> r : rows) appendRow(b, r, w);
        return b.toString();
    }

    private static void appendRow(StringBuilder b, List<String> cells, int[] w) {
        StringBuilder line = new StringBuilder();
        for (int i = 0; i < w.length; i++) {
            String c = i < cells.size() ? cells.get(i) : "";
            line.append(c);
            if (i < w.length - 1) line.append(" ".repeat(w[i] - c.length() + 3));
        }
        b.append(line.toString().stripTrailing()).append('\n');
    }
}
