package dev.kubelab.magics.teaching;

/**
 * A minimal SVG writer for the diagrams (%components, %%trace): rectangles, lines, arrows and text, with escaping.
 * Groups carry a data-name attribute so tests (and curious learners) can find each component or lane.
 */
final class Svg {
    private final StringBuilder b = new StringBuilder();
    private final int width;
    private final int height;

    Svg(int width, int height) {
        this.width = width;
        this.height = height;
    }

    void group(String name, Runnable body) {
        b.append("<g data-name=\"").append(Html.escape(name)).append("\">");
        body.run();
        b.append("</g>");
    }

    void rect(int x, int y, int w, int h, int r, String fill, String stroke) {
        b.append(String.format("<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" rx=\"%d\" fill=\"%s\" stroke=\"%s\"/>", x, y, w, h, r, fill, stroke));
    }

    void line(int x1, int y1, int x2, int y2, String stroke) {
        b.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\"/>", x1, y1, x2, y2, stroke));
    }

    void dashed(int x1, int y1, int x2, int y2, String stroke) {
        b.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-dasharray=\"4 4\"/>", x1, y1, x2, y2, stroke));
    }

    void arrow(int x1, int y, int x2, String stroke, boolean dashed) {
        b.append(String.format("<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\" stroke-width=\"1.5\"%s marker-end=\"url(#arrow)\"/>",
                x1, y, x2, y, stroke, dashed ? " stroke-dasharray=\"5 3\"" : ""));
    }

    void text(int x, int y, String s, int size, String weight, String fill) {
        text(x, y, s, size, weight, fill, "start");
    }

    void text(int x, int y, String s, int size, String weight, String fill, String anchor) {
        b.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\" text-anchor=\"%s\">", x, y, size, weight, fill, anchor))
                .append(Html.escape(s)).append("</text>");
    }

    /**
     * A text squeezed into {@code maxWidth} when it would be wider (SVG's textLength): the width is estimated from
     * the character count, generous enough for sans-serif bold.
     */
    void textWithin(int x, int y, String s, int size, String weight, String fill, String anchor, int maxWidth) {
        if (s.length() * size * 0.62 <= maxWidth) {
            text(x, y, s, size, weight, fill, anchor);
            return;
        }
        b.append(String.format("<text x=\"%d\" y=\"%d\" font-size=\"%d\" font-weight=\"%s\" fill=\"%s\" text-anchor=\"%s\""
                        + " textLength=\"%d\" lengthAdjust=\"spacingAndGlyphs\">", x, y, size, weight, fill, anchor, maxWidth))
                .append(Html.escape(s)).append("</text>");
    }

    @Override
    public String toString() {
        return "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"" + width + "\" height=\"" + height + "\" viewBox=\"0 0 " + width + " " + height
                + "\" font-family=\"sans-serif\"><defs><marker id=\"arrow\" viewBox=\"0 0 10 10\" refX=\"9\" refY=\"5\" markerWidth=\"7\""
                + " markerHeight=\"7\" orient=\"auto-start-reverse\"><path d=\"M0,0 L10,5 L0,10 z\" fill=\"#333\"/></marker></defs>"
                + b + "</svg>";
    }
}
