package dev.parley.client.load.csp;

import io.netty.channel.EventLoop;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Hands items to an event loop in batches: items submitted while a drain is pending share it,
 * so a burst of operations from the scheduler costs the loop one wake-up instead of one each,
 * and their writes end in one flush per connection.
 */
public final class LoopInbox<T> {

    private final EventLoop loop;
    private final Consumer<T> handler;
    private final Queue<T> queue = new ConcurrentLinkedQueue<>();
    private final AtomicBoolean scheduled = new AtomicBoolean();
    private final Runnable drain = this::drain;

    public LoopInbox(EventLoop loop, Consumer<T> handler) {
        this.loop = loop;
        this.handler = handler;
    }

    /** Runs the handler on the loop: now if called there, else with the next drain. Any thread. */
    public void submit(T item) {
        if (loop.inEventLoop()) {
            handler.accept(item);
            return;
        }
        queue.add(item);
        if (!scheduled.get() && scheduled.compareAndSet(false, true)) {
            loop.execute(drain);
        }
    }

    private void drain() {
        scheduled.set(false);
        for (T item; (item = queue.poll()) != null; ) {
            handler.accept(item);
        }
    }
}
