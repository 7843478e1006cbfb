package dev.ringfence.engine.event;

/**
 * The engine's own inputs, journaled like any other so a replay decides as the live engine did: the
 * configuration published at each start, and the gaps in its journal. The port of the process that starts the
 * engine and of the journal gate. Returns {@code false}, without blocking, when the ring is full.
 */
public final class EngineInputs
{
    private final InboundSlots slots;

    public EngineInputs(final InboundSlots slots)
    {
        this.slots = slots;
    }

    /** The configuration in force, as {@code EngineConfig.describe()} text; published once per start. */
    public boolean config(final long timeMillis, final String configText)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.CONFIG, timeMillis);
        if (e != null)
        {
            e.configText = configText;
        }
        return slots.publish(e);
    }

    /**
     * Inputs were processed that the journal does not hold ({@code lost} of them, 0 when unknown). The journal
     * gate's marker, timed as the first input journaled again so a replay's clock moves as the live one did; and
     * published at start when the last run stopped during a journal outage. A replay denies entries at the same
     * place as the live engine.
     */
    public boolean journalGap(final long timeMillis, final int lost)
    {
        final InboundEvent e = slots.claimEntry(InboundEventType.JOURNAL_GAP, timeMillis);
        if (e != null)
        {
            e.count = lost;
        }
        return slots.publish(e);
    }
}
