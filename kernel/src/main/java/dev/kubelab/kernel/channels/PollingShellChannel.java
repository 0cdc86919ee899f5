package dev.kubelab.kernel.channels;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.channels.ShellChannel;
import org.dflib.jjava.jupyter.channels.ShellHandler;
import org.dflib.jjava.jupyter.channels.ShellReplyEnvironment;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.HMACGenerator;
import org.dflib.jjava.jupyter.messages.Message;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.zeromq.ZMQ;

/**
 * A shell/control channel that waits for requests with a blocking poll instead of jjava's poll-then-sleep(50 ms)
 * loop (which adds up to 50 ms to every round trip), and that survives anything a client sends: a message that
 * cannot be read (bad signature, malformed JSON) or a handler that throws is logged and the loop keeps serving.
 */
final class PollingShellChannel extends ShellChannel {
    private static final Logger LOG = LoggerFactory.getLogger(PollingShellChannel.class);
    private static final int POLL_MILLIS = 200;

    private final JupyterConnection connection;
    private final String label;
    private volatile boolean running;
    private Thread loop;

    PollingShellChannel(ZMQ.Context context, HMACGenerator hmac, boolean control, JupyterConnection connection) {
        super(context, hmac, control, connection);
        this.connection = connection;
        this.label = control ? "control" : "shell";
    }

    void bind(KernelConnectionProperties props, int port) {
        super.bind(props.getTransport() + "://" + props.getIp() + ":" + port);
        running = true;
        loop = new Thread(this::serve, "kubelab-" + label);
        loop.start();
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private void serve() {
        ZMQ.Poller poller = ctx.poller(1);
        poller.register(this, ZMQ.Poller.POLLIN);
        try {
            while (running) {
                if (poller.poll(POLL_MILLIS) <= 0) {
                    continue;
                }
                Message<?> message;
                try {
                    message = readMessage();
                } catch (RuntimeException e) {
                    LOG.warn("{}: ignoring a message that cannot be read: {}", label, e.toString());
                    continue;
                }
                ShellHandler handler = connection.getHandler(message.getHeader().getType());
                if (handler == null) {
                    LOG.warn("{}: ignoring unknown message type '{}'", label, message.getHeader().getType().getName());
                    continue;
                }
                ShellReplyEnvironment env = connection.prepareReplyEnv(this, message);
                try {
                    handler.handle(env, message);
                } catch (Throwable e) {
                    LOG.warn("{}: {} failed: {}", label, message.getHeader().getType().getName(), e.toString());
                } finally {
                    try {
                        env.resolveDeferrals();
                    } catch (RuntimeException e) {
                        LOG.warn("{}: could not send reply: {}", label, e.toString());
                    }
                }
                if (env.isMarkedForShutdown()) {
                    running = false;
                    connection.close();
                }
            }
        } finally {
            poller.close();
            close(); // a ZeroMQ socket is closed by the thread that used it
        }
    }

    void stop() {
        running = false;
    }

    @Override
    public void waitUntilClose() {
        Thread t = loop;
        if (t != null && t != Thread.currentThread()) {
            try {
                t.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
