package dev.kubelab.kernel.channels;

import org.dflib.jjava.jupyter.channels.JupyterConnection;
import org.dflib.jjava.jupyter.kernel.KernelConnectionProperties;
import org.dflib.jjava.jupyter.messages.Message;
import org.dflib.jjava.jupyter.messages.publish.PublishStatus;
import org.zeromq.ZMQ;

import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.concurrent.CountDownLatch;

/**
 * jjava's connection with our {@link PollingShellChannel}s for shell and control (heartbeat, stdin and iopub are
 * jjava's). jjava creates its own shell/control sockets in its constructor; they are never bound and are closed
 * with the connection.
 */
public final class KernelConnection extends JupyterConnection {
    private final KernelConnectionProperties props;
    private final ZMQ.Context context = ZMQ.context(1);
    private final PollingShellChannel shellChannel;
    private final PollingShellChannel controlChannel;
    private final CountDownLatch closed = new CountDownLatch(1);

    public KernelConnection(KernelConnectionProperties props) throws NoSuchAlgorithmException, InvalidKeyException {
        super(props);
        this.props = props;
        this.shellChannel = new PollingShellChannel(context, props.createHMACGenerator(), false, this);
        this.controlChannel = new PollingShellChannel(context, props.createHMACGenerator(), true, this);
    }

    @Override
    public void connect() {
        heartbeat.bind(props);
        shellChannel.bind(props, props.getShellPort());
        controlChannel.bind(props, props.getControlPort());
        stdin.bind(props);
        iopub.bind(props);
        iopub.sendMessage(new Message<>(null, PublishStatus.MESSAGE_TYPE, PublishStatus.STARTING));
    }

    /** Asks both request loops to stop; the process exits once the main thread sees {@link #awaitClose()} return. */
    @Override
    public void close() {
        shellChannel.stop();
        controlChannel.stop();
        closed.countDown();
    }

    /** Blocks until a shutdown_request (or {@link #close()}). */
    public void awaitClose() throws InterruptedException {
        closed.await();
    }

    /** Closes every socket, giving queued messages (the shutdown_reply) up to {@code millis} to leave. */
    public void release(long millis) {
        shellChannel.waitUntilClose();
        controlChannel.waitUntilClose();
        Thread closer = new Thread(() -> {
            super.close();
            context.close();
        }, "kubelab-connection-close");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void waitUntilClose() {
        try {
            awaitClose();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
