package dev.kubelab.kernel.eval;

/** One JShell snippet of a cell: its source and where it starts in the cell (for error lines and completion). */
final class SourcePiece {
    final String source;
    final int start;
    final boolean complete;

    SourcePiece(String source, int start, boolean complete) {
        this.source = source;
        this.start = start;
        this.complete = complete;
    }

    boolean contains(int cursor, String cell) {
        return cursor >= start && cursor <= start + source.length();
    }
}
