package dev.ringfence.journal;

import dev.ringfence.engine.event.LifecycleEvent;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import net.openhft.chronicle.queue.ChronicleQueue;
import net.openhft.chronicle.queue.ExcerptAppender;
import org.agrona.DirectBuffer;

import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * Sits between the business logic and its outbound ports: appends every lifecycle event and order
 * command to the output journal, then passes it on (a command's bytes as the business thread encoded
 * them, to the journal and onwards alike). While the engine recovers from its journal it is silent
 * (nothing appended twice, no command sent again) until {@link #goLive()}.
 *
 * <p>Used only on the business thread (its appender is that thread's).
 */
public final class OutputJournal implements LifecycleEvents, OrderCommands
{
    private final ChronicleQueue queue;
    private final LifecycleEvents lifecycle;
    private final OrderCommands commands;
    private LongSupplier now;
    private ExcerptAppender appender;
    /** The command being journaled, a view of the sender's bytes: written on the business thread only. */
    private final JournalCommand staged = new JournalCommand();
    private boolean live;
    /** Outputs the journal already held when opened; see {@link #onLifecycleEvent}. */
    private final long recorded;
    private long reproduced;
    private volatile long writeFailures;
    private volatile Throwable lastWriteFailure;
    private final JournalFaults faults;
    private final FreeSpace freeSpace;
    private final Consumer<String> health;
    private boolean failing;

    OutputJournal(
        final ChronicleQueue queue,
        final LifecycleEvents lifecycle,
        final OrderCommands commands,
        final long recorded,
        final JournalFaults faults,
        final FreeSpace freeSpace,
        final Consumer<String> health)
    {
        this.queue = queue;
        this.faults = faults;
        this.freeSpace = freeSpace;
        this.health = health;
        this.recorded = recorded;
        this.lifecycle = lifecycle;
        this.commands = commands;
        this.now = () -> 0;
    }

    /** Where commands take their event time from: the business logic's current time. */
    public void clock(final LongSupplier now)
    {
        this.now = now;
    }

    /**
     * From now on outputs are journaled and forwarded. Call before the business thread starts: an
     * appender used during recovery (on the recovering thread) is closed, so the business thread gets
     * its own (Chronicle appenders belong to one thread).
     */
    public void goLive()
    {
        if (appender != null)
        {
            appender.close();
            appender = null;
        }
        live = true;
    }

    /** Outputs the journal could not record; they were still forwarded. Written by the business thread. */
    public long writeFailures()
    {
        return writeFailures;
    }

    /**
     * While recovering, outputs the journal already holds are dropped. Outputs beyond them are decisions
     * a crash interrupted (the input was journaled, the decision not yet): they are journaled now, so the
     * output journal stays complete, but not forwarded; a command that never left is resolved by the
     * order timeout and lookup like any unanswered order.
     */
    private boolean recordWhileRecovering()
    {
        return ++reproduced > recorded;
    }

    @Override
    public void onLifecycleEvent(final LifecycleEvent event)
    {
        if (!live)
        {
            if (recordWhileRecovering())
            {
                writeLifecycle(event);
            }
            return;
        }
        writeLifecycle(event);
        lifecycle.onLifecycleEvent(event);
    }

    /**
     * A journal that cannot write (disk full, say) must not stop the business logic: the failure is
     * counted and the decision still goes out. The count is visible through {@link #writeFailures()}.
     */
    private void writeLifecycle(final LifecycleEvent event)
    {
        journal(JournalCodec::writeLifecycle, event);
    }

    private <T> void journal(final JournalEntries.Codec<T> codec, final T value)
    {
        try
        {
            faults.beforeWrite();
            freeSpace.check();
            // No pre-faulting: the logic writes here mid-event, with no idle moment of its own, and outputs are few
            // (lifecycle events and commands, not ticks), so their page faults are rare.
            JournalEntries.append(appender(), codec, value, JournalPrefaulter.NONE);
            written();
        }
        catch (final Exception | InternalError ex)
        {
            failed(ex);
        }
    }

    private void written()
    {
        if (failing)
        {
            failing = false;
            health.accept(null);
        }
    }

    /** Counted, reported once per episode; the appender is dropped (a half-written entry must not linger). */
    private void failed(final Throwable ex)
    {
        writeFailures++; // single writer: the business thread
        lastWriteFailure = ex;
        if (ex instanceof FreeSpace.LowDiskSpace)
        {
            reportFailing(ex);
            return;
        }
        final ExcerptAppender broken = appender;
        appender = null;
        if (broken != null)
        {
            try
            {
                broken.close();
            }
            catch (final RuntimeException | InternalError ignored)
            {
                // already failing
            }
        }
        WriteLocks.releaseAfterFailedWrite(queue);
        reportFailing(ex);
    }

    private void reportFailing(final Throwable ex)
    {
        if (!failing)
        {
            failing = true;
            health.accept(JournalHealth.describe(ex));
        }
    }

    /** The latest write failure, or null. */
    public Throwable lastWriteFailure()
    {
        return lastWriteFailure;
    }

    @Override
    public boolean send(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        if (!live)
        {
            if (recordWhileRecovering())
            {
                record(type, buffer, offset, length);
            }
            return true;
        }
        record(type, buffer, offset, length);
        return commands.send(type, buffer, offset, length);
    }

    private void record(final int type, final DirectBuffer buffer, final int offset, final int length)
    {
        journal(JournalCodec::writeCommand, staged.wrap(type, now.getAsLong(), buffer, offset, length));
    }

    private ExcerptAppender appender()
    {
        if (appender == null)
        {
            appender = queue.createAppender();
        }
        return appender;
    }
}
