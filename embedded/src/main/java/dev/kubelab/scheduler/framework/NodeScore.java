package dev.kubelab.scheduler.framework;

/** A node's score from one plugin; NormalizeScore rewrites {@code score} in place, as in Go. */
public final class NodeScore {
    public final String name;
    public long score;

    public NodeScore(String name, long score) {
        this.name = name;
        this.score = score;
    }

    @Override
    public String toString() {
        return name + "=" + score;
    }
}
