package dev.ringfence.engine.event;

/**
 * Approved signals from upstream: the port of the HTTP signal ingress and the demo signal source, which can
 * publish nothing else through it. Returns {@code false}, without blocking, when the signal was not accepted (the ring is full).
 */
public final class Signals
{
    private final InboundSlots slots;

    public Signals(final InboundSlots slots)
    {
        this.slots = slots;
    }

    /**
     * {@code ttlMillis}: time to live from the source time, 0 for the default maximum age; {@code sourceTimeMillis}:
     * when upstream created the signal, 0 when unknown (the event time is used). A {@code symbolId} of {@code -1}
     * is a symbol the engine does not trade.
     */
    public boolean signal(
        final long timeMillis,
        final String signalId,
        final int symbolId,
        final Side side,
        final double volume,
        final double stopLoss,
        final double takeProfit,
        final long ttlMillis,
        final long sourceTimeMillis)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.SIGNAL, timeMillis);
        if (e != null)
        {
            e.signalId = signalId;
            e.symbolId = symbolId;
            e.side(side);
            e.volume = volume;
            e.stopLoss = stopLoss;
            e.takeProfit = takeProfit;
            e.ttlMillis = ttlMillis;
            e.sourceTimeMillis = sourceTimeMillis;
        }
        return slots.publish(e);
    }
}
