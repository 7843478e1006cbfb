package dev.ringfence.engine.event;

/**
 * Time passes: the port of the engine's timer, its only source of passing time (heartbeats, retries, timeouts,
 * staleness, day boundaries). Returns {@code false}, without blocking, when the ring is full; the next tick
 * carries the time forward.
 */
public final class TimerTicks
{
    private final InboundSlots slots;

    public TimerTicks(final InboundSlots slots)
    {
        this.slots = slots;
    }

    public boolean timer(final long timeMillis)
    {
        return slots.publish(slots.claimEntry(InboundEventType.TIMER, timeMillis));
    }
}
