package dev.kubelab.cluster;

import java.util.List;

/**
 * What is real and what is simulated on a provider — printed by the notebooks so that learners know what
 * they are looking at (e.g. "etcd: real etcd 3.5 process" / "kubelet: simulated, no container runs").
 *
 * @param provider the provider this describes
 * @param summary  one sentence
 * @param aspects  one entry per part of the cluster
 */
public record Realism(ProviderName provider, Text summary, List<Aspect> aspects) {
    public enum Fidelity { REAL, SIMULATED, ABSENT }

    /**
     * @param subject  the part ("etcd", "kube-apiserver", "containers", "networking")
     * @param fidelity real, simulated, or absent
     * @param how      what stands behind it, for learners
     */
    public record Aspect(String subject, Fidelity fidelity, Text how) {
    }

    public static Aspect real(String subject, String en, String ko) {
        return new Aspect(subject, Fidelity.REAL, Text.of(en, ko));
    }

    public static Aspect simulated(String subject, String en, String ko) {
        return new Aspect(subject, Fidelity.SIMULATED, Text.of(en, ko));
    }

    public static Aspect absent(String subject, String en, String ko) {
        return new Aspect(subject, Fidelity.ABSENT, Text.of(en, ko));
    }

    /** Plain text, one aspect per line: {@code  real       etcd            the real etcd binary, …}. */
    public String render(String lang) {
        boolean ko = "ko".equals(Text.of("en", "ko").in(lang));
        StringBuilder b = new StringBuilder(summary.in(lang)).append('\n');
        int width = aspects.stream().mapToInt(a -> a.subject().length()).max().orElse(0);
        for (Aspect a : aspects) {
            String label = switch (a.fidelity()) {
                case REAL -> ko ? "실제" : "real";
                case SIMULATED -> ko ? "시뮬레이션" : "simulated";
                case ABSENT -> ko ? "없음" : "absent";
            };
            b.append(String.format("  %-10s %-" + width + "s  %s%n", label, a.subject(), a.how().in(lang)));
        }
        return b.toString();
    }
}
