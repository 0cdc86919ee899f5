package dev.kubelab.kernel.eval;

import java.util.List;

/**
 * A failed cell as the user sees it: error name, one-line value and the traceback lines (already formatted, without
 * kernel frames). Thrown by the evaluator and the magic runner; the kernel publishes it as an error message.
 */
public class CellError extends RuntimeException {
    private final String name;
    private final List<String> traceback;

    public CellError(String name, String value, List<String> traceback) {
        super(value, null, false, false);
        this.name = name;
        this.traceback = List.copyOf(traceback);
    }

    public String errorName() {
        return name;
    }

    public String errorValue() {
        return getMessage();
    }

    public List<String> traceback() {
        return traceback;
    }
}
