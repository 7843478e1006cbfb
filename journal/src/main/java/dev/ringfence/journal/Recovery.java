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
    private long accountLogin;
    private final List<String> problems = new ArrayList<>();
    private final List<String> damage = new ArrayList<>();

    private Recovery()
    {
    }

    /**
     * Replays {@code journal}'s inbound events into {@code logic} (normally {@code Engine::replay}, which applies the live failure policy).
     * When the journal cannot be read to its end ({@link #isDamaged()}), the state {@code logic} was given
     * is not the state the journal recorded, and may be less safe (a latch or a peak lost): the caller must
     * not go live with it. Structural damage is found before any event is replayed.
     */
    public static Recovery replay(final Journal journal, final Consumer<InboundEvent> logic)
    {
        final Recovery recovery = new Recovery();
        final JournalIntegrity integrity = JournalIntegrity.check(journal.directory());
        recovery.problems.addAll(integrity.warnings());
        if (integrity.isDamaged())
        {
            recovery.damage.addAll(integrity.damage());
            return recovery;
        }
        final long[] read = {0};
        try
        {
            read[0] = journal.reader().readInbound(new JournalReader.InboundVisitor()
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
                    else if (event.type() == InboundEventType.ACCOUNT && recovery.accountLogin == 0 && event.login() != 0)
                    {
                        recovery.accountLogin = event.login();
                    }
                    logic.accept(event);
                }

                @Override
                public void onDamaged(final long index, final String problem)
                {
                    recovery.damage.add("inbound entry " + Long.toHexString(index) + ": " + problem);
                }
            });
        }
        catch (final Exception | InternalError ex)
        {
            // Chronicle gives up on a file it cannot follow with an exception (checked ones rethrown unchecked,
            // StreamCorruptedException for one) or an InternalError.
            recovery.damage.add("reading the inbound queue failed after " + read[0] + " entries: " + JournalHealth.describe(ex));
            return recovery;
        }
        if (read[0] != integrity.inboundEntries())
        {
            recovery.damage.add("the inbound queue files hold " + integrity.inboundEntries() + " entries but only " + read[0] +
                " could be read in order");
        }
        return recovery;
    }

    /** True when the journal could not be read to its end: its recorded state is not what was replayed. */
    public boolean isDamaged()
    {
        return !damage.isEmpty();
    }

    /** What is damaged, each described for the operator; empty when the whole journal was replayed. */
    public List<String> damage()
    {
        return Collections.unmodifiableList(damage);
    }

    /** The first account login the journal recorded, or 0 when it recorded none. */
    public long accountLogin()
    {
        return accountLogin;
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

    /** Incomplete last entries found (a crash mid-write: nothing the business logic saw), for the operator. */
    public List<String> problems()
    {
        return Collections.unmodifiableList(problems);
    }
}
