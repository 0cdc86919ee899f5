package dev.kubelab.cluster;

/** The outcome of a command run where a component lives (etcdctl, kubeadm): exit code and output. */
public record ExecResult(int exitCode, String stdout, String stderr) {
    public boolean ok() {
        return exitCode == 0;
    }

    /** stdout, or a ClusterException carrying the first line of stderr if the command failed. */
    public String stdoutOrThrow(String what) {
        if (ok()) return stdout;
        String err = stderr.isBlank() ? stdout : stderr;
        throw new ClusterException(what + " failed (exit " + exitCode + "): " + err.strip().lines().findFirst().orElse(""));
    }
}
