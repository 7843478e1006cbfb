package dev.ringfence.tools.run;

import com.lmax.disruptor.BlockingWaitStrategy;
import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.ringfence.engine.RingDrain;
import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEvents;

import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Hands lifecycle events from the business thread to consumers on another thread (console, JSON file),
 * through a single-producer ring of pre-allocated copies. The business thread never waits: when the ring
 * is full the event is counted in {@link #dropped()} instead, and the count is reported at the end.
 */
public final class LifecycleOutbound implements LifecycleEvents, AutoCloseable
{
    private final Disruptor<LifecycleEvent> disruptor;
    private final RingBuffer<LifecycleEvent> ring;
    private final EventHandler<LifecycleEvent> handler;
    private volatile long dropped;

    public LifecycleOutbound(final int size, final List<Consumer<LifecycleEvent>> consumers)
    {
        disruptor = new Disruptor<>(
            LifecycleEvent::new,
            size,
            runnable -> new Thread(runnable, "ringfence-lifecycle"),
            ProducerType.SINGLE,
            new BlockingWaitStrategy());
        handler = (event, sequence, endOfBatch) ->
        {
            for (final Consumer<LifecycleEvent> consumer : consumers)
            {
                consumer.accept(event);
            }
        };
        disruptor.handleEventsWith(handler);
        ring = disruptor.start();
    }

    @Override
    public void onLifecycleEvent(final LifecycleEvent event)
    {
        final long sequence;
        try
        {
            sequence = ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            dropped++; // single writer: the business thread
            return;
        }
        try
        {
            ring.get(sequence).copyFrom(event);
        }
        finally
        {
            ring.publish(sequence);
        }
    }

    public long dropped()
    {
        return dropped;
    }

    @Override
    public void close()
    {
        // Not disruptor.shutdown(): it would drop the events of a consumer thread that has not started yet.
        RingDrain.drainThenHalt(disruptor, handler, 5, TimeUnit.SECONDS);
    }
}
