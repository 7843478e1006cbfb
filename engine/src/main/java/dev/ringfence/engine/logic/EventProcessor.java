package dev.ringfence.engine.logic;

import dev.ringfence.engine.StatusBoard;
import dev.ringfence.engine.config.EngineConfig;
import dev.ringfence.engine.config.SymbolTable;
import dev.ringfence.engine.event.InboundEvent;
import dev.ringfence.engine.event.LifecycleEvents;
import dev.ringfence.engine.event.OrderCommands;
import org.agrona.concurrent.NanoClock;

import java.util.function.LongSupplier;

/**
 * The one way into the business logic, and its one failure policy, for every driver: the live ring's business
 * thread, recovery before start, {@code DirectEngine} (scenarios, journal replay, what-if, reports, tests).
 * An exception that escapes the handling of one event is counted and reported as an {@code ERROR}
 * ({@code EVENT_FAILED}), and processing goes on: stopping would silently switch off the risk guard, and an
 * event that failed live fails the same way when the journal is replayed instead of aborting the start.
 *
 * <p>Owned by one thread at a time (the business thread once the ring runs). State leaves it only as a
 * published snapshot: {@link #statusBoard} for other threads, {@link #publishStatus} for the owner.
 */
public final class EventProcessor
{
    private final BusinessLogic logic;

    public EventProcessor(
        final EngineConfig config,
        final SymbolTable symbols,
        final OrderCommands commands,
        final LifecycleEvents lifecycleEvents,
        final NanoClock nanoClock,
        final LongSupplier ringBacklog)
    {
        this.logic = new BusinessLogic(config, symbols, commands, lifecycleEvents, nanoClock, ringBacklog);
    }

    /** Processes one event under the failure policy; never throws. */
    public void process(final InboundEvent event)
    {
        try
        {
            logic.onEvent(event);
        }
        catch (final Throwable ex)
        {
            failed(ex, event);
        }
    }

    /**
     * The failure policy, for a failure caught around {@link #process} (the ring's exception handler), with
     * {@code event} null when no event was being handled: report and count it; if even reporting fails (a
     * broken outbound port), count that. Never throws: the owning thread must live on regardless.
     */
    public void failed(final Throwable failure, final InboundEvent event)
    {
        try
        {
            // The error path may allocate: naming the failure is worth more than the bytes.
            logic.onEventFailed(failure, event);
        }
        catch (final Throwable reportingFailed)
        {
            logic.onReportingFailed(reportingFailed);
        }
    }

    /**
     * Where the owning thread publishes its status for other threads, on every timer and operator command;
     * set before the engine starts.
     */
    public void statusBoard(final StatusBoard board)
    {
        logic.statusBoard(board);
    }

    /** Owning thread only (or before start, after close): refreshes {@code into} from the current state now. */
    public StatusBoard publishStatus(final StatusBoard into)
    {
        logic.publishStatus(into);
        return into;
    }

    /** Owning thread only: event time, the highest time of an event processed (Long.MIN_VALUE before the first). */
    public long nowMillis()
    {
        return logic.nowMillis();
    }

    /** The logic itself, for tests of this package. */
    BusinessLogic logic()
    {
        return logic;
    }
}
