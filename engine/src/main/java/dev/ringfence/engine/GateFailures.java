package dev.ringfence.engine;

import com.lmax.disruptor.ExceptionHandler;
import dev.ringfence.engine.event.InboundEvent;

import java.util.concurrent.atomic.AtomicLong;

/**
 * Failures of gate handlers (the journal), on their own threads or inline on the business thread, and of a
 * {@link DirectEngine}'s journal consumer: counted, the first few printed, never fatal.
 */
final class GateFailures implements ExceptionHandler<InboundEvent>
{
    private final AtomicLong count = new AtomicLong();

    /** Events a gate failed on, so far; read from any thread. */
    long count()
    {
        return count.get();
    }

    @Override
    public void handleEventException(final Throwable ex, final long sequence, final InboundEvent event)
    {
        // Whatever escaped the gate, this event is not known to be journaled: the slot's flag may still say
        // so from its last use, and the logic must deny entries as it does for any unjournaled event. (No event
        // when a gate's own timeout callback failed: nothing to mark.)
        if (event != null)
        {
            event.notJournaled(true);
        }
        final long failures = count.incrementAndGet();
        if (failures <= 10 || Long.bitCount(failures) == 1)
        {
            System.err.println("ringfence: the journal failed on event " + sequence + " (" + failures +
                " failures so far); the event was still processed, marked as not journaled: " + ex);
        }
    }

    @Override
    public void handleOnStartException(final Throwable ex)
    {
        System.err.println("ringfence: a gate handler failed to start: " + ex);
    }

    @Override
    public void handleOnShutdownException(final Throwable ex)
    {
        System.err.println("ringfence: a gate handler failed to stop: " + ex);
    }
}
