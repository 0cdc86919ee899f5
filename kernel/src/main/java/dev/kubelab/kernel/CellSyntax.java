package dev.kubelab.kernel;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How a cell is read: a cell whose first non-blank line is {@code %%name args} is a cell magic with the rest as
 * body; otherwise every line that starts with {@code %name} is a line magic and the lines between them are Java,
 * run in order. (A Java line starting with a modulo operator, {@code % x}, must be written on the previous line.)
 */
final class CellSyntax {
    private static final Pattern LINE_MAGIC = Pattern.compile("^\\s*%([A-Za-z][\\w.-]*)(.*)$");
    private static final Pattern CELL_MAGIC = Pattern.compile("^\\s*%%([A-Za-z][\\w.-]*)(.*)$");

    private CellSyntax() {
    }

    /** A run of Java lines or one magic. */
    static final class Segment {
        final boolean magic;
        final boolean cellMagic;
        final String name;
        final String args;
        final String text;
        final int start;
        final int firstLine;

        private Segment(boolean magic, boolean cellMagic, String name, String args, String text, int start, int firstLine) {
            this.magic = magic;
            this.cellMagic = cellMagic;
            this.name = name;
            this.args = args;
            this.text = text;
            this.start = start;
            this.firstLine = firstLine;
        }

        /** Java source, or the body of a cell magic. */
        String text() {
            return text;
        }
    }

    static List<Segment> segments(String code) {
        List<Segment> out = new ArrayList<>();
        String[] lines = code.split("\n", -1);
        int firstContent = 0;
        while (firstContent < lines.length && lines[firstContent].isBlank()) {
            firstContent++;
        }
        if (firstContent < lines.length) {
            Matcher cell = CELL_MAGIC.matcher(lines[firstContent]);
            if (cell.matches()) {
                int bodyStart = 0;
                for (int i = 0; i <= firstContent; i++) {
                    bodyStart += lines[i].length() + 1;
                }
                String body = bodyStart >= code.length() ? "" : code.substring(bodyStart);
                out.add(new Segment(true, true, cell.group(1), cell.group(2).strip(), body, Math.min(bodyStart, code.length()), firstContent + 1));
                return out;
            }
        }
        StringBuilder java = new StringBuilder();
        int javaStart = 0;
        int javaLine = 0;
        int offset = 0;
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i];
            Matcher m = LINE_MAGIC.matcher(line);
            if (m.matches() && !line.strip().startsWith("%%")) {
                addJava(out, java, javaStart, javaLine);
                out.add(new Segment(true, false, m.group(1), m.group(2).strip(), "", offset, i));
                java.setLength(0);
                javaStart = offset + line.length() + 1;
                javaLine = i + 1;
            } else {
                java.append(line);
                if (i < lines.length - 1) {
                    java.append('\n');
                }
            }
            offset += line.length() + 1;
        }
        addJava(out, java, javaStart, javaLine);
        return out;
    }

    private static void addJava(List<Segment> out, StringBuilder java, int start, int line) {
        if (!java.toString().isBlank()) {
            out.add(new Segment(false, false, null, null, java.toString(), start, line));
        }
    }

    /** The segment containing {@code cursor} (or the last one before it). */
    static Segment at(List<Segment> segments, int cursor) {
        Segment found = null;
        for (Segment s : segments) {
            if (s.start <= cursor) {
                found = s;
            }
        }
        return found;
    }
}
