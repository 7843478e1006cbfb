package dev.ringfence.journal;

import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.InboundEventType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.function.Consumer;

/**
 * Rebuilds the business logic's state from a journal: every recorded inbound event is fed through it,
 * in order, while its outputs are silenced (see {@link OutputJournal}). Afterwards the engine goes live
 * and reconciles with the terminal. Damaged and incomplete entries are collected for the operator.
 */
public final class Recovery
{
    private long eventsReplayed;
    private long lastEventTimeMillis;
    private String lastConfig;
    private final List<String> problems = new ArrayList<>();

    private Recovery()
    {
    }

    /** Replays {@code journal}'s inbound events into {@code logic} (normally {@code BusinessLogic::onEvent}). */
    public static Recovery replay(final Journal journal, final Consumer<InboundEvent> logic)
    {
        final Recovery recovery = new Recovery();
        final JournalReader reader = journal.reader();
        for (final String incomplete : reader.incompleteEntries())
        {
            recovery.problems.add(incomplete);
        }
        reader.readInbound(new JournalReader.InboundVisitor()
        {
            @Override
            public void onEvent(final long index, final InboundEvent event)
            {
                recovery.eventsReplayed++;
                recovery.lastEventTimeMillis = Math.max(recovery.lastEventTimeMillis, event.timeMillis());
                if (event.type() == InboundEventType.CONFIG)
                {
                    recovery.lastConfig = event.configText();
                }
                logic.accept(event);
            }

            @Override
            public void onDamaged(final long index, final String problem)
            {
                recovery.problems.add("inbound entry " + Long.toHexString(index) + ": " + problem + " (not replayed)");
            }
        });
        return recovery;
    }

    public long eventsReplayed()
    {
        return eventsReplayed;
    }

    /** Event time of the newest replayed event; 0 for an empty journal. */
    public long lastEventTimeMillis()
    {
        return lastEventTimeMillis;
    }

    /** The configuration the journal last recorded, or null. */
    public String lastConfig()
    {
        return lastConfig;
    }

    /** Damaged or incomplete entries found, each described for the operator. */
    public List<String> problems()
    {
        return Collections.unmodifiableList(problems);
    }
}
