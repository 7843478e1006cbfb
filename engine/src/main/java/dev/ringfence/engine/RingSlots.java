package dev.ringfence.engine;

import com.lmax.disruptor.InsufficientCapacityException;
import com.lmax.disruptor.RingBuffer;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundSlots;
import org.agrona.concurrent.NanoClock;

/** Publishing into the ring: claim a slot without blocking, fill it in place, publish it. */
final class RingSlots extends InboundSlots
{
    private final RingBuffer<InboundEvent> ring;
    private final NanoClock stamps;

    RingSlots(final RingBuffer<InboundEvent> ring, final NanoClock stamps)
    {
        this.ring = ring;
        this.stamps = stamps;
    }

    @Override
    protected long claim()
    {
        try
        {
            return ring.tryNext();
        }
        catch (final InsufficientCapacityException ex)
        {
            return -1;
        }
    }

    @Override
    protected InboundEvent entry(final long slot)
    {
        return ring.get(slot);
    }

    @Override
    protected void commit(final long slot)
    {
        ring.publish(slot);
    }

    @Override
    protected long nanoTime()
    {
        return stamps.nanoTime();
    }
}
