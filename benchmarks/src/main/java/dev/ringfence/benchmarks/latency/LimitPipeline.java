package dev.ringfence.benchmarks.latency;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;
import com.lmax.disruptor.dsl.ProducerType;
import dev.ringfence.engine.WaitStrategies;

/**
 * What this machine allows for one hop with the engine's layout: a Disruptor ring of the engine's size,
 * producer type and wait strategy, and one consumer thread (like the engine's business thread) that only
 * records the latency from each event's planned send time. No ring entry decoding, no journal, no logic:
 * the floor the engine is measured against, by the same publisher and schedule in the same run.
 */
final class LimitPipeline extends MeasuredPipeline
{
    /** The ring entry: only the planned send time. */
    static final class Slot
    {
        long plannedNanos;
    }

    private final String waitStrategy;
    private final int ringSize;
    private Disruptor<Slot> disruptor;
    private RingBuffer<Slot> ring;
    private volatile long consumerThreadId = -1;

    LimitPipeline(final String waitStrategy, final int ringSize)
    {
        this.waitStrategy = waitStrategy;
        this.ringSize = ringSize;
    }

    @Override
    public String name()
    {
        return "limit";
    }

    @Override
    public void start()
    {
        disruptor = new Disruptor<>(Slot::new, ringSize, runnable -> new Thread(runnable, "ringfence-limit"),
            ProducerType.MULTI, WaitStrategies.fromName(waitStrategy));
        final EventHandler<Slot> handler = this::onEvent;
        disruptor.handleEventsWith(handler);
        ring = disruptor.start();
    }

    private void onEvent(final Slot slot, final long sequence, final boolean endOfBatch)
    {
        final long serviceStart = System.nanoTime();
        if (consumerThreadId < 0)
        {
            consumerThreadId = Thread.currentThread().getId();
        }
        processedOne(slot.plannedNanos, serviceStart);
    }

    @Override
    public void publish(final long index, final long plannedNanos, final long epochMillis)
    {
        long sequence;
        while (true)
        {
            try
            {
                sequence = ring.tryNext();
                break;
            }
            catch (final InsufficientCapacityException full)
            {
                Thread.onSpinWait(); // ring full: back-pressure, as the engine's publisher does
            }
        }
        ring.get(sequence).plannedNanos = plannedNanos;
        ring.publish(sequence);
    }

    @Override
    public long[] threadIds()
    {
        return new long[] {consumerThreadId};
    }

    @Override
    public void close()
    {
        if (disruptor != null)
        {
            disruptor.shutdown();
        }
    }
}
