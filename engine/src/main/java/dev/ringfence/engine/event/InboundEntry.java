package dev.ringfence.engine.event;

import java.util.function.Consumer;

/**
 * Slots of one entry, reused for every event: each event is claimed, filled and committed before the port's
 * call returns, so one is enough. As it stands, an event filled through the ports without a ring: what a
 * journal reader decodes into, the journal gate's gap marker, events built by hand; every publish succeeds
 * and is not measured ({@link InboundEvent#NOT_MEASURED}). Publishers that hand each event on (the synchronous
 * engine, the simulator's wire encoder, test recorders) override {@link #commit}, and {@link #claim} to refuse.
 */
public class InboundEntry extends InboundSlots
{
    private final InboundEvent event;
    private final InboundPorts ports = new InboundPorts(this);

    public InboundEntry()
    {
        this(new InboundEvent());
    }

    /** Ports that fill {@code event}. */
    public InboundEntry(final InboundEvent event)
    {
        this.event = event;
    }

    /** One event built through the ports (allocates: for tests). */
    public static InboundEvent of(final Consumer<InboundPorts> publish)
    {
        final InboundEntry entry = new InboundEntry();
        publish.accept(entry.ports());
        return entry.event();
    }

    /** The one entry: the last event published, once its call has returned. */
    public final InboundEvent event()
    {
        return event;
    }

    /** The ports that fill this entry. */
    public final InboundPorts ports()
    {
        return ports;
    }

    @Override
    protected long claim()
    {
        return 0;
    }

    @Override
    protected final InboundEvent entry(final long slot)
    {
        return event;
    }

    @Override
    protected void commit(final long slot)
    {
    }

    @Override
    protected long nanoTime()
    {
        return InboundEvent.NOT_MEASURED;
    }
}
