package dev.ringfence.engine;

import com.lmax.disruptor.EventHandler;
import com.lmax.disruptor.RingBuffer;
import com.lmax.disruptor.dsl.Disruptor;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Stops a Disruptor once its last handler has processed everything published to the ring.
 *
 * <p>{@link Disruptor#shutdown(long, TimeUnit)} is not enough for that: it only waits for processors that are
 * already running. A processor whose thread has not reached its run loop yet (a close right after start, on a
 * busy machine) counts as having no backlog, is halted, and then exits without processing a single event,
 * although an earlier handler in the chain (the journal) may already have handled them. Here the wait is on
 * the last handler's own sequence, whatever state its thread is in.
 */
public final class RingDrain
{
    private static final long PAUSE_NANOS = TimeUnit.MICROSECONDS.toNanos(100);

    private RingDrain()
    {
    }

    /**
     * Waits, at most {@code timeout}, until {@code lastHandler} has processed every event published to the
     * ring (new ones included), then halts the processors.
     *
     * @return true when everything published was processed, false when the wait timed out.
     */
    public static <T> boolean drainThenHalt(
        final Disruptor<T> disruptor, final EventHandler<T> lastHandler, final long timeout, final TimeUnit unit)
    {
        final RingBuffer<T> ring = disruptor.getRingBuffer();
        final long deadline = System.nanoTime() + unit.toNanos(timeout);
        boolean drained;
        while (!(drained = disruptor.getSequenceValueFor(lastHandler) >= ring.getCursor()) && System.nanoTime() - deadline < 0)
        {
            // Parked, not spinning: on a machine with few cores the thread waited for needs the core.
            LockSupport.parkNanos(PAUSE_NANOS);
        }
        disruptor.halt();
        return drained;
    }
}
