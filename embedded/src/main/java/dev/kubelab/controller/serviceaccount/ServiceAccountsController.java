package dev.kubelab.controller.serviceaccount;

import dev.kubelab.controller.framework.ApiErrors;
import dev.kubelab.controller.framework.ControllerContext;
import dev.kubelab.controller.framework.Keys;
import dev.kubelab.controller.framework.QueueController;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.ServiceAccountBuilder;

/** kube-controller-manager's serviceaccount controller: every active namespace has a {@code default} ServiceAccount. */
public final class ServiceAccountsController extends QueueController {
    static final String DEFAULT = "default";

    public ServiceAccountsController(ControllerContext ctx) {
        super("serviceaccount", ctx, ctx.intFlag("concurrent-serviceaccount-token-syncs", 1));
    }

    @Override
    protected void registerHandlers() {
        watchAll(Namespace.class, ns -> enqueue(ns.getMetadata().getName()));
        watchAll(ServiceAccount.class, sa -> {
            if (DEFAULT.equals(sa.getMetadata().getName())) {
                enqueue(sa.getMetadata().getNamespace());
            }
        });
    }

    @Override
    protected void sync(String namespace) {
        Namespace ns = ctx.informers().get(Namespace.class, namespace);
        if (ns == null || ns.getMetadata().getDeletionTimestamp() != null
                || ns.getStatus() != null && "Terminating".equals(ns.getStatus().getPhase())) {
            return;
        }
        if (ctx.informers().get(ServiceAccount.class, Keys.of(namespace, DEFAULT)) != null) {
            return;
        }
        try {
            ctx.client().serviceAccounts().inNamespace(namespace).resource(new ServiceAccountBuilder()
                    .withNewMetadata().withName(DEFAULT).withNamespace(namespace).endMetadata().build()).create();
        } catch (RuntimeException e) {
            if (!ApiErrors.isAlreadyExists(e) && !String.valueOf(ApiErrors.message(e)).contains("being terminated")) {
                throw e;
            }
        }
    }
}
