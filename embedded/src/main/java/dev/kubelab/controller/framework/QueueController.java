package dev.kubelab.controller.framework;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The usual shape of a kube-controller-manager controller: informer event handlers enqueue keys, N worker
 * threads pop keys and call {@link #sync(String)}; failed keys are retried with rate-limited back-off up to
 * {@link #maxRetries()} times (controllers' {@code handleErr}).
 */
public abstract class QueueController implements Controller {
    protected final Logger log = LoggerFactory.getLogger(getClass());
    protected final ControllerContext ctx;
    protected final String name;
    private final int workers;
    private final List<Registration<?>> registrations = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();
    protected volatile WorkQueue queue;
    private volatile boolean running;

    protected QueueController(String name, ControllerContext ctx, int workers) {
        this.name = name;
        this.ctx = ctx;
        this.workers = workers;
    }

    @Override
    public String name() {
        return name;
    }

    /** Registers event handlers via {@link #watch}; called by {@link #start()} before the workers start. */
    protected abstract void registerHandlers();

    /** Reconciles one object; throwing requeues the key with back-off. */
    protected abstract void sync(String key) throws Exception;

    protected int maxRetries() {
        return 15;
    }

    protected <T extends HasMetadata> SharedIndexInformer<T> informer(Class<T> type) {
        return ctx.informers().informer(type);
    }

    protected <T extends HasMetadata> void watch(Class<T> type, ResourceEventHandler<T> handler) {
        SharedIndexInformer<T> inf = informer(type);
        inf.addEventHandler(handler);
        registrations.add(new Registration<>(inf, handler));
    }

    /** Convenience: the same callback for add/update/delete of a type. */
    protected <T extends HasMetadata> void watchAll(Class<T> type, Consumer<T> onChange) {
        watch(type, new ResourceEventHandler<>() {
            @Override
            public void onAdd(T obj) {
                onChange.accept(obj);
            }

            @Override
            public void onUpdate(T oldObj, T newObj) {
                onChange.accept(newObj);
            }

            @Override
            public void onDelete(T obj, boolean deletedFinalStateUnknown) {
                onChange.accept(obj);
            }
        });
    }

    public void enqueue(HasMetadata obj) {
        enqueue(Keys.of(obj));
    }

    public void enqueue(String key) {
        WorkQueue q = queue;
        if (q != null) {
            q.add(key);
        }
    }

    protected void enqueueAfter(String key, Duration delay) {
        WorkQueue q = queue;
        if (q != null) {
            q.addAfter(key, delay);
        }
    }

    @Override
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        queue = new WorkQueue(name, RateLimiter.defaultControllerRateLimiter());
        registerHandlers();
        ctx.informers().start();
        ctx.informers().waitForSync(Duration.ofSeconds(60));
        for (int i = 0; i < workers; i++) {
            Thread t = new Thread(this::work, name + "-controller-worker-" + i);
            t.setDaemon(true);
            t.start();
            threads.add(t);
        }
        onStarted();
    }

    /** Hook for periodic loops (e.g. CronJob's 10 s check); runs after workers started. */
    protected void onStarted() {
    }

    /** Hook to stop periodic loops. */
    protected void onStopping() {
    }

    private void work() {
        WorkQueue q = queue;
        while (true) {
            String key;
            try {
                key = q.get();
            } catch (InterruptedException e) {
                return;
            }
            if (key == null) {
                return;
            }
            try {
                sync(key);
                q.forget(key);
            } catch (Exception e) {
                if (!running) {
                    return;
                }
                if (q.numRequeues(key) < maxRetries()) {
                    log.debug("{}: error syncing {}, retrying: {}", name, key, describe(e));
                    q.addRateLimited(key);
                } else {
                    log.info("{}: dropping {} out of the queue: {}", name, key, describe(e));
                    q.forget(key);
                }
            } finally {
                q.done(key);
            }
        }
    }

    private static String describe(Exception e) {
        return e instanceof KubernetesClientException k ? k.getCode() + " " + k.getMessage() : e.toString();
    }

    @Override
    public synchronized void stop() {
        if (!running) {
            return;
        }
        running = false;
        onStopping();
        queue.shutDown();
        for (Registration<?> r : registrations) {
            r.remove();
        }
        registrations.clear();
        for (Thread t : threads) {
            try {
                t.join(2000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        threads.clear();
    }

    protected boolean isRunning() {
        return running;
    }

    private record Registration<T>(SharedIndexInformer<T> informer, ResourceEventHandler<T> handler) {
        void remove() {
            informer.removeEventHandler(handler);
        }
    }
}
