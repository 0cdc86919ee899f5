package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.ServicePort;

/** podutil.FindPort: resolves a Service port's targetPort (number or container port name) on a pod. */
public final class ServicePorts {
    private ServicePorts() {
    }

    /** The pod's port number for this service port, or -1 when a named port does not exist on the pod. */
    public static int findPort(Pod pod, ServicePort sp) {
        IntOrString target = sp.getTargetPort();
        if (target == null) {
            return sp.getPort();
        }
        if (target.getIntVal() != null) {
            return target.getIntVal();
        }
        String name = target.getStrVal();
        try {
            return Integer.parseInt(name);
        } catch (NumberFormatException e) {
            // a named port
        }
        String protocol = sp.getProtocol() == null ? "TCP" : sp.getProtocol();
        if (pod.getSpec() != null && pod.getSpec().getContainers() != null) {
            for (Container c : pod.getSpec().getContainers()) {
                if (c.getPorts() == null) {
                    continue;
                }
                for (ContainerPort p : c.getPorts()) {
                    String pp = p.getProtocol() == null ? "TCP" : p.getProtocol();
                    if (name.equals(p.getName()) && pp.equals(protocol)) {
                        return p.getContainerPort();
                    }
                }
            }
        }
        return -1;
    }
}
