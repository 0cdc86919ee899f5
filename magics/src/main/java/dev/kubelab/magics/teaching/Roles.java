package dev.kubelab.magics.teaching;

import dev.kubelab.cluster.Component;
import dev.kubelab.cluster.Text;

/** One-line roles of the components, as the curriculum teaches them. */
final class Roles {
    private Roles() {
    }

    static Text of(Component c) {
        return switch (c) {
            case ETCD -> Text.of("key-value store holding all cluster state", "클러스터의 모든 상태를 저장하는 키-값 저장소");
            case KUBE_APISERVER -> Text.of("front end: authn, authz, admission, storage", "프런트엔드: 인증·인가·어드미션·저장");
            case KUBE_SCHEDULER -> Text.of("picks a node for each unscheduled pod", "스케줄되지 않은 파드에 노드를 배정");
            case KUBE_CONTROLLER_MANAGER -> Text.of("control loops: desired → actual state", "컨트롤 루프: 원하는 상태 → 실제 상태");
            case KUBELET -> Text.of("node agent: runs the node's pods", "노드 에이전트: 노드의 파드를 실행");
            case KUBE_PROXY -> Text.of("programs Service rules on the node", "노드에 서비스 규칙을 설정");
        };
    }
}
