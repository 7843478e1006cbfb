package dev.ringfence.engine;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs a gate's {@link GateIdleWork}: whatever it throws is printed (the first ten, then at powers of two) and
 * goes no further. Idle work is an optimisation; it must never end a thread of ours nor mark an event.
 * One per engine, shared by its gates' threads.
 */
final class IdleWorkFailures
{
    private final AtomicLong count = new AtomicLong();

    void afterBatch(final GateIdleWork work)
    {
        try
        {
            work.afterBatch();
        }
        catch (final Throwable ex)
        {
            report(ex);
        }
    }

    void quiet(final GateIdleWork work)
    {
        try
        {
            work.quiet();
        }
        catch (final Throwable ex)
        {
            report(ex);
        }
    }

    private void report(final Throwable ex)
    {
        final long failures = count.incrementAndGet();
        if (failures <= 10 || Long.bitCount(failures) == 1)
        {
            System.err.println("ringfence: a gate's idle work failed (" + failures + " failures so far); events are not affected: " + ex);
        }
    }
}
