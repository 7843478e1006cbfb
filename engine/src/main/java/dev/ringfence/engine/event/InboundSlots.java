package dev.ringfence.engine.event;

/**
 * Where the inbound ports put an event: claim a slot or fail (no room), fill the slot's entry in place,
 * commit it. The Disruptor ring ({@code Engine}), the synchronous driver ({@code DirectEngine}), one entry
 * decoded or built by hand ({@link InboundEntry}) and test recorders supply the slots; the ports
 * ({@link InboundPorts}) are their only callers. No lambda is captured per call, so publishing allocates nothing.
 */
public abstract class InboundSlots
{
    /** A claimed slot, or a negative number when there is no room (the event is not accepted). */
    protected abstract long claim();

    /** The entry of a claimed slot: the claiming thread owns it until {@link #commit}. */
    protected abstract InboundEvent entry(long slot);

    /** Hands the filled entry on: to the business thread, or whatever this publisher feeds. */
    protected abstract void commit(long slot);

    /** The publish stamp, only for measuring processing latency. */
    protected abstract long nanoTime();

    /** Claims a slot and starts its entry as {@code type} at {@code timeMillis}; null when there is no room. */
    final InboundEvent claimEntry(final InboundEventType type, final long timeMillis)
    {
        final long slot = claim();
        return slot < 0 ? null : entry(slot).start(slot, type, timeMillis);
    }

    /** Stamps and commits an entry {@link #claimEntry} gave; false for none (no room), as the port answers. */
    final boolean publish(final InboundEvent entry)
    {
        if (entry == null)
        {
            return false;
        }
        entry.publishNanos = nanoTime();
        commit(entry.claimedSlot);
        return true;
    }
}
