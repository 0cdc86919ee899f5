package dev.kubelab.cluster;

import java.util.ArrayList;
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

    /**
     * A provider whose control plane is described by {@code controlPlane} and whose nodes are kubelab's simulated
     * ones (kubelet and kube-proxy through the API, no container runtime), as on the embedded and binaries providers.
     */
    public static Realism withSimulatedNodes(ProviderName provider, Text summary, Aspect... controlPlane) {
        List<Aspect> aspects = new ArrayList<>(List.of(controlPlane));
        aspects.add(simulated("kubelet", "kubelab's simulated kubelet: pod status through the API, no container runs",
                "kubelab의 시뮬레이션 kubelet: API로 파드 상태만 갱신, 컨테이너는 실행되지 않음"));
        aspects.add(simulated("kube-proxy", "kubelab's simulated kube-proxy: computes iptables rules, programs none",
                "kubelab의 시뮬레이션 kube-proxy: iptables 규칙을 계산만 하고 적용하지 않음"));
        aspects.add(absent("containers", "no container runtime: no container process ever runs",
                "컨테이너 런타임 없음: 컨테이너 프로세스는 실행되지 않음"));
        return new Realism(provider, summary, List.copyOf(aspects));
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
