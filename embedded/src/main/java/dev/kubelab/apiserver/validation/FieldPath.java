package dev.kubelab.apiserver.validation;

/**
 * A field path as apimachinery's field.Path prints it: {@code spec.containers[0].ports[1].containerPort},
 * {@code metadata.labels[app]}. Like field.Path it is a parent link plus one segment, printed only when an error
 * needs it: validation builds a path for every field it visits on every write, and nearly all are never printed.
 */
public final class FieldPath {

    public static final FieldPath ROOT = new FieldPath("");

    private final FieldPath parent;     // null for a path given whole
    private final String segment;       // a field name, or "[i]" / "[key]" when subscript
    private final boolean subscript;
    private volatile String path;       // computed on first use (always to the same value)

    private FieldPath(FieldPath parent, String segment, boolean subscript) {
        this.parent = parent;
        this.segment = segment;
        this.subscript = subscript;
    }

    public FieldPath(String path) {
        this(null, path, false);
        this.path = path;
    }

    public static FieldPath of(String... names) {
        FieldPath p = ROOT;
        for (String n : names) p = p.child(n);
        return p;
    }

    public FieldPath child(String name) {
        return new FieldPath(this, name, false);
    }

    public FieldPath child(String... names) {
        FieldPath p = this;
        for (String n : names) p = p.child(n);
        return p;
    }

    public FieldPath index(int i) {
        return new FieldPath(this, "[" + i + "]", true);
    }

    public FieldPath key(String key) {
        return new FieldPath(this, "[" + key + "]", true);
    }

    /** The printed path. */
    public String path() {
        String p = path;
        if (p == null) {
            String base = parent.path();
            p = base.isEmpty() || subscript ? base + segment : base + "." + segment;
            path = p;
        }
        return p;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FieldPath f && f.path().equals(path());
    }

    @Override
    public int hashCode() {
        return path().hashCode();
    }

    @Override
    public String toString() {
        return path();
    }
}
