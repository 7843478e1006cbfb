package dev.ringfence.engine.logic;

import dev.ringfence.engine.event.InboundEvent;

/**
 * Whether the inputs the business logic acts on are journaled: an event the journal gate could not record
 * carries a flag ({@code JOURNAL_FAILED} while it does, {@code JOURNAL_RECOVERED} when it no longer does), and
 * inputs processed but not journaled open a gap ({@code JOURNAL_GAP}) that a rebuild from the journal would
 * miss. Both deny entries through the {@link EntryGate}; guarding and flattening go on. Owned by the business
 * thread.
 */
final class JournalHealth
{
    private final LifecycleEmitter emitter;
    private final EntryGate gate;
    /** The journal gate could not record the latest event. */
    private boolean journalFailed;
    /** Inputs processed not journaled since the journal last wrote: what a rebuild from it would miss. */
    private int notJournaledInputs;

    JournalHealth(final LifecycleEmitter emitter, final EntryGate gate)
    {
        this.emitter = emitter;
        this.gate = gate;
    }

    /** Every event, before it is handled: its journal flag, one lifecycle event per change. */
    void onEvent(final long now, final InboundEvent event)
    {
        if (event.notJournaled() != journalFailed)
        {
            onHealth(now, event.notJournaled());
        }
        if (event.notJournaled() && notJournaledInputs < Integer.MAX_VALUE)
        {
            notJournaledInputs++;
        }
    }

    /**
     * The journal gate could not record this event, or records again after failing. Only live events can
     * carry the flag (a replay reads journaled events only), so the decisions a replay reproduces never
     * depend on it. While failed: entries are denied, guarding and flattening go on; one event per change.
     */
    private void onHealth(final long now, final boolean failed)
    {
        journalFailed = failed;
        gate.journalFailed(failed);
        if (failed)
        {
            emitter.journalFailed(now, "INBOUND_NOT_JOURNALED",
                "an input could not be journaled; new entries are denied until the journal writes again");
        }
        else
        {
            emitter.journalRecovered(now, "INBOUND_JOURNALED",
                "the journal writes again; entries stay denied (JOURNAL_GAP) until an operator re-arms");
        }
        if (!failed)
        {
            // The gate wrote a JOURNAL_GAP marker just before this event: a replay takes the same step there.
            final int lost = notJournaledInputs;
            notJournaledInputs = 0;
            onGap(now, lost);
        }
    }

    /**
     * Inputs were processed but not journaled (live: the journal wrote again; replay: the gate's marker).
     * A rebuild from this journal misses them (a trip, a halt, a peak, a refused signal id), so the state
     * may be less safe than the one the engine had: entries are denied until an operator re-arms, with one
     * ERROR per gap. Guarding and flattening go on.
     */
    void onGap(final long now, final int lost)
    {
        if (gate.isJournalGap())
        {
            return;
        }
        gate.journalGap(true);
        emitter.error(now, "JOURNAL_GAP", (lost > 0 ? lost + " inputs were" : "an unknown number of inputs (the run stopped during the outage) were") +
            " not journaled; entries stay denied until an operator re-arms");
    }
}
