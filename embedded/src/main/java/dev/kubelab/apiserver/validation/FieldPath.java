package dev.kubelab.apiserver.validation;

/**
 * A field path as apimachinery's field.Path prints it: {@code spec.containers[0].ports[1].containerPort},
 * {@code metadata.labels[app]}.
 */
public record FieldPath(String path) {

    public static final FieldPath ROOT = new FieldPath("");

    public static FieldPath of(String... names) {
        FieldPath p = ROOT;
        for (String n : names) p = p.child(n);
        return p;
    }

    public FieldPath child(String name) {
        return new FieldPath(path.isEmpty() ? name : path + "." + name);
    }

    public FieldPath child(String... names) {
        FieldPath p = this;
        for (String n : names) p = p.child(n);
        return p;
    }

    public FieldPath index(int i) {
        return new FieldPath(path + "[" + i + "]");
    }

    public FieldPath key(String key) {
        return new FieldPath(path + "[" + key + "]");
    }

    @Override
    public String toString() {
        return path;
    }
}
